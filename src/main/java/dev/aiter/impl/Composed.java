package dev.aiter.impl;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Functions applied one after another, as one: what a map after a map becomes ({@link MapStream}).
 * A loop over the functions rather than nested {@code andThen}s, which the JIT would stop inlining
 * at the second level, as it does any method called from itself. A function that returns {@code
 * null} before the last fails the item, as the map it came from would have.
 */
final class Composed implements Function<Object, Object> {

  private final Function<Object, Object>[] steps;

  private Composed(Function<Object, Object>[] steps) {
    this.steps = steps;
  }

  /** {@code first}, then {@code then}; a composition given as {@code first} is extended. */
  @SuppressWarnings("unchecked")
  static <U, V, T> Function<U, T> of(Function<? super U, ? extends V> first,
      Function<? super V, ? extends T> then) {
    Function<?, ?>[] before = first instanceof Composed
        ? ((Composed) first).steps
        : new Function<?, ?>[] {first};
    Function<?, ?>[] steps = Arrays.copyOf(before, before.length + 1);
    steps[before.length] = then;
    return (Function<U, T>) new Composed((Function<Object, Object>[]) steps);
  }

  @Override
  public Object apply(Object item) {
    Function<Object, Object>[] fs = steps;
    Object x = fs[0].apply(item);
    for (int i = 1; i < fs.length; i++) {
      if (x == null) {
        throw Args.nullItem();
      }
      x = fs[i].apply(x);
    }
    return x;
  }
}

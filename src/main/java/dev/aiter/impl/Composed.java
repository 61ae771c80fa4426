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

  /** The index of the last function, the one the map holding this composition added. */
  int lastStep() {
    return steps.length - 1;
  }

  @Override
  public Object apply(Object item) {
    Function<Object, Object>[] fs = steps;
    int i = 0;
    try {
      Object x = fs[0].apply(item);
      for (i = 1; i < fs.length; i++) {
        if (x == null) {
          i--; // the function before returned it: its map fails
          throw Args.nullItem();
        }
        x = fs[i].apply(x);
      }
      return x;
    } catch (Throwable t) {
      throw new StepFailed(i, t);
    }
  }

  /**
   * A function of the composition threw, or returned {@code null} before the last: {@code step}
   * says which, so that the map it came from, and the ones after it, fail (see {@link
   * MapStream}). Never seen outside: the map unwraps it.
   */
  static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int step;

    StepFailed(int step, Throwable cause) {
      super(cause.toString(), cause, false, false);
      this.step = step;
    }
  }
}

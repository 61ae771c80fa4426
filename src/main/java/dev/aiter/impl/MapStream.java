package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * {@code map}: one item out per item in; demand passes through. Buffers: nothing.
 *
 * <p>A map built over a map that nobody has used yet, on its context, takes that map's place: it
 * reads that map's upstream and applies both functions, one after the other, in one stage. So
 * {@code source.map(f).map(g).map(h)} costs one stage per item, not three (and a chain of the same
 * class is no longer cut short by the JIT's limit on inlining a method into itself). The map taken
 * over is consumed, as any stream an operator reads, and is let go of as in a chain: when the map
 * that took its place fails or is stopped while upstream is live, it reads upstream again.
 */
public final class MapStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private final Function<? super U, ? extends T> f;

  private MapStream(Context context, ReadStream<U> source, Function<? super U, ? extends T> f) {
    super(context, source);
    passDemandOn();
    this.f = f;
    subscribe("map");
  }

  private MapStream(Context context, MapStream<U, ?> before, Function<? super U, ? extends T> f) {
    super(context, before);
    passDemandOn();
    this.f = f;
    subscribe("map");
  }

  /** {@code map(f)} of {@code source}: one stage with the map before it, when it may take its place. */
  @SuppressWarnings("unchecked")
  public static <U, T> Aiter<T> of(Context context, ReadStream<U> source, Function<? super U, ? extends T> f) {
    if (source instanceof MapStream && isTakeable((MapStream<?, ?>) source, context)) {
      MapStream<Object, U> before = (MapStream<Object, U>) source;
      return new MapStream<Object, T>(context, (MapStream<Object, ?>) before, Composed.of(before.f, f));
    }
    return new MapStream<>(context, source, f);
  }

  @Override
  protected void onItem(U item) {
    T mapped;
    try {
      mapped = f.apply(item);
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    emit(mapped);
  }
}

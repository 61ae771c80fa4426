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
  /** The map whose place this one took, or {@code null}: its function is the step before ours. */
  private final MapStream<U, ?> before;

  private MapStream(Context context, ReadStream<U> source, Function<? super U, ? extends T> f) {
    super(context, source);
    passDemandOn();
    this.f = f;
    this.before = null;
    subscribe("map");
  }

  private MapStream(Context context, MapStream<U, ?> before, Function<? super U, ? extends T> f) {
    super(context, before);
    passDemandOn();
    this.f = f;
    this.before = before;
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
      fail(t);
      return;
    }
    emit(mapped);
  }

  /**
   * Fails on a function that threw. In one stage with the maps before it, each of those whose
   * own function was the one that failed, or came after it, fails too, once handed upstream back
   * (by the failure of the map after it): in a chain, the failure would have started there. The
   * maps before keep their items: the one that failed had been passed on.
   */
  private void fail(Throwable t) {
    if (!(t instanceof Composed.StepFailed)) {
      failWith(t);
      return;
    }
    Composed.StepFailed failed = (Composed.StepFailed) t;
    Throwable cause = failed.getCause();
    failWith(cause);
    for (MapStream<U, ?> map = before; map != null && map.step() >= failed.step; map = map.before) {
      map.failWith(cause);
    }
  }

  /** Where this map's own function is in the composition it applies: 0 when it applies one. */
  private int step() {
    return f instanceof Composed ? ((Composed) f).lastStep() : 0;
  }
}

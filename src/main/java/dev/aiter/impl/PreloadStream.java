package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * {@code preload(n)}: keeps {@code n} items fetched ahead of the consumer's demand and refills
 * one for each item taken; fetches nothing before the consumer first asks. Buffers: {@code n}.
 */
public final class PreloadStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  private enum Loading { IDLE, STARTED }

  private final int size;
  private final ArrayDeque<T> buffer;
  private Loading loading = Loading.IDLE;
  /** Items asked of upstream that have not come; unbounded while the consumer flows. */
  private long inFlight;

  public PreloadStream(Context context, ReadStream<T> source, int size) {
    super(context, source);
    this.size = size;
    this.buffer = new ArrayDeque<>(Math.min(size, 1024));
    subscribe();
  }

  @Override
  protected void onItem(T item) {
    inFlight = Demand.decrement(inFlight);
    buffer.add(item);
    drain();
  }

  @Override
  protected T poll() {
    T item = buffer.poll();
    if (item != null) {
      topUp(Demand.decrement(demand())); // the consumer is about to take it
    }
    return item;
  }

  @Override
  protected boolean holdsItems() {
    return !buffer.isEmpty();
  }

  @Override
  protected void onRequest(long n) {
    if (loading == Loading.IDLE) {
      loading = Loading.STARTED;
    }
    topUp(demand());
  }

  @Override
  protected void onPause() {
    if (inFlight == Demand.UNBOUNDED) {
      inFlight = 0;
      upstream.pause();
    }
    topUp(0);
  }

  /** Asks upstream for what keeps {@code size} items ahead of {@code consumerDemand}. */
  private void topUp(long consumerDemand) {
    if (loading != Loading.STARTED || !isOpen()) {
      return;
    }
    if (consumerDemand == Demand.UNBOUNDED) {
      if (inFlight != Demand.UNBOUNDED) {
        inFlight = Demand.UNBOUNDED;
        upstream.resume();
      }
      return;
    }
    long want = Demand.add(consumerDemand, size) - buffer.size() - inFlight;
    if (want > 0) {
      inFlight += want;
      upstream.fetch(want);
    }
  }
}

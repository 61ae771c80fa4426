package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * {@code preload(n)}: keeps {@code n} items fetched ahead of what it has delivered, and refills
 * one for each item taken; fetches nothing before the consumer first asks. The consumer's demand,
 * flowing or not, is no licence to read further ahead (contract 4): while delivery waits, the
 * buffer stays full and nothing more is fetched. Buffers: {@code n}.
 */
public final class PreloadStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  private enum Loading { IDLE, STARTED }

  private final int size;
  private final ArrayDeque<T> buffer;
  private Loading loading = Loading.IDLE;
  /** Items asked of upstream that have not come. */
  private long inFlight;

  public PreloadStream(Context context, ReadStream<T> source, int size) {
    super(context, source);
    this.size = size;
    this.buffer = new ArrayDeque<>(Math.min(size, 1024));
    subscribe("preload");
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
      // Topped up once the consumer has it: a top-up inside poll may run other handlers (a sibling
      // fork's) that pause this stream, and the item would wait beside the n fetched ahead.
      callAfterDelivery();
    }
    return item;
  }

  @Override
  protected void afterDelivery() {
    if (hasHandler()) { // else the consumer let go within its handler (take, first): pull nothing (contract 3)
      topUp();
    }
  }

  @Override
  protected boolean holdsItems() {
    return !buffer.isEmpty();
  }

  @Override
  protected void onRequest(long n) {
    loading = Loading.STARTED;
    topUp();
  }

  @Override
  protected void onPause() {
    // What is fetched stays fetched: at most n, waiting in the buffer.
  }

  /** Asks upstream for what keeps {@code size} items ahead of what was delivered. */
  private void topUp() {
    if (loading != Loading.STARTED || !isOpen()) {
      return;
    }
    long want = size - buffer.size() - inFlight;
    if (want > 0) {
      inFlight += want;
      fetchUpstream(want);
    }
  }
}

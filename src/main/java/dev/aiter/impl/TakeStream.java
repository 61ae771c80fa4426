package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code take(n)}: at most {@code n} items, then the end; upstream is let go of at once. What it
 * has received plus what it has asked and not received never exceeds {@code n}, so upstream is
 * never asked for an item beyond the {@code n}th; {@code take(0)} ends without touching upstream.
 * Buffers: nothing.
 */
public final class TakeStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  private final long limit;
  /** Items still to deliver. */
  private long remaining;
  /** Items asked of upstream that have not come; never more than {@code remaining}. */
  private long asked;

  public TakeStream(Context context, ReadStream<T> source, long limit) {
    super(context, source);
    this.limit = limit;
    this.remaining = limit;
    if (limit == 0) {
      complete();
    } else {
      subscribe("take");
    }
  }

  @Override
  protected void onItem(T item) {
    remaining--;
    asked = Math.min(Math.max(asked - 1, 0), remaining);
    emit(item);
    if (remaining == 0) {
      complete(); // after the item, which may still wait for demand
    }
  }

  @Override
  protected void onRequest(long n) {
    long want = Math.min(n, remaining - asked);
    if (want > 0) {
      asked += want;
      fetchUpstream(want);
    }
  }

  @Override
  protected void onPause() {
    asked = 0; // a pause voids what upstream still owed
    pauseUpstream();
  }

  @Override
  protected void onClose() {
    if (limit > 0) { // take(0) never subscribed: upstream's handlers are not ours to clear
      super.onClose();
    }
  }
}

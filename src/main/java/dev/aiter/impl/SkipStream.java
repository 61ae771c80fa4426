package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code skip(n)}: drops the first {@code n} items, asked of upstream on top of the consumer's
 * first demand, then passes the rest one for one. Buffers: nothing.
 */
public final class SkipStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** Whether the items still to drop are part of what upstream was asked for. */
  private enum Skipping { NOT_ASKED, ASKED }

  /** Items still to drop. */
  private long remaining;
  private Skipping skipping = Skipping.NOT_ASKED;

  public SkipStream(Context context, ReadStream<T> source, long n) {
    super(context, source);
    this.remaining = n;
    subscribe("skip");
  }

  @Override
  protected void onItem(T item) {
    if (remaining > 0) {
      remaining--;
      return;
    }
    emit(item);
  }

  @Override
  protected void onRequest(long n) {
    long extra = 0;
    if (remaining > 0 && skipping == Skipping.NOT_ASKED) {
      skipping = Skipping.ASKED;
      extra = remaining;
    }
    fetchUpstream(Demand.add(n, extra));
  }

  @Override
  protected void onPause() {
    skipping = Skipping.NOT_ASKED; // a pause voids what upstream still owed, the skipped items too
    pauseUpstream();
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * The base of the operators that run an asynchronous call per item, up to {@code workers} at once
 * ({@code mapAsync}, {@code peekAsync}, {@code mapAsyncOrdered}): nothing is pulled before the
 * consumer first asks; from then on upstream is asked for as many items as the operator's bound
 * ({@link #room}) allows, also while the consumer is paused (calls keep going up to the bound,
 * their results wait in hand), until upstream ends or a call fails. Runs on the stream's context.
 *
 * @param <U> the upstream item type
 * @param <T> the item type
 */
abstract class WorkersStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  /** Whether calls are started: from the consumer's first request until upstream ends or a call fails. */
  protected enum Loading { IDLE, STARTED, HALTED, UPSTREAM_ENDED }

  protected final int workers;
  protected Loading loading = Loading.IDLE;
  /** Items asked of upstream that have not come. */
  protected int asked;
  /** Calls whose future has not completed. */
  protected int inFlight;

  WorkersStream(Context context, ReadStream<U> source, int workers) {
    super(context, source);
    this.workers = workers;
  }

  /**
   * How many items may be asked of upstream now, {@link #asked} included: each one, if it came now,
   * would start a call within the operator's bound.
   */
  protected abstract int room();

  /** Upstream ended, or a call failed: end or fail the stream when nothing comes before that. */
  protected abstract void settle();

  /** An item came from upstream. More than asked comes when a handler fetched upstream itself. */
  protected final void arrived() {
    if (asked > 0) {
      asked--;
    }
  }

  /**
   * Asks upstream for what the bound allows, as one fetch; a synchronous upstream answers at once.
   * Nothing without a data handler (contract 3): the consumer let go (first(), take), and what its
   * release set off (a pause, a call completing) must not take items nobody will read.
   */
  protected final void refill() {
    if (loading != Loading.STARTED || !isOpen() || !hasHandler()) {
      return;
    }
    int free = room() - asked;
    if (free > 0) {
      asked += free;
      fetchUpstream(free);
    }
  }

  @Override
  protected final void onRequest(long n) {
    if (loading == Loading.IDLE) {
      loading = Loading.STARTED;
    }
    refill();
  }

  @Override
  protected final void onPause() {
    // Calls keep going up to the bound; their results wait in hand. A drain pass that stops for
    // want of demand may have left room unasked (poll asks once per run of deliveries).
    refill();
  }

  @Override
  protected final void onUpstreamEnd() {
    loading = Loading.UPSTREAM_ENDED;
    settle();
  }
}

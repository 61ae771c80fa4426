package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.ToLongFunction;

/**
 * {@code throttle(units, period)}: at most {@code units} of weight per {@code period}, as a bucket
 * of {@code units} that starts full and refills evenly over {@code period}. An item goes out once
 * the bucket holds its weight; an item heavier than {@code units} goes out alone once the bucket is
 * full, leaving it in debt (so the rate holds over time). Upstream is asked for one item at a time,
 * only while the consumer has demand; an item that cannot go yet waits on a Vert.x timer on the
 * stream's context, cancelled when demand goes. A weigher that throws or returns a negative weight
 * fails the stream. Buffers: one item (more only when a handler fetched from upstream itself:
 * those wait behind it, never dropped).
 */
public final class ThrottleStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  private enum Upstream { IDLE, ASKED }

  private final long units;
  private final long periodNanos;
  private final ToLongFunction<? super T> weigher;
  private final StreamTimer timer;
  /** Weight the bucket holds; negative after an item heavier than {@code units}. */
  private double tokens;
  /** When {@link #tokens} was last brought up to date. */
  private long refilledAt;
  /** The item waiting for the bucket, or {@code null}. */
  private T held;
  private long heldWeight;
  /** Items upstream gave beyond the one asked, in order, not yet weighed; {@code null} until one. */
  private ArrayDeque<T> more;
  /** Whether one item was fetched from upstream and has not come yet. */
  private Upstream state = Upstream.IDLE;

  public ThrottleStream(Context context, ReadStream<T> source, long units, long periodNanos,
      ToLongFunction<? super T> weigher) {
    super(context, source);
    this.units = units;
    this.periodNanos = periodNanos;
    this.weigher = weigher;
    this.tokens = units;
    this.refilledAt = System.nanoTime();
    this.timer = new StreamTimer(context, v -> drain());
    subscribe("throttle");
  }

  @Override
  protected void onItem(T item) {
    state = Upstream.IDLE;
    if (held != null || more != null && !more.isEmpty()) {
      // More than asked: a handler fetched from upstream itself (contract 5). Kept, in order.
      if (more == null) {
        more = new ArrayDeque<>();
      }
      more.add(item);
      return;
    }
    hold(item);
    drain();
  }

  /** Weighs {@code item} and holds it; a weigher that throws or says less than 0 fails the stream. */
  private void hold(T item) {
    long weight;
    try {
      weight = weigher.applyAsLong(item);
      if (weight < 0) {
        throw new IllegalArgumentException("the throttle weigher returned " + weight + " for " + item);
      }
    } catch (Throwable t) {
      more = null; // what came after the item that failed is never delivered
      failOnHeldItem(t);
      return;
    }
    held = item;
    heldWeight = weight;
  }

  @Override
  protected T poll() {
    if (held == null) {
      if (more != null && !more.isEmpty()) {
        hold(more.poll());
      } else if (state == Upstream.IDLE && isOpen()) {
        state = Upstream.ASKED;
        fetchUpstream(1); // may deliver at once, setting held
      }
      if (held == null || !canDeliverPolled()) {
        return null; // nothing yet, or other handlers run by the fetch paused this stream: held
      }
    }
    refill();
    // An item heavier than the whole bucket waits for a full one, so it never waits forever.
    double missing = Math.min(heldWeight, units) - tokens;
    if (missing > units * 1e-9) { // not a rounding error of the refill
      timer.schedule((long) Math.ceil(missing * periodNanos / units));
      return null;
    }
    timer.cancel();
    tokens -= heldWeight;
    T item = held;
    held = null;
    return item;
  }

  @Override
  protected boolean holdsItems() {
    return held != null || more != null && !more.isEmpty();
  }

  @Override
  protected void onRequest(long n) {
    // poll() asks upstream for one item at a time.
  }

  @Override
  protected void onPause() {
    timer.cancel(); // no demand: the held item waits without a timer
  }

  @Override
  protected void onClose() {
    timer.cancel();
    super.onClose();
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(units, tokens + (double) (now - refilledAt) * units / periodNanos);
    refilledAt = now;
  }

  /** For tests: the stream's timer. */
  public StreamTimer timer() {
    return timer;
  }
}

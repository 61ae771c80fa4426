package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.TimeoutException;

/**
 * {@code timeout(delay)}: while the consumer has demand, an item, the end or a failure must come
 * within {@code delay} of the last delivery or of the moment demand appeared; otherwise the stream
 * fails with a {@link TimeoutException} naming the delay and lets go of upstream. No time is
 * counted while the consumer has no demand: the timer is cancelled then. A flowing stream does not
 * reset the timer per item: when it fires early it is set again for the time left. Buffers:
 * nothing.
 */
public final class TimeoutStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** Whether time is being counted: only while the consumer has demand. */
  private enum Clock { STOPPED, COUNTING }

  private final long delayNanos;
  /** The delay as the caller gave it, for the failure's message. */
  private final String delayText;
  private final StreamTimer timer;
  private Clock clock = Clock.STOPPED;
  /** When the time being counted started: the last delivery, or the moment demand appeared. */
  private long since;

  public TimeoutStream(Context context, ReadStream<T> source, long delayNanos, String delayText) {
    super(context, source);
    this.delayNanos = delayNanos;
    this.delayText = delayText;
    this.timer = new StreamTimer(context, v -> onTimer());
    subscribe("timeout");
  }

  @Override
  protected void onItem(T item) {
    since = System.nanoTime();
    emit(item);
    if (demand() == 0) {
      stopClock(); // the consumer's demand is met: no time counts until it asks again
    }
  }

  @Override
  protected void onRequest(long n) {
    // The clock starts before the fetch: an upstream that delivers within it may meet the demand
    // (or end) at once, and onItem (or onClose) then stops the clock; started after, it would
    // count with no demand left.
    if (clock == Clock.STOPPED && isOpen()) {
      clock = Clock.COUNTING;
      since = System.nanoTime();
      timer.schedule(delayNanos);
    }
    super.onRequest(n);
  }

  @Override
  protected void onPause() {
    super.onPause();
    stopClock();
  }

  @Override
  protected void onClose() {
    stopClock();
    super.onClose();
  }

  private void stopClock() {
    clock = Clock.STOPPED;
    timer.cancel();
  }

  private void onTimer() {
    if (clock != Clock.COUNTING || !isOpen()) {
      return;
    }
    long left = delayNanos - (System.nanoTime() - since);
    if (left > 0) {
      timer.schedule(left); // something came meanwhile: the delay counts from it
      return;
    }
    clock = Clock.STOPPED;
    failWith(new TimeoutException("nothing came within " + delayText));
  }

  /** For tests: the stream's timer. */
  public StreamTimer timer() {
    return timer;
  }
}

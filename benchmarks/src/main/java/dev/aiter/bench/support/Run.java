package dev.aiter.bench.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark invocation: the consumer's tally (count and sum of the items it received) and the
 * latch the benchmark thread waits on. Items, end and failure arrive on the event loop; the
 * benchmark thread reads the tally only after the latch, which orders the writes before it.
 */
public final class Run {

  private final CountDownLatch done = new CountDownLatch(1);
  private long count;
  private long sum;
  private Throwable failure;
  private String consumer = "flowing consumer";

  /** The consumer's data handler. */
  public void item(Integer x) {
    count++;
    sum += x;
  }

  /** The consumer's end handler. */
  public void end() {
    done.countDown();
  }

  /** The consumer's exception handler. */
  public void fail(Throwable cause) {
    failure = cause;
    done.countDown();
  }

  /** Says how the consumer pulls, for a stall report. */
  public void consumer(String description) {
    this.consumer = description;
  }

  /** Items received so far (racy when read off the event loop; only used for a stall report). */
  public long count() {
    return count;
  }

  public long sum() {
    return sum;
  }

  public String consumerDescription() {
    return consumer;
  }

  boolean await(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Fails unless the stream ended normally after exactly {@code expectedCount} items. */
  void check(long expectedCount, long expectedSum) {
    if (failure != null) {
      throw new IllegalStateException("the stream failed", failure);
    }
    if (count != expectedCount || sum != expectedSum) {
      throw new IllegalStateException("wrong result: " + count + " items summing to " + sum
          + ", expected " + expectedCount + " summing to " + expectedSum);
    }
  }
}

package dev.aiter.bench.support;

/**
 * One round of a benchmark invocation (one chain moving N items): the consumer's tally (count and
 * sum of the items it received) and what to do once it ended or failed. Items, end and failure
 * arrive on the event loop, and so does the call to {@code whenDone}; only the first terminal
 * counts.
 */
public final class Run {

  private enum State { RUNNING, DONE }

  private final Runnable whenDone;
  private State state = State.RUNNING;
  private long count;
  private long sum;
  private Throwable failure;
  private String consumer = "flowing consumer";

  /** The consumer's data handler. */
  public void item(Integer x) {
    count++;
    sum += x;
  }

  Run(Runnable whenDone) {
    this.whenDone = whenDone;
  }

  /** The consumer's end handler. */
  public void end() {
    if (state == State.RUNNING) {
      state = State.DONE;
      whenDone.run();
    }
  }

  /** The consumer's exception handler. */
  public void fail(Throwable cause) {
    if (state == State.RUNNING) {
      state = State.DONE;
      failure = cause;
      whenDone.run();
    }
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

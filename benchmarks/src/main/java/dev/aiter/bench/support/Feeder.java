package dev.aiter.bench.support;

import java.util.function.Consumer;

/**
 * The producer of the gated scenario (S8), on the event loop: each {@link #feed} pushes the next
 * {@link Items#BATCH} items into a push source and stops it after the last one; the consumer calls
 * it again, with a new grant of credits, after each {@link Items#BATCH} items it received, so the
 * push source never holds more than one batch.
 */
public final class Feeder {

  private final Consumer<Integer> push;
  private final Runnable stop;
  private int next;
  private int received;

  public Feeder(Consumer<Integer> push, Runnable stop) {
    this.push = push;
    this.stop = stop;
  }

  /** Pushes the next batch; stops the source once every item was pushed. */
  public void feed() {
    if (next == Items.N) {
      return;
    }
    int end = Math.min(Items.N, next + Items.BATCH);
    Integer[] items = Items.ITEMS;
    while (next < end) {
      push.accept(items[next++]);
    }
    if (next == Items.N) {
      stop.run();
    }
  }

  /** Counts an item the consumer received; true at the end of each batch. */
  public boolean batchDone() {
    if (++received == Items.BATCH) {
      received = 0;
      return true;
    }
    return false;
  }
}

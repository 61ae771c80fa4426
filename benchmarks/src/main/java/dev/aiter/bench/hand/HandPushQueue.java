package dev.aiter.bench.hand;

import java.util.ArrayDeque;

/** A push source by hand: {@code push} queues an item and drains; {@code stop} ends after the queue. */
public final class HandPushQueue<T> extends HandStage<T> {

  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private boolean stopped;

  public void push(T item) {
    queue.add(item);
    drain();
  }

  public void stop() {
    stopped = true;
    drain();
  }

  @Override
  protected void subscribe() {
  }

  @Override
  protected void pass() {
    while (!queue.isEmpty() && canEmit()) {
      deliver(queue.poll());
    }
    if (stopped && queue.isEmpty()) {
      end();
    }
  }
}

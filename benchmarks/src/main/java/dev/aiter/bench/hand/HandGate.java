package dev.aiter.bench.hand;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * gated by hand: {@code push(count)} grants credits, which become {@code fetch(count)} upstream;
 * an item the consumer has no demand for waits in a queue (at most the credits granted).
 */
public final class HandGate<T> extends HandStage<T> {

  private final ReadStream<T> upstream;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private boolean upstreamEnded;

  public HandGate(ReadStream<T> upstream) {
    this.upstream = upstream;
    upstream.pause();
  }

  public void push(long count) {
    upstream.fetch(count);
  }

  @Override
  protected void subscribe() {
    upstream.exceptionHandler(this::fail);
    upstream.endHandler(v -> {
      upstreamEnded = true;
      drain();
    });
    upstream.handler(x -> {
      if (queue.isEmpty() && canEmit()) {
        deliver(x);
      } else {
        queue.add(x);
        drain();
      }
    });
  }

  @Override
  protected void pass() {
    while (!queue.isEmpty() && canEmit()) {
      deliver(queue.poll());
    }
    if (upstreamEnded && queue.isEmpty()) {
      end();
    }
  }
}

package dev.aiter.support;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * A plain stream of 0 .. n - 1 that delivers inside every fetch, also one made from its own
 * handler: the source that makes a consumer asking again from its handler nest one level per item.
 */
public final class EagerRange implements ReadStream<Integer> {
  private final int n;
  private int next;
  private long demand = Long.MAX_VALUE;
  private Handler<Integer> handler;
  private Handler<Void> endHandler;

  public EagerRange(int n) {
    this.n = n;
  }

  @Override
  public ReadStream<Integer> handler(Handler<Integer> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public ReadStream<Integer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public ReadStream<Integer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<Integer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ReadStream<Integer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Integer> fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    while (demand > 0 && handler != null && next < n) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(next++);
    }
    Handler<Void> end = endHandler;
    if (next == n && end != null) {
      endHandler = null;
      end.handle(null);
    }
    return this;
  }
}

package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * The one minimal source every Vert.x contender reads: the items of an array, with real demand
 * ({@code pause()} = 0, {@code fetch(n)} adds, flowing by default), delivered synchronously in one
 * loop that re-entrant {@code fetch} calls only top up, so the stack stays flat. The end is held
 * until an end handler is set. Single-threaded: every call comes from the one event loop.
 */
public final class ArraySource<T> implements ReadStream<T> {

  private final T[] items;
  private int index;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean emitting;
  private boolean ended;

  public ArraySource(T[] items) {
    this.items = items;
  }

  @Override
  public ArraySource<T> handler(Handler<T> handler) {
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public ArraySource<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    drain();
    return this;
  }

  @Override
  public ArraySource<T> exceptionHandler(Handler<Throwable> handler) {
    return this; // an array never fails
  }

  @Override
  public ArraySource<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ArraySource<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ArraySource<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0");
    }
    demand += amount;
    if (demand < 0) {
      demand = Long.MAX_VALUE;
    }
    drain();
    return this;
  }

  private void drain() {
    if (emitting || ended) {
      return; // the loop below is running further up the stack and sees the new demand
    }
    emitting = true;
    try {
      Handler<T> h;
      while (index < items.length && demand > 0 && (h = handler) != null) {
        T item = items[index++];
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        h.handle(item);
      }
      Handler<Void> end = endHandler;
      if (index == items.length && end != null) {
        ended = true;
        end.handle(null);
      }
    } finally {
      emitting = false;
    }
  }
}

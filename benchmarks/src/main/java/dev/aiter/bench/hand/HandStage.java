package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * The few lines a user factors out once they write more than a map by hand: handlers, demand
 * (flowing by default, {@code pause()} = 0, {@code fetch(n)} adds), a drain loop guarded by a
 * work counter so that re-entrant calls and synchronous upstreams keep the stack flat, and an end
 * delivered once. Single-threaded: every call comes from the one event loop.
 */
abstract class HandStage<T> implements ReadStream<T> {

  protected Handler<T> handler;
  protected Handler<Void> endHandler;
  protected Handler<Throwable> exceptionHandler;
  protected long demand = Long.MAX_VALUE;
  private boolean subscribed;
  private boolean done;
  private int wip;

  /** Sets the upstream handlers; called when the first data handler is set. */
  protected abstract void subscribe();

  /** One pass of the drain loop: deliver what demand allows, ask upstream for more, end. */
  protected abstract void pass();

  /** The consumer paused. */
  protected void onPause() {
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    if (handler != null && !subscribed) {
      subscribed = true;
      subscribe();
    }
    drain();
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    drain();
    return this;
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    demand = 0;
    onPause();
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<T> fetch(long amount) {
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

  protected final void drain() {
    if (wip++ != 0) {
      return; // the loop further up the stack goes round again
    }
    for (;;) {
      if (!done && subscribed) {
        pass();
      }
      if (wip == 1) {
        wip = 0;
        return;
      }
      wip = 1;
    }
  }

  protected final boolean canEmit() {
    return !done && demand > 0 && handler != null;
  }

  protected final void deliver(T item) {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(item);
  }

  /** Delivers the end once, when an end handler is set (else when one is). */
  protected final void end() {
    Handler<Void> h = endHandler;
    if (!done && h != null) {
      done = true;
      h.handle(null);
    }
  }

  protected final void fail(Throwable cause) {
    if (!done) {
      done = true;
      Handler<Throwable> h = exceptionHandler;
      if (h != null) {
        h.handle(cause);
      }
    }
  }
}

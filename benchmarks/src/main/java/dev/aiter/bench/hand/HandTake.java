package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * take(n) as a user writes it by hand: upstream is never asked for more than the items still due;
 * the n-th item is followed by the end, and upstream is let go of. Single-threaded: every call
 * comes from the one event loop.
 */
public final class HandTake<T> implements ReadStream<T> {

  private final ReadStream<T> upstream;
  /** Items still to deliver. */
  private long remaining;
  /** Items asked of upstream and not received; never more than {@code remaining}. */
  private long asked;
  private Handler<Void> endHandler;

  public HandTake(ReadStream<T> upstream, long n) {
    this.upstream = upstream;
    this.remaining = n;
  }

  @Override
  public HandTake<T> handler(Handler<T> handler) {
    if (handler == null) {
      upstream.handler(null);
      return this;
    }
    upstream.pause();
    upstream.handler(item -> {
      remaining--;
      asked--;
      handler.handle(item);
      if (remaining == 0) {
        upstream.pause();
        upstream.handler(null);
        upstream.endHandler(null);
        Handler<Void> end = endHandler;
        if (end != null) {
          end.handle(null);
        }
      }
    });
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandTake<T> exceptionHandler(Handler<Throwable> handler) {
    upstream.exceptionHandler(handler);
    return this;
  }

  @Override
  public HandTake<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    upstream.endHandler(endHandler);
    return this;
  }

  @Override
  public HandTake<T> pause() {
    asked = 0;
    upstream.pause();
    return this;
  }

  @Override
  public HandTake<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandTake<T> fetch(long amount) {
    long want = Math.min(amount, remaining - asked);
    if (want > 0) {
      asked += want;
      upstream.fetch(want);
    }
    return this;
  }
}

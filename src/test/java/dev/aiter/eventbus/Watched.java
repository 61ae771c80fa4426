package dev.aiter.eventbus;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source as a producer sees it, watched from outside: a plain {@link ReadStream} (not an Aiter,
 * so the library adopts it) over {@code delegate} that counts the items it passes on ({@link
 * #pulled}) and completes {@link #released} once the adopter lets go of it (sets its data handler
 * back to null). Safe to read from any thread.
 */
final class Watched<T> implements ReadStream<T> {

  final AtomicLong pulled = new AtomicLong();
  final CompletableFuture<Void> released = new CompletableFuture<>();
  private final ReadStream<T> delegate;
  private volatile boolean held;

  Watched(ReadStream<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    if (handler == null) {
      delegate.handler(null);
      if (held) {
        released.complete(null);
      }
    } else {
      held = true;
      delegate.handler(item -> {
        pulled.incrementAndGet();
        handler.handle(item);
      });
    }
    return this;
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    delegate.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    delegate.pause();
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    delegate.resume();
    return this;
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    delegate.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    delegate.endHandler(endHandler);
    return this;
  }
}

package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * map as a user writes it by hand: demand and end are upstream's, the data handler is wrapped;
 * a function that throws pauses upstream and goes to the exception handler.
 */
public final class HandMap<T, R> implements ReadStream<R> {

  private final ReadStream<T> upstream;
  private final Function<? super T, ? extends R> f;
  private Handler<Throwable> exceptionHandler;

  public HandMap(ReadStream<T> upstream, Function<? super T, ? extends R> f) {
    this.upstream = upstream;
    this.f = f;
  }

  @Override
  public HandMap<T, R> handler(Handler<R> handler) {
    if (handler == null) {
      upstream.handler(null);
    } else {
      upstream.handler(item -> {
        R mapped;
        try {
          mapped = f.apply(item);
        } catch (Throwable t) {
          upstream.pause();
          upstream.handler(null);
          Handler<Throwable> onFailure = exceptionHandler;
          if (onFailure != null) {
            onFailure.handle(t);
          }
          return;
        }
        handler.handle(mapped);
      });
    }
    return this;
  }

  @Override
  public HandMap<T, R> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    upstream.exceptionHandler(handler);
    return this;
  }

  @Override
  public HandMap<T, R> endHandler(Handler<Void> endHandler) {
    upstream.endHandler(endHandler);
    return this;
  }

  @Override
  public HandMap<T, R> pause() {
    upstream.pause();
    return this;
  }

  @Override
  public HandMap<T, R> resume() {
    upstream.resume();
    return this;
  }

  @Override
  public HandMap<T, R> fetch(long amount) {
    upstream.fetch(amount);
    return this;
  }
}

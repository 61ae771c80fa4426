package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.function.Predicate;

/**
 * filter as a user writes it by hand: the data handler is wrapped and drops what does not match;
 * while the consumer's demand is finite, a dropped item is asked for again so the demand is met.
 * Demand and end are upstream's. Single-threaded: every call comes from the one event loop.
 */
public final class HandFilter<T> implements ReadStream<T> {

  private final ReadStream<T> upstream;
  private final Predicate<? super T> predicate;
  /** The consumer's demand as passed upstream: flowing by default. */
  private long demand = Long.MAX_VALUE;

  public HandFilter(ReadStream<T> upstream, Predicate<? super T> predicate) {
    this.upstream = upstream;
    this.predicate = predicate;
  }

  @Override
  public HandFilter<T> handler(Handler<T> handler) {
    if (handler == null) {
      upstream.handler(null);
    } else {
      upstream.handler(item -> {
        if (predicate.test(item)) {
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          handler.handle(item);
        } else if (demand != Long.MAX_VALUE) {
          upstream.fetch(1);
        }
      });
    }
    return this;
  }

  @Override
  public HandFilter<T> exceptionHandler(Handler<Throwable> handler) {
    upstream.exceptionHandler(handler);
    return this;
  }

  @Override
  public HandFilter<T> endHandler(Handler<Void> endHandler) {
    upstream.endHandler(endHandler);
    return this;
  }

  @Override
  public HandFilter<T> pause() {
    demand = 0;
    upstream.pause();
    return this;
  }

  @Override
  public HandFilter<T> resume() {
    demand = Long.MAX_VALUE;
    upstream.resume();
    return this;
  }

  @Override
  public HandFilter<T> fetch(long amount) {
    demand += amount;
    if (demand < 0) {
      demand = Long.MAX_VALUE;
    }
    upstream.fetch(amount);
    return this;
  }
}

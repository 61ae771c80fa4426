package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * concat as a user writes it by hand: the sources one after another, the next one subscribed
 * (paused) when the one before ends and handed the demand still unmet; the consumer's handler is
 * set on each source directly. Single-threaded: every call comes from the one event loop.
 */
public final class HandConcat<T> implements ReadStream<T> {

  private final List<? extends ReadStream<T>> sources;
  private int next;
  private ReadStream<T> current;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** The consumer's demand not yet met: flowing by default. */
  private long demand = Long.MAX_VALUE;

  public HandConcat(List<? extends ReadStream<T>> sources) {
    this.sources = sources;
  }

  @Override
  public HandConcat<T> handler(Handler<T> handler) {
    this.handler = handler;
    if (handler != null && current == null && next == 0) {
      advance();
    } else if (current != null) {
      current.handler(handler == null ? null : this::onItem);
    }
    return this;
  }

  private void onItem(T item) {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(item);
  }

  private void advance() {
    if (current != null) {
      current.handler(null);
      current.endHandler(null);
      current = null;
    }
    if (next == sources.size()) {
      Handler<Void> end = endHandler;
      if (end != null) {
        end.handle(null);
      }
      return;
    }
    ReadStream<T> source = sources.get(next++);
    current = source;
    source.pause();
    source.exceptionHandler(exceptionHandler);
    source.endHandler(v -> advance());
    source.handler(this::onItem);
    if (demand > 0) {
      source.fetch(demand);
    }
  }

  @Override
  public HandConcat<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    if (current != null) {
      current.exceptionHandler(handler);
    }
    return this;
  }

  @Override
  public HandConcat<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public HandConcat<T> pause() {
    demand = 0;
    if (current != null) {
      current.pause();
    }
    return this;
  }

  @Override
  public HandConcat<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandConcat<T> fetch(long amount) {
    demand += amount;
    if (demand < 0) {
      demand = Long.MAX_VALUE;
    }
    if (current != null) {
      current.fetch(amount);
    }
    return this;
  }
}

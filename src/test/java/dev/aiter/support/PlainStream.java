package dev.aiter.support;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * A stream that is not an Aiter: a plain delegating {@link ReadStream}, so that the library adopts
 * it as it would a socket or an event-bus consumer. {@code onCall} runs at the start of every call
 * into it (to record where calls are made).
 */
public record PlainStream<T>(ReadStream<T> delegate, Runnable onCall) implements ReadStream<T> {

  /** A plain stream over {@code delegate} that records nothing. */
  public PlainStream(ReadStream<T> delegate) {
    this(delegate, () -> { });
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    onCall.run();
    delegate.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    onCall.run();
    delegate.handler(handler);
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    onCall.run();
    delegate.pause();
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    onCall.run();
    delegate.resume();
    return this;
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    onCall.run();
    delegate.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    onCall.run();
    delegate.endHandler(endHandler);
    return this;
  }
}

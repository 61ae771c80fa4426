package dev.aiter.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.NoSuchElementException;

/**
 * {@code first()}: asks a stream for one item; the future completes with it and the stream is
 * stopped (it no longer pulls, and lets go of its upstream). An empty stream fails the future with
 * {@link NoSuchElementException}, a failed one with its failure. Buffers: nothing.
 */
public final class First<T> {

  private final ReadStream<T> stream;
  private final Promise<T> first = Promise.promise();

  private First(ReadStream<T> stream) {
    this.stream = stream;
  }

  /** The first item of {@code stream}; every call runs on the stream's context. */
  public static <T> Future<T> of(ReadStream<T> stream) {
    BaseAiter.claim(stream, "first");
    First<T> first = new First<>(stream);
    stream.pause();
    stream.exceptionHandler(first.first::tryFail);
    stream.endHandler(v -> first.first.tryFail(new NoSuchElementException("the stream ended without an item")));
    stream.handler(first::onItem);
    stream.fetch(1);
    return first.first.future();
  }

  private void onItem(T item) {
    Terminals.stop(stream);
    first.tryComplete(item);
  }
}

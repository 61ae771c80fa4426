package dev.aiter.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * {@code forEach(handler)}: consumes a stream, flowing; the future completes at its end and fails
 * with its failure. A handler that throws fails the future with that exception and stops the
 * stream (it no longer pulls, and lets go of its upstream). Buffers: nothing.
 */
public final class ForEach<T> {

  private final ReadStream<T> stream;
  private final Handler<? super T> handler;
  private final Promise<Void> done = Promise.promise();

  private ForEach(ReadStream<T> stream, Handler<? super T> handler) {
    this.stream = stream;
    this.handler = handler;
  }

  /** Consumes {@code stream} with {@code handler}; every call runs on the stream's context. */
  public static <T> Future<Void> run(ReadStream<T> stream, Handler<? super T> handler) {
    return run(stream, handler, "forEach");
  }

  /**
   * {@code collect(collector)}: a {@code forEach} with the collector's accumulator, then its
   * finisher. Unlike {@code ReadStream.collect}, which sets the data handler first, the exception
   * handler is set before anything can be delivered, so a failure already reached fails the
   * future instead of going to the context. Buffers: what the collector keeps.
   */
  public static <T, A, R> Future<R> collect(ReadStream<T> stream, Collector<T, A, R> collector) {
    A container = collector.supplier().get();
    BiConsumer<A, T> accumulator = collector.accumulator();
    return run(stream, item -> accumulator.accept(container, item), "collect")
        .map(v -> collector.finisher().apply(container));
  }

  private static <T> Future<Void> run(ReadStream<T> stream, Handler<? super T> handler, String by) {
    BaseAiter.claim(stream, by);
    ForEach<T> forEach = new ForEach<>(stream, handler);
    stream.exceptionHandler(forEach.done::tryFail);
    stream.endHandler(v -> forEach.done.tryComplete());
    stream.handler(forEach::onItem);
    stream.resume();
    return forEach.done.future();
  }

  private void onItem(T item) {
    try {
      handler.handle(item);
    } catch (Throwable t) {
      // Not a consumer's bug to report and go on (contract 7): here it ends the consumption.
      Terminals.stop(stream);
      done.tryFail(t);
    }
  }
}

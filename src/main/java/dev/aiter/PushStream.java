package dev.aiter;

import dev.aiter.impl.Contexts;
import dev.aiter.impl.PushStreamImpl;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import java.util.Iterator;

/**
 * A source you push items into: aiter's {@code push_aiter}. It is also a {@link WriteStream}, so
 * {@code anyReadStream.pipeTo(pushStream)} is flow-controlled through {@link #writeQueueFull()} and
 * {@link #drainHandler}, while {@link #push} itself never blocks and never drops.
 *
 * <p><b>Buffers:</b> without bound: every pushed item is held until delivered.
 * <b>Context:</b> {@code push}, {@code write}, {@code stop}, {@code fail}, {@code end} and the
 * queries may be called from any thread; each appends to a thread-safe buffer before it returns,
 * so the queries see every call that has returned, and each thread's items keep their order.
 * Delivery and every handler run on the stream's context.
 *
 * @param <T> the item type
 */
public interface PushStream<T> extends Aiter<T>, WriteStream<T> {

  /** A new, empty push stream on the caller's context, or on a new one of {@code vertx}. */
  static <T> PushStream<T> create(Vertx vertx) {
    return new PushStreamImpl<>(Contexts.of(vertx));
  }

  /** A new, empty push stream whose handlers run on {@code context}. */
  static <T> PushStream<T> create(Context context) {
    return new PushStreamImpl<>(context);
  }

  /**
   * Appends {@code item}; it is delivered when the consumer has demand.
   *
   * @throws NullPointerException if {@code item} is null
   * @throws IllegalStateException after {@link #stop()} or {@link #fail}
   */
  PushStream<T> push(T item);

  /**
   * Appends {@code items} in order, all or none.
   *
   * @throws NullPointerException if {@code items} or one of them is null
   * @throws IllegalStateException after {@link #stop()} or {@link #fail}
   */
  @SuppressWarnings("unchecked") // an interface method cannot be @SafeVarargs; the array is only read
  PushStream<T> push(T... items);

  /** Ends the stream once the items already pushed are delivered. Calling it again does nothing. */
  void stop();

  /**
   * Fails the stream with {@code cause} once the items already pushed are delivered.
   *
   * @throws NullPointerException if {@code cause} is null
   * @throws IllegalStateException after {@link #stop()} or {@link #fail}
   */
  void fail(Throwable cause);

  /** Whether {@link #stop()}, {@link #fail} or {@link #end()} was called; items may remain. */
  boolean isStopped();

  /** Whether an item is buffered and not yet delivered. */
  boolean isItemAvailable();

  /** Whether at least {@code n} items are buffered and not yet delivered. */
  boolean isLenAtLeast(long n);

  /** A snapshot of the buffered items, oldest first: a peek that consumes nothing. */
  Iterator<T> availableIterator();

  /** The number of items buffered and not yet delivered. */
  int size();

  /** {@link #push}es {@code data}: the future is completed once it is buffered, failed after the end. */
  @Override
  Future<Void> write(T data);

  /** {@link #stop()}s the stream; the future completes at once. */
  @Override
  Future<Void> end();

  /** The number of buffered items at which {@link #writeQueueFull()} turns true (default 1024). */
  @Override
  PushStream<T> setWriteQueueMaxSize(int maxSize);

  /** Whether the buffered items reached the write queue size: a pipe then pauses its source. */
  @Override
  boolean writeQueueFull();

  /**
   * Called on the context once a write queue that {@link #writeQueueFull()} reported full has been
   * delivered down to half its size (as a pipe, or any writer that asks before it waits, needs).
   */
  @Override
  PushStream<T> drainHandler(Handler<Void> handler);

  @Override
  PushStream<T> exceptionHandler(Handler<Throwable> handler);

  @Override
  PushStream<T> handler(Handler<T> handler);

  @Override
  PushStream<T> pause();

  @Override
  PushStream<T> resume();

  @Override
  PushStream<T> fetch(long amount);

  @Override
  PushStream<T> endHandler(Handler<Void> endHandler);
}

package dev.aiter;

import io.vertx.core.Handler;

/**
 * aiter's {@code gated_aiter}: a stream whose items pass only as far as the credits given with
 * {@link #push(long)} and the consumer's own demand allow.
 *
 * <p><b>Demand:</b> each {@code push(count)} is turned at once into {@code fetch(count)} upstream,
 * even before the consumer asks; the consumer's {@code fetch}/{@code pause} then pace delivery.
 * <b>Buffers:</b> at most the credits granted and not yet delivered. <b>Context:</b> the source's;
 * {@code push} and {@code stop} may be called from any thread and are carried onto it.
 *
 * @param <T> the item type
 */
public interface GatedStream<T> extends Aiter<T> {

  /**
   * Lets {@code count} more items through (credits are cumulative); ignored after {@link #stop()}.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  void push(long count);

  /** Ends the stream once the items already authorised have been delivered. */
  void stop();

  @Override
  GatedStream<T> handler(Handler<T> handler);

  @Override
  GatedStream<T> pause();

  @Override
  GatedStream<T> resume();

  @Override
  GatedStream<T> fetch(long amount);

  @Override
  GatedStream<T> endHandler(Handler<Void> endHandler);

  @Override
  GatedStream<T> exceptionHandler(Handler<Throwable> handler);
}

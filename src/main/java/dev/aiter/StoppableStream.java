package dev.aiter;

import io.vertx.core.Handler;

/**
 * aiter's {@code stoppable_aiter}: its source's items, until {@link #stop()}.
 *
 * <p><b>Demand:</b> passed through one for one. <b>Buffers:</b> nothing. <b>Context:</b> the
 * source's; {@code stop} may be called from any thread and is carried onto it.
 *
 * @param <T> the item type
 */
public interface StoppableStream<T> extends Aiter<T> {

  /**
   * Ends the stream at once: the end handler runs, nothing more is delivered, and the source is
   * paused and let go of (never closed: it stays the caller's).
   */
  void stop();

  @Override
  StoppableStream<T> handler(Handler<T> handler);

  @Override
  StoppableStream<T> pause();

  @Override
  StoppableStream<T> resume();

  @Override
  StoppableStream<T> fetch(long amount);

  @Override
  StoppableStream<T> endHandler(Handler<Void> endHandler);

  @Override
  StoppableStream<T> exceptionHandler(Handler<Throwable> handler);
}

package dev.aiter;

import io.vertx.core.Handler;

/**
 * aiter's {@code aiter_forker}: one of several streams that yield the same items, in the same
 * order, from one source. The forker returned by {@link Aiter#forker} is itself the first fork.
 *
 * <p><b>Demand:</b> an active fork pulls from the source, one item at a time, as its consumer
 * asks; a passive fork only sees what active forks pulled. <b>Buffers:</b> an item is held until
 * every fork that has neither ended nor been stopped has passed it, and no longer: what the slowest
 * live fork has not yet passed, without bound; for a forker made with a {@code maxLag} ({@link
 * Aiter#forker(io.vertx.core.streams.ReadStream, int)}), at most {@code maxLag} items, since no item
 * is pulled that would leave the slowest live fork further behind. <b>Context:</b> the source's; {@link #fork} must be
 * called on it, {@link #stop} may be called from any thread.
 *
 * @param <T> the item type
 */
public interface ForkStream<T> extends Aiter<T> {

  /** {@code fork(true)}. */
  ForkStream<T> fork();

  /**
   * A new fork that starts at this fork's position: it yields the items this fork has not yet
   * delivered, and every later one.
   *
   * @param active whether the new fork pulls from the source when its consumer asks
   * @throws IllegalStateException if called off the forker's context, or once every fork was
   *     stopped before the source ended (the forker has then let go of the source)
   */
  ForkStream<T> fork(boolean active);

  /** Ends this fork at once (its end handler runs); the items it held are released. */
  void stop();

  @Override
  ForkStream<T> handler(Handler<T> handler);

  @Override
  ForkStream<T> pause();

  @Override
  ForkStream<T> resume();

  @Override
  ForkStream<T> fetch(long amount);

  @Override
  ForkStream<T> endHandler(Handler<Void> endHandler);

  @Override
  ForkStream<T> exceptionHandler(Handler<Throwable> handler);
}

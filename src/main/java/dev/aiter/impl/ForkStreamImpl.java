package dev.aiter.impl;

import dev.aiter.ForkStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * One fork of a {@code forker}: it yields every item pulled from the shared upstream from its
 * starting position on. An active fork pulls (one item at a time) as its consumer asks; a passive
 * one only sees what active forks pulled. Buffers: through the shared list, what the slowest live
 * fork has not yet passed: without bound, or at most {@code maxLag} items for a bounded forker.
 */
public final class ForkStreamImpl<T> extends BaseAiter<T, ForkStream<T>> implements ForkStream<T> {

  private final Forker<T> forker;
  private final boolean active;
  /** The node whose item this fork yields next; {@code null} once the fork is closed. */
  private Forker.Node<T> cursor;

  /** The forker itself: the first, active fork over {@code source}. */
  public static <T> ForkStream<T> create(Context context, ReadStream<T> source) {
    return create(context, source, Forker.UNBOUNDED);
  }

  /** The forker itself over {@code source}, its forks never more than {@code maxLag} items apart. */
  public static <T> ForkStream<T> create(Context context, ReadStream<T> source, long maxLag) {
    Forker<T> forker = new Forker<>(context, source, maxLag);
    ForkStreamImpl<T> first = new ForkStreamImpl<>(forker, forker.tail(), true);
    forker.start();
    return first;
  }

  private ForkStreamImpl(Forker<T> forker, Forker.Node<T> cursor, boolean active) {
    super(forker.context);
    this.forker = forker;
    this.cursor = cursor;
    this.active = active;
    forker.add(this);
  }

  @Override
  public ForkStream<T> fork() {
    return fork(true);
  }

  @Override
  public ForkStream<T> fork(boolean active) {
    if (!isOnContext()) {
      throw new IllegalStateException("fork() must be called on the forker's context, where the"
          + " fork's starting position is defined");
    }
    if (forker.isAbandoned()) {
      throw new IllegalStateException("fork() after every fork of this forker was stopped: the"
          + " forker has let go of its source, so a new fork would never get an item");
    }
    ForkStreamImpl<T> fork = new ForkStreamImpl<>(forker, cursor == null ? forker.tail() : cursor, active);
    fork.signal();
    return fork;
  }

  @Override
  public void stop() {
    closeNow();
  }

  @Override
  protected T poll() {
    if (cursor != null && cursor.next == null && active) {
      forker.pull(); // may fill the cursor's node at once, or end this fork
      if (!canDeliverPolled()) {
        return null; // the other forks' handlers ran in the pull and paused or stopped this one
      }
    }
    if (cursor == null) {
      return null;
    }
    if (cursor.next == null) {
      endIfUpstreamDone();
      return null;
    }
    T item = cursor.item;
    cursor = cursor.next;
    if (cursor.next == null) {
      endIfUpstreamDone();
    }
    if (forker.isBounded()) {
      // The forker learns that this fork passed the item once the consumer has it, not before:
      // the forks it unblocks run their handlers, which may pause this one, and the item must not
      // be left in neither the list nor the consumer's hands (beyond maxLag, unseen by a new fork).
      callAfterDelivery();
    }
    return item;
  }

  @Override
  protected void afterDelivery() {
    forker.advanced();
  }

  @Override
  protected void onClose() {
    cursor = null;
    forker.remove(this);
  }

  /** The shared list changed: deliver what this fork can. */
  void signal() {
    if (cursor != null) {
      if (cursor.next == null) {
        endIfUpstreamDone();
      }
      drain();
    }
  }

  /** The absolute position of the next item this fork yields. */
  long position() {
    return cursor == null ? Long.MAX_VALUE : cursor.index;
  }

  /** For tests: the number of items kept for the slowest live fork. */
  public long retained() {
    return forker.retained();
  }

  private void endIfUpstreamDone() {
    if (forker.isEnded() && isOpen()) {
      if (forker.failure() == null) {
        complete();
      } else {
        failWith(forker.failure());
      }
    }
  }
}

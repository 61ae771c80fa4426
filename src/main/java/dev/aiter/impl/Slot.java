package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * One upstream of a multi-source operator ({@code zip}, {@code join}): subscribed paused, asked for
 * one item at a time, holding at most that one item until its owner takes it.
 */
final class Slot<T> {

  /** What a slot tells its owner; every call runs on the owner's context. */
  interface Owner<T> {
    void onSlotItem(Slot<T> slot);

    void onSlotEnd(Slot<T> slot);

    void onSlotFailure(Slot<T> slot, Throwable cause);
  }

  private final ReadStream<T> stream;
  private final Owner<T> owner;
  /** The item in hand, or {@code null}. */
  private T item;
  /** One item was fetched and has not come yet. */
  private boolean asked;
  /** The stream ended (or failed, with {@code failure}); an item in hand may remain. */
  private boolean ended;
  private Throwable failure;

  Slot(Context context, ReadStream<? extends T> source, Owner<T> owner) {
    @SuppressWarnings("unchecked")
    ReadStream<T> adopted = (ReadStream<T>) AdoptedStream.on(context, source);
    this.stream = adopted;
    this.owner = owner;
  }

  void subscribe() {
    stream.pause();
    stream.exceptionHandler(cause -> {
      ended = true;
      failure = cause;
      owner.onSlotFailure(this, cause);
    });
    stream.endHandler(v -> {
      ended = true;
      owner.onSlotEnd(this);
    });
    stream.handler(item -> {
      asked = false;
      this.item = item;
      owner.onSlotItem(this);
    });
  }

  /** Asks for the next item unless one is in hand or on its way. */
  void ask() {
    if (item == null && !asked && !ended) {
      asked = true;
      stream.fetch(1);
    }
  }

  boolean hasItem() {
    return item != null;
  }

  /** The stream ended and nothing is left in hand. */
  boolean isSpent() {
    return ended && item == null;
  }

  /** The cause the stream failed with, or {@code null}. */
  Throwable failure() {
    return failure;
  }

  T take() {
    T taken = item;
    item = null;
    return taken;
  }

  /** Stops pulling and lets go of the stream (contract 9); the stream stays its owner's. */
  void release() {
    ended = true;
    stream.pause();
    stream.handler(null);
    stream.endHandler(null);
    stream.exceptionHandler(null);
  }
}

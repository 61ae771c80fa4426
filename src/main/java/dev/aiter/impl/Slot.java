package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * One upstream of a multi-source operator ({@code zip}, {@code join}): subscribed paused, asked for
 * one item at a time, holding that item until its owner takes it. Items the stream delivers
 * beyond that one (a handler fetched from it directly, contract 5) are kept behind it, in order,
 * never dropped.
 */
final class Slot<T> {

  /** What a slot tells its owner; every call runs on the owner's context. */
  interface Owner<T> {
    void onSlotItem(Slot<T> slot);

    void onSlotEnd(Slot<T> slot);

    void onSlotFailure(Slot<T> slot, Throwable cause);
  }

  private enum Upstream {
    /** Nothing asked of the stream. */
    IDLE,
    /** One item was fetched and has not come yet. */
    ASKED,
    /** The stream ended (or failed, with {@code failure}); items in hand may remain. */
    ENDED
  }

  private final ReadStream<T> stream;
  private final Owner<T> owner;
  /** The item in hand, or {@code null}. */
  private T item;
  /** Items delivered beyond the one in hand; {@code null} until there is one. */
  private ArrayDeque<T> more;
  private Upstream state = Upstream.IDLE;
  private Throwable failure;

  Slot(Context context, ReadStream<? extends T> source, Owner<T> owner) {
    @SuppressWarnings("unchecked")
    ReadStream<T> adopted = (ReadStream<T>) AdoptedStream.on(context, source);
    this.stream = adopted;
    this.owner = owner;
  }

  void subscribe() {
    Class<?> by = owner.getClass();
    while (by.getEnclosingClass() != null && by.isAnonymousClass()) {
      by = by.getEnclosingClass();
    }
    BaseAiter.claim(stream, by.getSimpleName());
    stream.pause();
    stream.exceptionHandler(cause -> {
      state = Upstream.ENDED;
      failure = cause;
      owner.onSlotFailure(this, cause);
    });
    stream.endHandler(v -> {
      state = Upstream.ENDED;
      owner.onSlotEnd(this);
    });
    stream.handler(this::onItem);
  }

  private void onItem(T delivered) {
    if (state == Upstream.ASKED) {
      state = Upstream.IDLE;
    }
    if (item == null) {
      item = delivered;
    } else {
      if (more == null) {
        more = new ArrayDeque<>();
      }
      more.add(delivered);
    }
    owner.onSlotItem(this);
  }

  /** Asks for the next item unless one is in hand or on its way. */
  void ask() {
    if (item == null && state == Upstream.IDLE) {
      state = Upstream.ASKED;
      stream.fetch(1);
    }
  }

  boolean hasItem() {
    return item != null;
  }

  /** The stream ended and nothing is left in hand. */
  boolean isSpent() {
    return state == Upstream.ENDED && item == null;
  }

  /** The cause the stream failed with, or {@code null}. */
  Throwable failure() {
    return failure;
  }

  T take() {
    T taken = item;
    item = more == null ? null : more.poll();
    return taken;
  }

  /** Stops pulling and lets go of the stream (contract 9); the stream stays its owner's. */
  void release() {
    state = Upstream.ENDED;
    BaseAiter.release(stream);
  }
}

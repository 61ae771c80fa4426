package dev.aiter.impl;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * One upstream of a multi-source operator ({@code zip}, {@code join}), read directly: subscribed
 * paused, then either asked for one item at a time ({@link #ask}) or let flow while its owner has
 * demand ({@link #flow} / {@link #stop}). A stream of ours on the owner's context, and a foreign
 * one once it delivered there, flow on {@code resume()}: their pause takes effect at once. Any
 * other is let flow one {@code fetch(1)} at a time, since it may deliver on another thread, where
 * a pause reaches it only after it sent who knows how much (the owner's bound of one item per
 * stream would not hold). It holds what the stream delivered until its owner takes
 * it; items beyond what was asked (a handler fetched from the stream directly, contract 5, or a
 * stream on another thread that had not yet seen a pause) are kept behind it, in order, never
 * dropped.
 *
 * <p>A stream of ours on the owner's context is called and heard directly. Any other stream's
 * signals are carried onto the owner's context when they come from elsewhere, and a foreign
 * stream is called on its own context through a {@link ForeignUpstream} (contract 1). No layer of
 * adoption sits between: one item costs one handler call.
 */
final class Slot<T> {

  /** What a slot tells its owner; every call runs on the owner's context. */
  interface Owner<T> {
    void onSlotItem(Slot<T> slot);

    /**
     * An item from a flowing slot with nothing in hand, which the owner may pass straight on
     * (join: its consumer has demand while its inner streams flow); by default the slot holds it
     * and calls {@link #onSlotItem}.
     */
    default void onFlowingItem(Slot<T> slot, T item) {
      slot.hold(item);
      onSlotItem(slot);
    }

    void onSlotEnd(Slot<T> slot);

    void onSlotFailure(Slot<T> slot, Throwable cause);
  }

  // The upstream's state: int constants rather than an enum, since the state is written twice per
  // item (asked, then delivered) and a reference store costs a GC write barrier each time.
  /** Nothing asked of the stream. */
  private static final int IDLE = 0;
  /** One item was fetched and has not come yet. */
  private static final int ASKED = 1;
  /** The stream was resumed: it delivers until {@link #stop}. */
  private static final int FLOWING = 2;
  /** The stream ended (or failed, with {@code failure}); items in hand may remain. */
  private static final int ENDED = 3;
  /** Flowing one item at a time (a stream that is not local): one item asked, not come yet. */
  private static final int PACED = 4;
  /** As {@link #PACED}, within the {@code fetch(1)} call: an item coming now is asked again after it. */
  private static final int PACED_ASKING = 5;
  /** Flowing one item at a time: the item asked came and is being handed on; asked again after. */
  private static final int PACED_HANDING = 6;
  /** Flowing one item at a time: the item came within the {@code fetch(1)} call; the next is owed. */
  private static final int PACED_OWED = 7;

  /** The operator the slot feeds: its context is where every signal is handled. */
  private final BaseAiter<?, ?> host;
  /** The stream, or the {@link ForeignUpstream} every call into a foreign stream goes through. */
  private final ReadStream<T> stream;
  /** The foreign stream's wrapper, or {@code null} when the stream is one of ours. */
  private final ForeignUpstream<T> foreign;
  /** The stream is one of ours on the owner's context: its signals need no hop. */
  private final boolean local;
  /**
   * A foreign stream delivered an item on the owner's context and thread: it lives here, so a
   * pause reaches it at once and it may flow on {@code resume()} (a Vert.x stream keeps its
   * context). Written on the owner's thread only.
   */
  private boolean deliversHere;
  private final Owner<T> owner;
  /** The item in hand, or {@code null}. */
  private T item;
  /** Items delivered beyond the one in hand; {@code null} until there is one. */
  private ArrayDeque<T> more;
  /** One of {@link #IDLE}, {@link #ASKED}, {@link #FLOWING}, {@link #ENDED} or a paced flow's. */
  private int state = IDLE;
  private Throwable failure;
  /**
   * The owner's event-loop thread, set when the slot listens there, or {@code null} (a worker
   * context, whose threads change).
   */
  private Thread ownerThread;
  /**
   * A call from the owner's event loop into the foreign stream is under way ({@link #ask}, {@link
   * #flow}). An item delivered within it on that thread is on the owner's context, so the handler
   * takes it without {@link BaseAiter#arrivedHere}'s lookup of the current context (S5 zip: 1.13
   * ×; 1.27 × with no test at all). A call goes straight to the stream only at its home, the
   * owner's context as learned, or when no home is known (else it is scheduled there, and nothing
   * comes within it); from an unknown home the handler learns nothing, which changes no call: the
   * slot calls the stream from the owner's context only. Only the stream itself could have made
   * another context current in between, and a Vert.x stream does not: it dispatches on its own
   * context at once only when that context is already the current one, else it schedules.
   */
  private boolean calling;

  Slot(BaseAiter<?, ?> host, ReadStream<? extends T> source, Owner<T> owner) {
    @SuppressWarnings("unchecked")
    ReadStream<T> typed = (ReadStream<T>) Args.notNull(source, "source");
    this.host = host;
    this.local = typed instanceof BaseAiter && ((BaseAiter<?, ?>) typed).context == host.context;
    this.foreign = typed instanceof BaseAiter ? null : new ForeignUpstream<>(typed);
    this.stream = foreign == null ? typed : foreign;
    this.owner = owner;
  }

  /** Consumes the stream on behalf of the combinator named {@code by}: a stream has one consumer. */
  void claim(String by) {
    BaseAiter.claim(stream, by);
  }

  /** Pauses the stream and sets the slot's handlers on it; on the owner's context. */
  void listen() {
    ownerThread = host.context.isEventLoopContext() && host.isOnContext() ? Thread.currentThread() : null;
    stream.pause();
    if (local) {
      stream.exceptionHandler(this::onFailure);
      stream.endHandler(v -> onEnd());
      stream.handler(this::onItem);
    } else {
      stream.exceptionHandler(cause -> {
        if (host.arrivedHere(foreign)) {
          onFailure(cause);
        } else {
          host.carryHere(foreign, v -> onFailure(cause));
        }
      });
      stream.endHandler(v -> {
        if (host.arrivedHere(foreign)) {
          onEnd();
        } else {
          host.carryHere(foreign, x -> onEnd());
        }
      });
      stream.handler(delivered -> {
        if (calling && Thread.currentThread() == ownerThread || host.arrivedHere(foreign)) {
          if (!deliversHere) {
            deliversHere = true; // a read per item, not a store (S5's zip calls here per item)
          }
          onItem(delivered);
        } else {
          host.carryHere(foreign, v -> onItem(delivered));
        }
      });
    }
  }

  private void onItem(T delivered) {
    if (state == ASKED && item == null && delivered != null) {
      // The answer to ask(), zip's every item: tested first, in three reads.
      state = IDLE;
      item = delivered;
      owner.onSlotItem(this);
      return;
    }
    if (state == FLOWING && item == null && delivered != null) {
      owner.onFlowingItem(this, delivered); // nothing in hand to go first
      return;
    }
    if ((state == PACED || state == PACED_ASKING) && item == null && delivered != null) {
      boolean withinTheAsk = state == PACED_ASKING;
      state = PACED_HANDING;
      owner.onFlowingItem(this, delivered);
      if (state == PACED_HANDING) { // still flowing: the next item, at once or by askPaced's loop
        if (deliversHere) {
          state = FLOWING; // it lives here: from now on it flows (its items may come in this call)
          resumeStream();
        } else if (withinTheAsk) {
          state = PACED_OWED;
        } else {
          askPaced();
        }
      }
      return;
    }
    if (state == ENDED) {
      return; // released, or failed: what was still on its way is no longer wanted
    }
    if (delivered == null) {
      onFailure(Args.nullItem());
      return;
    }
    if (state == ASKED) {
      state = IDLE;
    }
    hold(delivered);
    owner.onSlotItem(this);
  }

  /** Keeps {@code delivered} behind what the slot holds, for its owner to {@link #take}. */
  void hold(T delivered) {
    if (item == null) {
      item = delivered;
    } else {
      if (more == null) {
        more = new ArrayDeque<>();
      }
      more.add(delivered);
    }
  }

  private void onEnd() {
    if (state != ENDED) {
      state = ENDED;
      owner.onSlotEnd(this);
    }
  }

  private void onFailure(Throwable cause) {
    if (state != ENDED) {
      state = ENDED;
      failure = cause;
      owner.onSlotFailure(this, cause);
    }
  }

  /** Asks for the next item unless one is in hand or on its way. */
  void ask() {
    if (item == null && state == IDLE) {
      state = ASKED;
      // fetchOne's body, not a call to it: zip asks per item, through deep inlining (see
      // UpstreamOperator.onRequest). The full run where ask called fetchOne had S5 at 36.6
      // against 44.6 before; kept as it was, the cause not isolated (BENCHMARKS.md)
      if (foreign == null) {
        stream.fetch(1);
      } else if (!marksItsCall()) {
        foreign.fetchFrom(host.context, 1);
      } else {
        calling = true;
        try {
          foreign.fetchFrom(host.context, 1);
        } catch (Throwable t) {
          calling = false;
          throw t;
        }
        calling = false;
      }
    }
  }

  /**
   * Asks a paced stream for its next item, and again for each that comes within the call (a
   * stream with items buffered may deliver at once): a loop, so that the stack does not grow.
   */
  private void askPaced() {
    do {
      state = PACED_ASKING;
      fetchOne();
      if (state == PACED_ASKING) {
        state = PACED; // nothing came within the call
      }
    } while (state == PACED_OWED);
  }

  /** {@code fetch(1)}, from the owner's context; the item may come in this call. */
  private void fetchOne() {
    if (foreign == null) {
      stream.fetch(1);
    } else if (!marksItsCall()) {
      foreign.fetchFrom(host.context, 1);
    } else {
      calling = true;
      try {
        foreign.fetchFrom(host.context, 1);
      } catch (Throwable t) {
        calling = false;
        throw t;
      }
      calling = false;
    }
  }

  /** Lets the stream deliver until {@link #stop}; its items may come at once, in this call. */
  void flow() {
    if (local || deliversHere) {
      if (state == IDLE || state == ASKED) {
        state = FLOWING;
        resumeStream();
      }
    } else if (state == IDLE) {
      askPaced();
    } else if (state == ASKED) {
      state = PACED; // the item asked before the stop is still owed: it answers this flow
    }
  }

  private void resumeStream() {
    if (foreign == null || !marksItsCall()) {
      stream.resume();
    } else {
      calling = true;
      try {
        stream.resume();
      } catch (Throwable t) {
        calling = false;
        throw t;
      }
      calling = false;
    }
  }

  /**
   * Whether a call into the foreign stream made now is to raise {@link #calling}: it is made from
   * the owner's event loop, and no such call is under way further up the stack (the outer call
   * keeps the flag until it returns; a call within it is still within it).
   */
  private boolean marksItsCall() {
    return !calling && ownerThread != null;
  }

  /**
   * Stops a flowing stream. One let flow is paused. A paced one with an item asked is left to send
   * it (held when it comes, or taken as the answer if it flows again first): pausing would cancel
   * that ask at a stream here but not reliably at one elsewhere, whose item, already on its way,
   * would then be mistaken for the answer to the next ask, one more in flight each time.
   */
  void stop() {
    if (state == PACED || state == PACED_ASKING) {
      state = ASKED;
    } else if (isFlowing()) {
      state = IDLE;
      stream.pause();
    }
  }

  boolean isFlowing() {
    return state == FLOWING || state >= PACED; // PACED and the states after it: a paced flow
  }

  boolean hasItem() {
    return item != null;
  }

  /** The stream ended and nothing is left in hand. */
  boolean isSpent() {
    return state == ENDED && item == null;
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
    state = ENDED;
    BaseAiter.release(stream);
  }
}

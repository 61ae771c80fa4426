package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code join}: merges inner streams in the order their items arrive. While the consumer has
 * demand the inner streams flow, each item going straight to the consumer (an inner stream that is
 * not one of ours on this context flows one {@code fetch(1)} at a time: it may deliver on another
 * thread, which a pause reaches late; see {@link Slot}); when the demand runs
 * out, or an item has to wait (the consumer's handler is running, the stream rests), every inner
 * stream is paused, and they flow again together, the longest-paused first, once demand returns.
 * Inner streams are taken from the outer stream as demand reaches them, and one ahead: once the
 * consumer has set a data handler, the outer stream is asked for the next inner stream whenever
 * every inner stream taken so far has been let flow at least once, never for the whole outer
 * stream at once (contract 4); so a consumer asking one item at a time still reaches every inner
 * stream in turn. An inner stream taken is subscribed at once (that pulls nothing from it), so its
 * failure or end is seen even while the consumer has no demand (Reactive Streams rule 1.9). Each
 * inner stream's order is kept; the stream ends when the outer and every inner stream ended.
 * Buffers: at most one item per inner stream (what a local stream delivers before it sees its
 * pause, or the one item another stream was asked for), and one inner stream not yet flowing.
 */
public final class JoinStream<T> extends BaseAiter<T, Aiter<T>> {

  private enum Inners {
    /** The consumer has no demand: every inner stream is paused. */
    STOPPED,
    /** The consumer has demand: every inner stream flows, a new one as soon as it is taken. */
    FLOWING
  }

  /** The operator as users call it ({@code "join"}, {@code "merge"}), for messages. */
  private final String name;
  private final Slot<ReadStream<? extends T>> outer;
  /** Inner streams taken and not yet ended: released when the stream closes. */
  private final ArrayList<Slot<T>> inners = new ArrayList<>();
  /** Of {@code inners}, those paused, the longest-paused first. */
  private final ArrayDeque<Slot<T>> paused = new ArrayDeque<>();
  /** The inner stream taken ahead of demand and never let flow yet, or {@code null}. */
  private Slot<T> unasked;
  private Inners state = Inners.STOPPED;
  /**
   * A merge's sources, every one consumed when the merge is made; {@code null} for a join, whose
   * inner streams are consumed as they are taken.
   */
  private final List<? extends ReadStream<? extends T>> given;
  /** Of {@code given}, how many were taken: the others are freed, untouched, when the stream closes. */
  private int reached;

  private final Slot.Owner<T> innerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<T> slot) {
      do {
        emit(slot.take()); // out now, or held by the core, which then pauses us (onPause)
      } while (slot.hasItem());
      pauseIfHeldUp();
    }

    @Override
    public void onFlowingItem(Slot<T> slot, T item) {
      emit(item); // as above, without passing through the slot: nothing was in hand before it
      pauseIfHeldUp();
    }

    @Override
    public void onSlotEnd(Slot<T> slot) {
      retire(slot);
    }

    @Override
    public void onSlotFailure(Slot<T> slot, Throwable cause) {
      failWith(cause);
    }
  };

  private final Slot.Owner<ReadStream<? extends T>> outerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<ReadStream<? extends T>> slot) {
      while (slot.hasItem() && isOpen()) {
        add(slot.take());
      }
      lookAhead();
    }

    @Override
    public void onSlotEnd(Slot<ReadStream<? extends T>> slot) {
      finishIfDone();
    }

    @Override
    public void onSlotFailure(Slot<ReadStream<? extends T>> slot, Throwable cause) {
      failWith(cause);
    }
  };

  /**
   * The join of the streams {@code source} yields; {@code name} is the operator as users call it
   * ({@code "join"}, {@code "merge"}), for the message of a second consumer of a stream it reads.
   */
  public JoinStream(String name, Context context, ReadStream<? extends ReadStream<? extends T>> source) {
    this(name, context, source, null);
  }

  /**
   * The merge of {@code sources}: every one is consumed at once, or none when one cannot be (then
   * this throws), as {@code concat} and {@code zip} do.
   */
  public JoinStream(Context context, List<? extends ReadStream<? extends T>> sources) {
    this("merge", context, new IteratorStream<ReadStream<? extends T>>(context, sources.iterator()), sources);
  }

  private JoinStream(String name, Context context, ReadStream<? extends ReadStream<? extends T>> source,
      List<? extends ReadStream<? extends T>> given) {
    super(context);
    this.name = name;
    this.given = given;
    if (given != null) {
      claimAll(given, name);
    }
    this.outer = new Slot<>(this, source, outerOwner);
    outer.claim(name);
    subscribeOnContext(() -> {
      outer.listen();
      lookAhead(); // a consumer may have come while the subscription was on its way
    });
  }

  @Override
  protected void onRequest(long n) {
    state = Inners.FLOWING;
    Slot<T> slot;
    while (state == Inners.FLOWING && (slot = paused.poll()) != null) {
      if (slot == unasked) {
        unasked = null;
      }
      slot.flow(); // its items may come (and the demand run out) in this call
    }
    lookAhead();
  }

  @Override
  protected void onPause() {
    pauseInners();
  }

  @Override
  protected void onHandlerChange(boolean present) {
    lookAhead();
  }

  @Override
  protected void onClose() {
    state = Inners.STOPPED;
    outer.release();
    for (Slot<T> inner : inners) {
      inner.release();
    }
    inners.clear();
    paused.clear();
    unasked = null;
    while (given != null && reached < given.size()) {
      unclaim(given.get(reached++));
    }
  }

  private void add(ReadStream<? extends T> stream) {
    Slot<T> inner = new Slot<>(this, stream, innerOwner);
    if (given == null) {
      try {
        inner.claim(name);
      } catch (IllegalStateException e) {
        failWith(e); // another consumer's: refused, and left to it untouched
        return;
      }
    } else {
      reached++; // consumed when the merge was made
    }
    inners.add(inner);
    inner.listen(); // an empty stream may end right here
    if (inner.isSpent() || !isOpen()) {
      return;
    }
    if (state == Inners.FLOWING) {
      inner.flow();
    } else {
      paused.add(inner);
      unasked = inner;
    }
  }

  /** Pauses every inner stream once demand has run out or an item has to wait. */
  private void pauseIfHeldUp() {
    if (isHeldUp()) {
      pauseInners(); // nothing more until demand returns and what waits has gone out
    }
  }

  private void pauseInners() {
    if (state == Inners.FLOWING) {
      state = Inners.STOPPED;
      for (int i = 0; i < inners.size(); i++) {
        Slot<T> inner = inners.get(i);
        if (inner.isFlowing()) {
          inner.stop();
          paused.add(inner);
        }
      }
    }
  }

  private void retire(Slot<T> inner) {
    if (inners.remove(inner)) {
      paused.remove(inner);
      if (inner == unasked) {
        unasked = null;
      }
      finishIfDone();
      lookAhead();
    }
  }

  /** Keeps one inner stream taken ahead of demand, so that its failure is seen without demand. */
  private void lookAhead() {
    if (unasked == null && hasHandler() && isOpen() && isSubscribed()) {
      outer.ask();
    }
  }

  private void finishIfDone() {
    if (outer.isSpent() && inners.isEmpty()) {
      complete();
    }
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code zip}: one tuple per round, asked of every source only when the consumer has demand; ends
 * (or fails) as soon as a source has ended (or failed) with nothing in hand, and then lets go of
 * every source.
 * Buffers: at most one pending item per source, and, at most, one round that the asks' handlers
 * held up (they paused the consumer), first in line.
 */
public final class ZipStream<T, R> extends BaseAiter<R, Aiter<R>> implements Slot.Owner<T> {

  private final Slot<T>[] slots;
  /**
   * Makes a round's item from the list of its items, or {@code null} for a zip of two combined by
   * {@link #pair}. It must not keep the list, which is reused for the next round.
   */
  private final Function<List<T>, R> combiner;
  /**
   * Makes a round's item of a zip of two from the two items directly, or {@code null}: no list to
   * fill and clear per round (S5 zip of 2 measured 34 against 46 M items/s).
   */
  private final BiFunction<? super T, ? super T, ? extends R> pair;
  /** The items of the current round, in source order: a fixed-size view of {@code roundItems}. */
  private final List<T> round;
  private final T[] roundItems;
  /** Sources that ended or failed: until one has, no round needs to look for a spent one. */
  private int ended;
  /** {@link #handOutRounds} is running: an item coming within its asks is for it to take. */
  private boolean handingOut;

  /** A zip of {@code sources}, each round's items handed to {@code combiner} as a list. */
  public ZipStream(Context context, List<? extends ReadStream<? extends T>> sources,
      Function<List<T>, R> combiner) {
    this(context, sources, combiner, null);
  }

  /** A zip of two sources, each round's two items handed to {@code pair}. */
  public ZipStream(Context context, ReadStream<? extends T> first, ReadStream<? extends T> second,
      BiFunction<? super T, ? super T, ? extends R> pair) {
    this(context, List.of(first, second), null, pair);
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: Slot<T>[] cannot be created
  private ZipStream(Context context, List<? extends ReadStream<? extends T>> sources,
      Function<List<T>, R> combiner, BiFunction<? super T, ? super T, ? extends R> pair) {
    super(context);
    this.combiner = combiner;
    this.pair = pair;
    this.slots = new Slot[sources.size()];
    this.roundItems = (T[]) new Object[sources.size()];
    this.round = Arrays.asList(roundItems);
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot<>(this, sources.get(i), this);
    }
    claimAll(sources, "zip"); // all or none: a zip that cannot be made leaves every source free
    subscribeOnContext(() -> {
      for (Slot<T> slot : slots) {
        if (!isOpen()) {
          break; // a source held its end or failure: the zip is over, the rest stay untouched
        }
        slot.listen();
      }
    });
  }

  /**
   * Hands out rounds from the drain loop, each straight to the consumer through {@link
   * #handOutRounds}: nothing is returned to the loop.
   */
  @Override
  protected R poll() {
    handOutRounds();
    return null;
  }

  /**
   * Asks round after round and emits each while the consumer can take it at once: one loop per
   * drain pass rather than one pass per round. Each round counts as a unit of the drain run's
   * slice. A round the asks' handlers held up (they paused the consumer) waits in the core's
   * queue, first in line; no round is asked without demand.
   */
  private void handOutRounds() {
    handingOut = true;
    try {
      if (pair != null) {
        handOutPairs(slots[0], slots[1], pair);
      } else {
        handOutLists();
      }
    } finally {
      handingOut = false;
    }
  }

  /**
   * The rounds of a zip of two, its slots and function kept in locals. Read from the fields again
   * in every round (each ask may run any code, so the JIT reloads them), the loop gained S5 zip of
   * 2 nothing over the drain loop's one poll per round (1.04 x, 0.99 .. 1.09, paired A/B); with
   * locals, 1.13 .. 1.16 x in each round whose before build ran in its usual JIT mode.
   */
  private void handOutPairs(Slot<T> first, Slot<T> second, BiFunction<? super T, ? super T, ? extends R> f) {
    while (isOpen() && canEmitNow()) {
      first.ask();
      second.ask();
      if (!first.hasItem() || !second.hasItem()) {
        return; // an item is on its way: its arrival drains again
      }
      R tuple;
      try {
        tuple = f.apply(first.take(), second.take());
      } catch (Throwable t) {
        failWith(t);
        return;
      }
      if (!handedOut(tuple)) {
        return;
      }
    }
  }

  /** The rounds of a zip of any number, each handed to the combiner as a list. */
  private void handOutLists() {
    while (isOpen() && canEmitNow() && askRound()) {
      R tuple;
      try {
        tuple = combineRound();
      } catch (Throwable t) {
        failWith(t);
        return;
      }
      if (!handedOut(tuple)) {
        return;
      }
    }
  }

  /** Emits a round's item; whether the rounds go on (not failed, the run's slice not used up). */
  private boolean handedOut(R tuple) {
    if (tuple == null) {
      failWith(new NullPointerException("a stream item must not be null: the zip combiner returned null"));
      return false;
    }
    emit(tuple);
    if (ended > 0 && isOpen()) {
      // After the round it may have given the last item of; not once the consumer stopped the
      // zip in its handler, which dropped the end or failure (reported, it went to the context).
      endIfASourceIsSpent();
    }
    return !sliceUsedUp();
  }

  /**
   * Asks every source for its item of the round (it may come at once); whether all are in hand.
   * All are asked before any is looked at: asking one may bring another's item (forks of one
   * source), which comes while the rounds are handed out and drains nothing (found in review: a
   * zip of a fork and its forker stalled with a round in hand).
   */
  private boolean askRound() {
    for (Slot<T> slot : slots) {
      slot.ask();
    }
    for (Slot<T> slot : slots) {
      if (!slot.hasItem()) {
        return false;
      }
    }
    return true;
  }

  /** Takes the round's items out of the slots and hands them to {@link #combiner} as a list. */
  private R combineRound() {
    for (int i = 0; i < slots.length; i++) {
      roundItems[i] = slots[i].take();
    }
    try {
      return combiner.apply(round);
    } finally {
      Arrays.fill(roundItems, null); // the items are the consumer's now, not ours to keep
    }
  }

  @Override
  public void onSlotItem(Slot<T> slot) {
    if (!handingOut) {
      drain(); // an item that came later, perhaps the last of a round
    }
  }

  @Override
  public void onSlotEnd(Slot<T> slot) {
    ended++;
    endIfASourceIsSpent();
  }

  @Override
  public void onSlotFailure(Slot<T> slot, Throwable cause) {
    ended++;
    endIfASourceIsSpent(); // as an end: the round its last item belongs to comes first
  }

  @Override
  protected void onClose() {
    for (Slot<T> slot : slots) {
      slot.release();
    }
  }

  /** Ends, or fails, once a source is spent; of several spent at once, a failed one wins (loud). */
  private void endIfASourceIsSpent() {
    boolean spent = false;
    for (Slot<T> slot : slots) {
      if (slot.isSpent()) {
        if (slot.failure() != null) {
          failWith(slot.failure());
          return;
        }
        spent = true;
      }
    }
    if (spent) {
      complete();
    }
  }
}

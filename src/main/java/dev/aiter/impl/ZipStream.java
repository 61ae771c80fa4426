package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code zip}: one tuple per round, asked of every source only when the consumer has demand; ends
 * (or fails) as soon as a source has ended (or failed) with nothing in hand, and then lets go of
 * every source.
 * Buffers: at most one pending item per source.
 */
public final class ZipStream<T, R> extends BaseAiter<R, Aiter<R>> implements Slot.Owner<T> {

  private final Slot<T>[] slots;
  /** Makes a round's item; it must not keep the list, which is reused for the next round. */
  private final Function<List<T>, R> combiner;
  /** The items of the current round, in source order: a fixed-size view of {@code roundItems}. */
  private final List<T> round;
  private final T[] roundItems;
  /** Sources that ended or failed: until one has, no round needs to look for a spent one. */
  private int ended;

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: Slot<T>[] cannot be created
  public ZipStream(Context context, List<? extends ReadStream<? extends T>> sources,
      Function<List<T>, R> combiner) {
    super(context);
    this.combiner = combiner;
    this.slots = new Slot[sources.size()];
    this.roundItems = (T[]) new Object[sources.size()];
    this.round = Arrays.asList(roundItems);
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot<>(this, sources.get(i), this);
    }
    for (Slot<T> slot : slots) {
      slot.subscribe("ZipStream");
    }
  }

  @Override
  protected R poll() {
    if (!isOpen()) {
      return null;
    }
    Slot<T>[] all = slots;
    boolean full = true;
    for (Slot<T> slot : all) {
      slot.ask(); // may fill the slot at once
      full &= slot.hasItem();
    }
    if (!full) {
      return null;
    }
    for (int i = 0; i < all.length; i++) {
      roundItems[i] = all[i].take();
    }
    R tuple;
    try {
      tuple = combiner.apply(round);
      if (tuple == null) {
        throw new NullPointerException("a stream item must not be null: the zip combiner returned null");
      }
    } catch (Throwable t) {
      failWith(t);
      return null;
    } finally {
      Arrays.fill(roundItems, null); // the items are the consumer's now, not ours to keep
    }
    if (ended > 0) {
      endIfASourceIsSpent();
    }
    return tuple;
  }

  @Override
  public void onSlotItem(Slot<T> slot) {
    drain();
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

  private void endIfASourceIsSpent() {
    for (Slot<T> slot : slots) {
      if (slot.isSpent()) {
        if (slot.failure() == null) {
          complete();
        } else {
          failWith(slot.failure());
        }
        return;
      }
    }
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * {@code join}: merges inner streams in the order their items arrive. While the consumer has
 * demand, every inner stream is asked for one item at a time. Inner streams are taken from the
 * outer stream as demand reaches them, and one ahead: once the consumer has set a data handler,
 * the outer stream is asked for the next inner stream whenever every inner stream taken so far
 * has been asked, never for the whole outer stream at once (contract 4). An inner stream taken is
 * subscribed at once (that pulls nothing from it), so its failure or end is seen even while the
 * consumer has no demand (Reactive Streams rule 1.9). A paused consumer asks nothing, so every
 * inner stream stops. Each inner stream's order is kept; the stream ends when the outer and every
 * inner stream ended. Buffers: at most one item per inner stream, and one inner stream not yet
 * asked.
 */
public final class JoinStream<T> extends BaseAiter<T, Aiter<T>> {

  private final Slot<ReadStream<? extends T>> outer;
  /** Inner streams taken and not yet spent: released when the stream closes. */
  private final Set<Slot<T>> inners = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Inner slots with nothing in hand and nothing asked: asked when the consumer has demand. */
  private final ArrayDeque<Slot<T>> idle = new ArrayDeque<>();
  /** Inner slots holding an item, once per item, in the order the items came. */
  private final ArrayDeque<Slot<T>> ready = new ArrayDeque<>();

  private final Slot.Owner<T> innerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<T> slot) {
      ready.add(slot);
      drain();
    }

    @Override
    public void onSlotEnd(Slot<T> slot) {
      if (slot.isSpent()) {
        retire(slot);
      }
    }

    @Override
    public void onSlotFailure(Slot<T> slot, Throwable cause) {
      failWith(cause);
    }
  };

  private final Slot.Owner<ReadStream<? extends T>> outerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<ReadStream<? extends T>> slot) {
      Slot<T> inner = new Slot<>(context, slot.take(), innerOwner);
      inners.add(inner);
      idle.add(inner);
      inner.subscribe();
      drain();
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

  public JoinStream(Context context, ReadStream<? extends ReadStream<? extends T>> source) {
    super(context);
    this.outer = new Slot<>(context, source, outerOwner);
    outer.subscribe();
  }

  @Override
  protected T poll() {
    if (ready.isEmpty() && isOpen()) {
      Slot<T> slot;
      while ((slot = idle.poll()) != null) {
        slot.ask(); // may deliver at once, into ready
      }
      lookAhead();
    }
    Slot<T> slot = ready.poll();
    if (slot == null) {
      return null;
    }
    T item = slot.take();
    if (slot.isSpent()) {
      retire(slot);
    } else if (!slot.hasItem()) {
      idle.add(slot);
    }
    return item;
  }

  @Override
  protected void onHandlerChange(boolean present) {
    lookAhead();
  }

  @Override
  protected boolean holdsItems() {
    return !ready.isEmpty();
  }

  @Override
  protected void onClose() {
    outer.release();
    for (Slot<T> inner : inners) {
      inner.release();
    }
    inners.clear();
    idle.clear();
  }

  private void retire(Slot<T> inner) {
    if (inners.remove(inner)) {
      idle.remove(inner);
      finishIfDone();
      lookAhead();
    }
  }

  /** Keeps one inner stream taken ahead of demand, so that its failure is seen without demand. */
  private void lookAhead() {
    if (idle.isEmpty() && hasHandler() && isOpen()) {
      outer.ask();
    }
  }

  private void finishIfDone() {
    if (outer.isSpent() && inners.isEmpty()) {
      complete();
    }
  }
}

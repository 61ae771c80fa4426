package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code join}: merges inner streams in the order their items arrive. While the consumer has
 * demand, the outer stream and every inner stream are each asked for one item at a time; a paused
 * consumer asks nothing, so every inner stream stops. Each inner stream's order is kept; the
 * stream ends when the outer and every inner stream ended. Buffers: at most one item per inner
 * stream (and one inner stream not yet subscribed).
 */
public final class JoinStream<T> extends BaseAiter<T, Aiter<T>> {

  private final Slot<ReadStream<? extends T>> outer;
  private final List<Slot<T>> inners = new ArrayList<>();
  /** Inner slots holding an item, in the order the items came. */
  private final ArrayDeque<Slot<T>> ready = new ArrayDeque<>();

  private final Slot.Owner<T> innerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<T> slot) {
      ready.add(slot);
      drain();
    }

    @Override
    public void onSlotEnd(Slot<T> slot) {
      finishIfDone();
    }

    @Override
    public void onSlotFailure(Slot<T> slot, Throwable cause) {
      failWith(cause);
    }
  };

  private final Slot.Owner<ReadStream<? extends T>> outerOwner = new Slot.Owner<>() {
    @Override
    public void onSlotItem(Slot<ReadStream<? extends T>> slot) {
      ReadStream<? extends T> stream = slot.take();
      Slot<T> inner = new Slot<>(context, stream, innerOwner);
      inners.add(inner);
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
      inners.removeIf(Slot::isSpent);
      outer.ask();
      for (int i = 0; i < inners.size(); i++) {
        inners.get(i).ask(); // may deliver at once, into ready (or add an inner)
      }
    }
    Slot<T> slot = ready.poll();
    if (slot == null) {
      return null;
    }
    T item = slot.take();
    if (slot.isSpent()) {
      finishIfDone();
    }
    return item;
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
  }

  private void finishIfDone() {
    if (outer.isSpent() && allSpent()) {
      complete();
    }
  }

  private boolean allSpent() {
    for (int i = 0; i < inners.size(); i++) {
      if (!inners.get(i).isSpent()) {
        return false;
      }
    }
    return true;
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * {@code mapFilter} and {@code flatten}: each upstream item becomes an iterable whose elements go
 * out one per unit of demand; an empty iterable emits nothing and the demand it used is asked of
 * upstream again. A long run of empty iterables yields the event loop like a long run of items.
 * A null iterable or element fails the stream. Buffers: the rest of the iterable in hand, and at
 * most one item asked of upstream ahead (more only when a handler fetched from upstream itself:
 * those are kept, in order).
 *
 * <p>A random-access {@code List} is read by index ({@code get(i)} up to {@code size()}, read at
 * each step as its iterator would) instead of through an iterator: the same elements in the same
 * order, without allocating an iterator per list.
 */
public final class MapFilterStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private enum Upstream { IDLE, ASKED }

  private final Function<? super U, ? extends Iterable<? extends T>> f;
  /** The rest of the iterable in hand, when it is not a random-access list; else {@code null}. */
  private Iterator<? extends T> current;
  /** The random-access list in hand, read from {@link #index}; else {@code null}. */
  private List<? extends T> list;
  /** The index of the next element of {@link #list}. */
  private int index;
  /** Upstream items that came while an iterable was in hand; {@code null} until one does. */
  private ArrayDeque<U> more;
  private Upstream state = Upstream.IDLE;

  /** {@code name} is the operator as users call it: {@code "mapFilter"} or {@code "flatten"}. */
  public MapFilterStream(String name, Context context, ReadStream<U> source,
      Function<? super U, ? extends Iterable<? extends T>> f) {
    super(context, source);
    this.f = f;
    subscribe(name);
  }

  @Override
  protected void onItem(U item) {
    state = Upstream.IDLE;
    if (inHand() || more != null && !more.isEmpty()) {
      if (more == null) {
        more = new ArrayDeque<>();
      }
      more.add(item);
      return;
    }
    expand(item);
    drain();
  }

  @Override
  protected T poll() {
    List<? extends T> l = list;
    if (l != null) {
      return next(l); // the common case, kept short so that it inlines into the drain loop
    }
    while (current == null) {
      if (!isOpen()) {
        return pollAfterUpstream();
      }
      if (!canDeliverPolled()) {
        return null; // the elements handed out below used up the demand
      }
      if (more != null && !more.isEmpty()) {
        expand(more.poll());
      } else if (state == Upstream.ASKED || sliceUsedUp()) {
        return null; // the item asked for is on its way, or the stream rests
      } else {
        state = Upstream.ASKED;
        fetchUpstream(1); // may deliver at once, setting current or list
      }
      if ((l = list) != null && handOut(l)) {
        // What stopped the loop (demand used up, a pause, a new handler, the end, the rest) has
        // asked for the drain pass that goes on, with the handler then in place.
        return null;
      }
    }
    return nextOfCurrent();
  }

  /**
   * Nothing in hand and the stream closing: upstream ended or failed. Items a handler fetched from
   * upstream meanwhile came before that end or failure, so they still go out, one per poll, ahead
   * of it (contract 7). A failure of this stream's own (the function, a null element) dropped them
   * already; a stopped stream is not polled. Kept out of {@link #poll}, which stays small.
   */
  private T pollAfterUpstream() {
    while (current == null && list == null) {
      if (!canDeliverPolled() || more == null || more.isEmpty()) {
        return null;
      }
      expand(more.poll());
    }
    return list != null ? next(list) : nextOfCurrent();
  }

  /** The next element of the iterator in hand, which has one. */
  private T nextOfCurrent() {
    try {
      T item = current.next();
      if (!current.hasNext()) {
        current = null;
      }
      return checked(item);
    } catch (Throwable t) {
      failAndDrop(t);
      return null;
    }
  }

  /** Fails the stream; what is in hand and what came after it is never delivered. */
  private void failAndDrop(Throwable t) {
    current = null;
    list = null;
    more = null;
    failOnHeldItem(t);
  }

  /**
   * Emits the elements of the list just taken in, {@code l}, while they can go straight out (the
   * consumer has demand and nothing waits): one loop per list instead of one drain pass per
   * element. Each element counts as a unit of the drain run's slice. Returns whether elements
   * remain in hand.
   */
  private boolean handOut(List<? extends T> l) {
    try {
      int i = index;
      while (i < l.size() && canEmitNow() && !sliceUsedUp()) {
        T item = checked(l.get(i));
        index = ++i;
        emit(item);
      }
      if (i < l.size()) {
        return true;
      }
    } catch (Throwable t) {
      failAndDrop(t);
    }
    list = null;
    return false;
  }

  /** The next element of the list in hand, which holds one; the list is let go of after its last. */
  private T next(List<? extends T> l) {
    try {
      int i = index;
      T item = l.get(i);
      index = ++i;
      if (i >= l.size()) {
        list = null; // used up: the end need not wait for demand to find that out
      }
      return checked(item);
    } catch (Throwable t) {
      failAndDrop(t);
      return null;
    }
  }

  private static <T> T checked(T item) {
    if (item == null) {
      throw new NullPointerException("a stream item must not be null: the mapFilter iterable held null");
    }
    return item;
  }

  private boolean inHand() {
    return current != null || list != null;
  }

  private void expand(U item) {
    try {
      Iterable<? extends T> iterable = f.apply(item);
      if (iterable == null) {
        throw new NullPointerException("the mapFilter function returned null for " + item);
      }
      if (iterable instanceof RandomAccess && iterable instanceof List) {
        @SuppressWarnings("unchecked")
        List<? extends T> l = (List<? extends T>) iterable;
        if (!l.isEmpty()) {
          list = l;
          index = 0;
        }
        return;
      }
      current = iterable.iterator();
      if (!current.hasNext()) {
        current = null;
      }
    } catch (Throwable t) {
      failAndDrop(t);
    }
  }

  @Override
  protected void onRequest(long n) {
    // poll() asks upstream for one item at a time.
  }

  @Override
  protected void onPause() {
    // At most one item is asked ahead; it stays in hand.
  }

  @Override
  protected boolean holdsItems() {
    return inHand() || more != null && !more.isEmpty();
  }
}

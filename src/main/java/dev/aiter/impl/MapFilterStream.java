package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Function;

/**
 * {@code mapFilter} and {@code flatten}: each upstream item becomes an iterable whose elements go
 * out one per unit of demand; an empty iterable emits nothing and the demand it used is asked of
 * upstream again. A long run of empty iterables yields the event loop like a long run of items.
 * A null iterable or element fails the stream. Buffers: the rest of the iterable in hand, and at
 * most one item asked of upstream ahead (more only when a handler fetched from upstream itself:
 * those are kept, in order).
 */
public final class MapFilterStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private enum Upstream { IDLE, ASKED }

  private final Function<? super U, ? extends Iterable<? extends T>> f;
  /** The rest of the iterable in hand; {@code null} when none is. */
  private Iterator<? extends T> current;
  /** Upstream items that came while an iterable was in hand; {@code null} until one does. */
  private ArrayDeque<U> more;
  private Upstream state = Upstream.IDLE;

  public MapFilterStream(Context context, ReadStream<U> source,
      Function<? super U, ? extends Iterable<? extends T>> f) {
    super(context, source);
    this.f = f;
    subscribe();
  }

  @Override
  protected void onItem(U item) {
    state = Upstream.IDLE;
    if (current != null || more != null && !more.isEmpty()) {
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
    while (current == null) {
      if (!isOpen()) {
        return null;
      }
      if (more != null && !more.isEmpty()) {
        expand(more.poll());
      } else if (state == Upstream.ASKED || sliceUsedUp()) {
        return null; // the item asked for is on its way, or the stream rests
      } else {
        state = Upstream.ASKED;
        upstream.fetch(1); // may deliver at once, setting current
      }
    }
    try {
      T item = current.next();
      if (!current.hasNext()) {
        current = null;
      }
      if (item == null) {
        throw new NullPointerException("a stream item must not be null: the mapFilter iterable held null");
      }
      return item;
    } catch (Throwable t) {
      current = null;
      failWith(t);
      return null;
    }
  }

  private void expand(U item) {
    try {
      Iterable<? extends T> iterable = f.apply(item);
      if (iterable == null) {
        throw new NullPointerException("the mapFilter function returned null for " + item);
      }
      current = iterable.iterator();
      if (!current.hasNext()) {
        current = null;
      }
    } catch (Throwable t) {
      current = null;
      failWith(t);
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
    return current != null || more != null && !more.isEmpty();
  }
}

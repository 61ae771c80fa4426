package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;
import java.util.function.Function;

/**
 * {@code mapFilter} and {@code flatten}: each upstream item becomes an iterable whose elements go
 * out one per unit of demand; an empty iterable emits nothing and the demand it used is asked of
 * upstream again. Buffers: the rest of the iterable in hand, and at most one item asked of
 * upstream ahead.
 */
public final class MapFilterStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private final Function<? super U, ? extends Iterable<? extends T>> f;
  /** The rest of the iterable in hand; {@code null} when none is. */
  private Iterator<? extends T> current;
  /** One item was fetched from upstream and has not come yet. */
  private boolean awaiting;

  public MapFilterStream(Context context, ReadStream<U> source,
      Function<? super U, ? extends Iterable<? extends T>> f) {
    super(context, source);
    this.f = f;
    subscribe();
  }

  @Override
  protected void onItem(U item) {
    awaiting = false;
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
      failWith(t);
      return;
    }
    drain();
  }

  @Override
  protected T poll() {
    while (current == null) {
      if (awaiting || !isOpen()) {
        return null;
      }
      awaiting = true;
      upstream.fetch(1); // may deliver at once, setting current
    }
    try {
      T item = current.next();
      if (!current.hasNext()) {
        current = null;
      }
      return item;
    } catch (Throwable t) {
      current = null;
      failWith(t);
      return null;
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
    return current != null;
  }
}

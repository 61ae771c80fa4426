package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import java.util.Iterator;

/**
 * {@code fromIterable} / {@code fromIterator}: the iterator is advanced only on demand, one
 * element per unit; a long flowing run yields the event loop now and then (see {@link BaseAiter}).
 * An iterator that throws fails the stream with that exception. Buffers: nothing.
 */
public final class IteratorStream<T> extends BaseAiter<T, Aiter<T>> {

  private final Iterator<? extends T> iterator;

  public IteratorStream(Context context, Iterator<? extends T> iterator) {
    super(context);
    this.iterator = iterator;
    if (!hasNext()) {
      complete();
    }
  }

  @Override
  protected T poll() {
    if (!isOpen()) {
      return null;
    }
    T item;
    try {
      item = iterator.next();
      if (item == null) {
        throw new NullPointerException("a stream item must not be null: the iterator gave null");
      }
    } catch (Throwable t) {
      failWith(t);
      return null;
    }
    if (!hasNext()) {
      complete(); // the end needs no further demand
    }
    return item;
  }

  private boolean hasNext() {
    try {
      return iterator.hasNext();
    } catch (Throwable t) {
      failWith(t);
      return false;
    }
  }
}

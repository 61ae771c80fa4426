package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import java.util.Collections;
import java.util.Iterator;

/**
 * {@code fromIterable} / {@code fromIterator}: the iterator is advanced only on demand, one
 * element per unit; a long flowing run yields the event loop now and then (see {@link BaseAiter}).
 * An iterator that throws fails the stream with that exception, and so does an iterable whose
 * {@code iterator()} throws. Buffers: nothing.
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

  /**
   * The elements of {@code iterable}. Its {@code iterator()} is the user's code, as {@code
   * hasNext()} is: what it throws fails the stream (reported to the consumer once it attaches), as
   * Python's {@code iter_to_aiter} reports it on the first iteration, rather than escaping from
   * the factory as if the argument were bad.
   */
  public static <T> IteratorStream<T> over(Context context, Iterable<? extends T> iterable) {
    Iterator<? extends T> iterator;
    try {
      iterator = iterable.iterator();
    } catch (Throwable t) {
      return new IteratorStream<>(context, t);
    }
    if (iterator == null) {
      return new IteratorStream<>(context, new NullPointerException("iterable.iterator() returned null"));
    }
    return new IteratorStream<>(context, iterator);
  }

  /** A stream failed with {@code cause} before its first element: its iterable gave no iterator. */
  private IteratorStream(Context context, Throwable cause) {
    super(context);
    this.iterator = Collections.emptyIterator();
    failWith(cause);
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

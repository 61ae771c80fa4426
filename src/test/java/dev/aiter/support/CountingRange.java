package dev.aiter.support;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lazy iterator over the longs {@code 0 .. size - 1} (no list behind it, so three billion is
 * fine) that counts its {@code next()} calls; the count may be read from any thread.
 */
public final class CountingRange implements Iterator<Long> {

  private final long size;
  private final AtomicLong taken = new AtomicLong();

  public CountingRange(long size) {
    this.size = size;
  }

  /** How many times {@code next()} returned an element. */
  public long taken() {
    return taken.get();
  }

  @Override
  public boolean hasNext() {
    return taken.get() < size;
  }

  @Override
  public Long next() {
    long i = taken.get();
    if (i >= size) {
      throw new NoSuchElementException();
    }
    taken.set(i + 1);
    return i;
  }
}

package dev.aiter.eventbus;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * 1, 2, ..., {@code n} (without end for {@code Long.MAX_VALUE}), counting what was taken in
 * {@link #pulled} (readable from any thread) and calling {@code onPull} with the new count at each
 * step, so that a test can check a bound as each item leaves the source.
 */
final class Numbers implements Iterator<Integer> {

  final AtomicLong pulled = new AtomicLong();
  private final long n;
  private final LongConsumer onPull;

  Numbers(long n) {
    this(n, count -> { });
  }

  Numbers(long n, LongConsumer onPull) {
    this.n = n;
    this.onPull = onPull;
  }

  @Override
  public boolean hasNext() {
    return pulled.get() < n;
  }

  @Override
  public Integer next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long count = pulled.incrementAndGet();
    onPull.accept(count);
    return (int) count;
  }
}

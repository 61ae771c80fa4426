package dev.aiter.support;

import dev.aiter.PushStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Sources for tests that count what is taken from them. */
public final class Sources {

  private Sources() {
  }

  /** An iterator over {@code items} that counts {@code next()} and then throws {@code failure}. */
  public static <T> CountingIterator<T> counting(List<T> items, Throwable failure) {
    return new CountingIterator<>(items, failure);
  }

  /** A push stream holding {@code items}, then stopped (or failed with {@code failure}). */
  public static <T> PushStream<T> pushed(TestContext tc, List<T> items, Throwable failure) {
    PushStream<T> push = PushStream.create(tc.context);
    for (T item : items) {
      push.push(item);
    }
    if (failure == null) {
      push.stop();
    } else {
      push.fail(failure);
    }
    return push;
  }

  /** See {@link #counting}. */
  public static final class CountingIterator<T> implements Iterator<T> {
    private final List<T> items;
    private final Throwable failure;
    private int taken;

    CountingIterator(List<T> items, Throwable failure) {
      this.items = items;
      this.failure = failure;
    }

    /** How many elements were taken. */
    public long taken() {
      return taken;
    }

    @Override
    public boolean hasNext() {
      return taken < items.size() || failure != null;
    }

    @Override
    public T next() {
      if (taken < items.size()) {
        return items.get(taken++);
      }
      if (failure != null) {
        sneakyThrow(failure);
      }
      throw new NoSuchElementException();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
      throw (E) t;
    }
  }
}

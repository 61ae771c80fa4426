package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Predicate;

/**
 * {@code filter}: the items that match; each item dropped out of those asked of upstream is asked
 * again, so the consumer's demand is met. A predicate that throws fails the stream. Buffers:
 * nothing.
 *
 * <p>{@code filter(p).take(n)} built on the context before anybody used the filter is one stage:
 * a filter with a limit of {@code n} matching items, which takes the filter's place as a map does
 * a map's ({@link MapStream}). It asks upstream as the two stages would: what the take still wants,
 * never beyond it, plus each dropped item again.
 */
public final class FilterStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** Whether this stream is inside its own {@code upstream.fetch} call. */
  private enum Fetching { NO, YES }

  /** The limit of a filter that is not followed by a take. */
  private static final long NO_LIMIT = -1;

  private final Predicate<? super T> predicate;
  /** Matching items still to deliver before the end, or {@link #NO_LIMIT}. */
  private long remaining;
  /** Items asked of upstream that have not come; unbounded while the consumer flows. */
  private long asked;
  /**
   * Items dropped while inside {@code upstream.fetch}, to be asked again once it returns: one
   * fetch for a run of dropped items instead of a round trip through upstream per item.
   */
  private long owed;
  private Fetching fetching = Fetching.NO;

  public FilterStream(Context context, ReadStream<T> source, Predicate<? super T> predicate) {
    super(context, source);
    this.predicate = predicate;
    this.remaining = NO_LIMIT;
    subscribe();
  }

  private FilterStream(Context context, FilterStream<T> before, long limit) {
    super(context, (UpstreamOperator<T, ?, ?>) before);
    this.predicate = before.predicate;
    this.remaining = limit;
    subscribe();
  }

  /**
   * {@code take(limit)} of {@code source}: one stage with the filter before it when it may take
   * its place, else a {@link TakeStream}.
   */
  public static <T> Aiter<T> take(Context context, ReadStream<T> source, long limit) {
    if (limit > 0 && source instanceof FilterStream) {
      FilterStream<T> before = (FilterStream<T>) source;
      if (before.remaining == NO_LIMIT && isTakeable(before, context)) {
        return new FilterStream<>(context, before, limit);
      }
    }
    return new TakeStream<>(context, source, limit);
  }

  @Override
  protected void onItem(T item) {
    boolean matches;
    try {
      matches = predicate.test(item);
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    if (matches) {
      asked = Demand.decrement(asked);
      if (remaining == NO_LIMIT) {
        emit(item);
      } else {
        remaining--;
        emit(item);
        if (remaining == 0) {
          complete(); // after the item, which may still wait for demand
        }
      }
    } else if (asked > 0 && asked != Demand.UNBOUNDED) {
      // The dropped item used one unit of what we asked for: ask for it again; at once when
      // upstream delivers on its own, else when the fetch delivering it returns.
      if (fetching == Fetching.YES) {
        owed++;
      } else {
        upstream.fetch(1);
      }
    }
  }

  @Override
  protected void onRequest(long n) {
    if (remaining != NO_LIMIT) {
      n = Math.min(n, remaining - asked); // never ask beyond the take's limit
      if (n <= 0) {
        return;
      }
    }
    asked = Demand.add(asked, n);
    askUpstream(n);
  }

  /** Asks upstream for {@code n}, then again for what was dropped meanwhile, until nothing is. */
  private void askUpstream(long n) {
    if (fetching == Fetching.YES) {
      owed = Demand.add(owed, n); // re-entered: the outer call asks for it
      return;
    }
    fetching = Fetching.YES;
    try {
      for (;;) {
        upstream.fetch(n);
        n = owed;
        if (n == 0 || !isOpen()) {
          break;
        }
        owed = 0;
      }
    } finally {
      owed = 0;
      fetching = Fetching.NO;
    }
  }

  @Override
  protected void onPause() {
    asked = 0;
    owed = 0; // a pause voids what upstream still owed
    upstream.pause();
  }
}

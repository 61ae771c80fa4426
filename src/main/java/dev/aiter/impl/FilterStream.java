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
 * a filter that ends after {@code n} matching items, which takes the filter's place as a map does
 * a map's ({@link MapStream}). It asks upstream as the two stages would, fetch for fetch: what the
 * take still wants, never beyond it, plus each dropped item again. The filter taken over is
 * consumed, and when the stage lets go while upstream is live (the nth item, a stop) it reads
 * upstream again, paused and free, as after a take; a predicate that throws fails it too, since
 * in a chain the filter would have failed.
 */
public final class FilterStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** Whether this stream is inside its own {@code upstream.fetch} call. */
  private enum Fetching { NO, YES }

  private final Predicate<? super T> predicate;
  /** The filter this stage took the place of, or {@code null}: only then is it also a take. */
  private final FilterStream<T> filterTakenOver;
  /** Matching items still to deliver before the end, when this stage is also a take. */
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
    this.filterTakenOver = null;
    subscribe("filter");
  }

  private FilterStream(Context context, FilterStream<T> before, long limit) {
    super(context, (UpstreamOperator<T, ?, ?>) before);
    this.predicate = before.predicate;
    this.filterTakenOver = before;
    this.remaining = limit;
    subscribe("take");
  }

  /**
   * {@code take(limit)} of {@code source}: one stage with the filter before it when it may take
   * its place, else a {@link TakeStream}.
   */
  public static <T> Aiter<T> take(Context context, ReadStream<T> source, long limit) {
    if (limit > 0 && source instanceof FilterStream) {
      FilterStream<T> before = (FilterStream<T>) source;
      if (before.filterTakenOver == null && isTakeable(before, context)) {
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
      if (filterTakenOver != null) {
        filterTakenOver.failWith(t); // handed back by now: it fails as it would have in a chain
      }
      return;
    }
    if (matches) {
      asked = Demand.decrement(asked);
      if (filterTakenOver == null) {
        emit(item);
      } else {
        remaining--; // before the item goes out: its consumer may ask again from inside emit
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
        fetchUpstream(1);
      }
    }
  }

  @Override
  protected void onRequest(long n) {
    if (filterTakenOver != null) {
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
        fetchUpstream(n);
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
    pauseUpstream();
  }

  @Override
  protected void onClose() {
    // An item still carried here from another thread is no longer ours to pay back: upstream
    // is let go of, or read again by the filter this stage took the place of.
    asked = 0;
    owed = 0;
    super.onClose();
  }
}

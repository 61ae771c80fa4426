package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Predicate;

/**
 * {@code filter}: the items that match; each item dropped out of those asked of upstream is asked
 * again, so the consumer's demand is met. A predicate that throws fails the stream. Buffers:
 * nothing.
 */
public final class FilterStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** Whether this stream is inside its own {@code upstream.fetch} call. */
  private enum Fetching { NO, YES }

  private final Predicate<? super T> predicate;
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
    subscribe();
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
      emit(item);
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

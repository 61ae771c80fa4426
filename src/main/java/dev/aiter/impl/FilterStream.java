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

  private final Predicate<? super T> predicate;
  /** Items asked of upstream that have not come; unbounded while the consumer flows. */
  private long asked;

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
      // The dropped item used one unit of what we asked for: ask for it again.
      upstream.fetch(1);
    }
  }

  @Override
  protected void onRequest(long n) {
    asked = Demand.add(asked, n);
    upstream.fetch(n);
  }

  @Override
  protected void onPause() {
    asked = 0;
    upstream.pause();
  }
}

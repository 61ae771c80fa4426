package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Predicate;

/**
 * {@code takeWhile(p)}: the items while {@code p} holds; the first item for which it does not is
 * dropped and the stream ends, letting go of upstream. A predicate that throws fails the stream.
 * Buffers: nothing.
 */
public final class TakeWhileStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  private final Predicate<? super T> predicate;

  public TakeWhileStream(Context context, ReadStream<T> source, Predicate<? super T> predicate) {
    super(context, source);
    this.predicate = predicate;
    subscribe("takeWhile");
  }

  @Override
  protected void onItem(T item) {
    boolean holds;
    try {
      holds = predicate.test(item);
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    if (holds) {
      emit(item);
    } else {
      complete();
    }
  }
}

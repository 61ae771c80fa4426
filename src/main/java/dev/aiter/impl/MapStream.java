package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/** {@code map}: one item out per item in; demand passes through. Buffers: nothing. */
public final class MapStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private final Function<? super U, ? extends T> f;

  public MapStream(Context context, ReadStream<U> source, Function<? super U, ? extends T> f) {
    super(context, source);
    passDemandOn();
    this.f = f;
    subscribe();
  }

  @Override
  protected void onItem(U item) {
    T mapped;
    try {
      mapped = f.apply(item);
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    emit(mapped);
  }
}

package dev.aiter.impl;

import dev.aiter.StoppableStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/** {@code stoppable}: upstream passed through until {@link #stop()}. Buffers: nothing. */
public final class StoppableStreamImpl<T> extends UpstreamOperator<T, T, StoppableStream<T>>
    implements StoppableStream<T> {

  public StoppableStreamImpl(Context context, ReadStream<T> source) {
    super(context, source);
    subscribe("stoppable");
  }

  @Override
  public void stop() {
    closeNow();
  }

  @Override
  protected void onItem(T item) {
    emit(item);
  }
}

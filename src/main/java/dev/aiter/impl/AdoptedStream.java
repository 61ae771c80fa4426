package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * Any Vert.x {@code ReadStream} as an {@link Aiter} on a chosen context: demand passes through,
 * signals delivered on another thread are carried onto the context. Buffers: only what upstream
 * delivers after a pause it had not yet seen.
 */
public final class AdoptedStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  public AdoptedStream(Context context, ReadStream<T> source) {
    super(context, source);
    passDemandOn();
    subscribe();
  }

  /** {@code source} itself when it already runs on {@code context}, else an adopted copy. */
  public static <T> Aiter<T> on(Context context, ReadStream<T> source) {
    Args.notNull(source, "source");
    if (source instanceof BaseAiter && ((BaseAiter<?, ?>) source).context == context) {
      return (Aiter<T>) source;
    }
    return new AdoptedStream<>(context, source);
  }

  @Override
  protected void onItem(T item) {
    emit(item);
  }
}

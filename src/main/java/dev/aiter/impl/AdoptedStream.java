package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * Any Vert.x {@code ReadStream} as an {@link Aiter} on a chosen context: demand passes through,
 * signals delivered on another thread are carried onto the context. Buffers: only what upstream
 * delivers after a pause it had not yet seen.
 *
 * <p>An operator built over it on its context before anybody used it (the common {@code
 * Aiter.of(socket).map(f)}) reads the adopted stream itself instead, which is the same protocol
 * one stage shorter: see {@link #handOver}.
 */
public final class AdoptedStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /** The stream adopted, as given. */
  private final ReadStream<T> adopted;
  /** The operator that reads {@link #adopted} in this stream's place, or {@code null}. */
  private UpstreamOperator<T, ?, ?> successor;

  public AdoptedStream(Context context, ReadStream<T> source) {
    super(context, source);
    this.adopted = source;
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

  /**
   * The stream this one adopted, for {@code successor}, an operator being built over this one on
   * the same context, to read directly (one stage less per item) when nobody has used this one
   * yet; else {@code null}. This one is then consumed by the successor, and the source, still
   * paused, is the successor's to subscribe to: its handlers replace ours there, never cleared on
   * the way (an event-bus consumer given a null handler unregisters). A signal the source sent
   * before that, on its way here from another thread, is passed on to the successor. Runs on the
   * context.
   */
  ReadStream<T> handOver(UpstreamOperator<T, ?, ?> successor) {
    if (successor.context != context || !isOnContext() || !isUntouched()) {
      return null;
    }
    claim(this, successor.getClass().getSimpleName());
    this.successor = successor;
    return adopted;
  }

  @Override
  protected void onItem(T item) {
    UpstreamOperator<T, ?, ?> next = successor;
    if (next == null) {
      emit(item);
    } else {
      next.onItem(item);
    }
  }

  @Override
  protected void onUpstreamEnd() {
    if (successor == null) {
      super.onUpstreamEnd();
    } else {
      successor.onUpstreamEnd();
    }
  }

  @Override
  protected void onUpstreamFailure(Throwable cause) {
    if (successor == null) {
      super.onUpstreamFailure(cause);
    } else {
      successor.onUpstreamFailure(cause);
    }
  }
}

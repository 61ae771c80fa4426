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
  /** An operator reads {@link #adopted} in this stream's place: it is not ours to let go of. */
  private boolean handedOver;

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
   * The stream this one adopted, for an operator on the same context to read directly, one stage
   * less per item, when nobody has used this one yet; this one is then consumed by {@code by} and
   * closed, and the source (still paused) is the operator's to subscribe to. Else {@code null}.
   * Runs on the context.
   */
  ReadStream<T> handOver(Context context, String by) {
    if (context != this.context || !isOnContext() || !isUntouched()) {
      return null;
    }
    claim(this, by);
    handedOver = true;
    closeNow();
    return adopted;
  }

  @Override
  protected void onClose() {
    if (!handedOver) {
      super.onClose();
    }
    // Else the operator's handlers replace ours on the source; clearing them first would
    // unregister an event-bus consumer (handler(null)) and lose what it was sent meanwhile.
  }

  @Override
  protected void onItem(T item) {
    emit(item);
  }
}

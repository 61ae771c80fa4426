package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * Any Vert.x {@code ReadStream} as an {@link Aiter} on a chosen context: demand passes through,
 * signals delivered on another thread are carried onto the context. An {@code Aiter} of another
 * context is asked for one item at a time, each asked once the one before has arrived here, so a
 * slow flowing consumer slows it (contract 4). Buffers: only what upstream delivers after a pause
 * it had not yet seen (of an {@code Aiter} of another context, the one item asked).
 *
 * <p>An operator built over it on its context before anybody used it (the common {@code
 * Aiter.of(socket).map(f)}) reads the foreign stream in its place, one stage less per item: it
 * calls the foreign stream through this stream's {@link ForeignUpstream} (which knows its home
 * context), and this stream passes every signal the foreign stream sends straight on to it,
 * instead of emitting it (its handlers stay on the foreign stream: an event-bus consumer given a
 * null handler unregisters). When the operator lets go, this stream takes the foreign stream
 * back, paused, and is free for another consumer, as after a release.
 */
public final class AdoptedStream<T> extends UpstreamOperator<T, T, Aiter<T>> {

  /**
   * An operator made this stream for itself ({@link #inner}): letting go of it closes it, so that
   * it lets go of the caller's stream in turn.
   */
  private boolean closesOnRelease;
  /** The operator reading the foreign stream in this stream's place, or {@code null}. */
  private UpstreamOperator<T, ?, ?> successor;

  public AdoptedStream(Context context, ReadStream<T> source) {
    super(context, source);
    passDemandOn();
    subscribe("Aiter.of");
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
   * {@code source} as one of our operators reads it: itself when it already runs on {@code
   * context}, else an adopted copy that is the operator's own. Letting go of that copy ({@link
   * BaseAiter#release}) closes it, so that it lets go of {@code source} too (contract 9): only
   * released, it would keep its handlers on the caller's stream, and its claim, for ever.
   */
  public static <T> ReadStream<T> inner(Context context, ReadStream<T> source) {
    Aiter<T> read = on(context, source);
    if (read != source) {
      ((AdoptedStream<T>) read).closesOnRelease = true;
    }
    return read;
  }

  /** Whether letting go of it closes it: an operator made it for itself ({@link #inner}). */
  boolean closesOnRelease() {
    return closesOnRelease;
  }

  /**
   * {@code source} as an adopted stream whose foreign stream an operator being built on {@code
   * context} may read in its place, else {@code null}: it adopted a foreign stream (not one of
   * ours on another context), runs on {@code context}, is being asked on it, nobody has used it
   * yet, and its subscription is in place (made off the context, its pause is still queued, and
   * would void what the operator asked before it).
   */
  static <T> AdoptedStream<T> readableInPlace(ReadStream<T> source, Context context) {
    if (source instanceof AdoptedStream) {
      AdoptedStream<T> adopted = (AdoptedStream<T>) source;
      if (adopted.foreign() != null && adopted.context == context && adopted.isOnContext()
          && adopted.isUntouched() && adopted.isSubscribed()) {
        return adopted;
      }
    }
    return null;
  }

  /** {@code successor} reads the foreign stream from now on: it consumes this stream. */
  void handOver(UpstreamOperator<T, ?, ?> successor) {
    claim(this, successor.name());
    this.successor = successor;
  }

  /**
   * {@code successor} let go: the foreign stream is paused and this stream's again, free for
   * another consumer; what the foreign stream still sends is held here, as for any stream
   * without a consumer.
   */
  void takeBack(UpstreamOperator<T, ?, ?> successor) {
    if (this.successor == successor) {
      this.successor = null;
      release(this);
    }
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
    UpstreamOperator<T, ?, ?> next = successor;
    if (next != null) {
      next.upstreamEnded();
    }
    super.onUpstreamEnd(); // this stream ends too, and lets go of the foreign stream
  }

  @Override
  protected void onUpstreamFailure(Throwable cause) {
    UpstreamOperator<T, ?, ?> next = successor;
    if (next != null) {
      next.upstreamFailed(cause);
    }
    super.onUpstreamFailure(cause); // held for a consumer this stream may still get
  }
}

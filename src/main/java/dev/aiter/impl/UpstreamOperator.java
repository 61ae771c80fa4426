package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * The base of every operator with one upstream: it subscribes paused (nothing is pulled before
 * the consumer asks), passes demand through one for one, carries upstream signals onto this
 * stream's context when upstream lives elsewhere, and lets go of upstream when the stream closes
 * (contract 9). An operator fills in {@link #onItem} and, when its ratio is not one for one,
 * {@link #onRequest} / {@link #onPause}.
 *
 * @param <U> the upstream item type
 * @param <T> the item type
 * @param <S> the stream type returned by the fluent methods
 */
public abstract class UpstreamOperator<U, T, S extends Aiter<T>> extends BaseAiter<T, S> {

  /**
   * The stream this operator pulls from; never stopped or closed by it. A foreign stream is seen
   * through a {@link ForeignUpstream}, so that calls into it run on its own context.
   */
  protected final ReadStream<U> upstream;
  /** Upstream is one of ours on the same context: its signals need no hop. */
  private final boolean local;
  /** The foreign upstream, or {@code null} when upstream is one of ours. */
  private final ForeignUpstream<U> foreign;
  /**
   * The adopted stream whose foreign stream this operator reads in its place, or {@code null}:
   * see {@link AdoptedStream#readableInPlace}.
   */
  private final AdoptedStream<U> adoptedFrom;

  protected UpstreamOperator(Context context, ReadStream<U> source) {
    super(context);
    Args.notNull(source, "source");
    this.adoptedFrom = AdoptedStream.readableInPlace(source, context);
    if (adoptedFrom != null) {
      this.local = false;
      this.foreign = adoptedFrom.foreign();
    } else {
      this.local = source instanceof BaseAiter && ((BaseAiter<?, ?>) source).context == context;
      this.foreign = source instanceof BaseAiter ? null : new ForeignUpstream<>(source, this);
    }
    this.upstream = foreign == null ? source : foreign;
  }

  /** The foreign upstream, or {@code null} when upstream is one of ours. */
  final ForeignUpstream<U> foreign() {
    return foreign;
  }

  /** Subscribes to upstream; a subclass calls it last in its constructor, once its fields are set. */
  protected final void subscribe() {
    if (adoptedFrom != null) {
      adoptedFrom.handOver(this); // its handlers, already on the foreign stream, pass signals on
      return;
    }
    claim(upstream, getClass().getSimpleName());
    upstream.pause();
    if (local) {
      upstream.exceptionHandler(this::onUpstreamFailure);
      upstream.endHandler(v -> onUpstreamEnd());
      upstream.handler(this::onItem);
    } else {
      upstream.exceptionHandler(cause -> onContext(() -> onUpstreamFailure(cause)));
      upstream.endHandler(v -> onContext(this::onUpstreamEnd));
      upstream.handler(this::onForeignItem);
    }
  }

  /** An item from upstream, on the context. */
  protected abstract void onItem(U item);

  /** Upstream ended; by default the stream ends after what it holds. */
  protected void onUpstreamEnd() {
    complete();
  }

  /** Upstream failed; by default the stream fails after what it holds. */
  protected void onUpstreamFailure(Throwable cause) {
    failWith(cause);
  }

  @Override
  protected void onRequest(long n) {
    upstream.fetch(n);
  }

  @Override
  protected void onPause() {
    upstream.pause();
  }

  @Override
  protected void onClose() {
    if (adoptedFrom != null) {
      adoptedFrom.takeBack(this);
    } else {
      release(upstream);
    }
  }

  /** An item from a stream that may deliver on another thread; no allocation when it does not. */
  private void onForeignItem(U item) {
    if (foreign != null ? arrivedHereQuickly(foreign) : isOnContext()) {
      onItem(item);
    } else {
      context.runOnContext(v -> onItem(item));
    }
  }

  private void onContext(Runnable signal) {
    if (foreign != null ? arrivedHereQuickly(foreign) : isOnContext()) {
      signal.run();
    } else {
      context.runOnContext(v -> signal.run());
    }
  }
}

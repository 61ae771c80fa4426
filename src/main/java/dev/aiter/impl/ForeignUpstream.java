package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;

/**
 * A stream that is not one of ours, seen from an operator on another context: every call into it
 * is made on the stream's own context (its "home"), since a foreign stream (a record parser over a
 * socket of another event loop, say) is not safe to drive from another thread (contract 1). The
 * home is first the context that adopted the stream, then the context it actually delivers on,
 * which {@link #deliveredHere} learns. Until either is known, calls are made directly.
 */
final class ForeignUpstream<T> implements ReadStream<T> {

  private final ReadStream<T> stream;
  /** Written on the stream's thread when it delivers, read on the operator's. */
  private volatile Context home;

  ForeignUpstream(ReadStream<T> stream) {
    this.stream = stream;
    this.home = Vertx.currentContext();
  }

  /** The stream delivered a signal on the calling thread: its context is its home. */
  void deliveredHere() {
    Context current = Vertx.currentContext();
    if (current != null && current != home) {
      home = current;
    }
  }

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    onHome(() -> stream.exceptionHandler(handler));
    return this;
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    onHome(() -> stream.handler(handler));
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    onHome(stream::pause);
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    onHome(stream::resume);
    return this;
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    onHome(() -> stream.fetch(amount));
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    onHome(() -> stream.endHandler(endHandler));
    return this;
  }

  private void onHome(Runnable call) {
    Context target = home;
    if (target == null || Vertx.currentContext() == target) {
      call.run();
    } else {
      target.runOnContext(v -> call.run());
    }
  }
}

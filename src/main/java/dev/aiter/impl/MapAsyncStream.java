package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * {@code mapAsync}: up to {@code workers} calls of {@code f} in flight, results delivered in the
 * order they complete. Once the consumer has first asked, it keeps calls going ahead of demand, but
 * calls in flight plus results not yet delivered never exceed {@code workers}. A failed future, a
 * throwing function or a null future fails the stream at once, without waiting for the calls still
 * in flight. Buffers: {@code workers} results.
 */
public final class MapAsyncStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private enum Loading { IDLE, STARTED, UPSTREAM_DONE }

  private final Function<? super U, ? extends Future<? extends T>> f;
  private final int workers;
  private final ArrayDeque<T> results = new ArrayDeque<>();
  /** One handler for every call's future: no allocation per item. */
  private final Handler<AsyncResult<T>> onResult = this::onResult;
  private Loading loading = Loading.IDLE;
  /** Items asked of upstream that have not come. */
  private int asked;
  /** Calls of {@code f} whose future has not completed. */
  private int inFlight;

  public MapAsyncStream(Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<? extends T>> f, int workers) {
    super(context, source);
    this.f = f;
    this.workers = workers;
    subscribe();
  }

  @Override
  protected void onItem(U item) {
    asked--;
    Future<? extends T> future;
    try {
      future = f.apply(item);
      if (future == null) {
        throw new NullPointerException("the mapAsync function returned a null future for " + item);
      }
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    inFlight++;
    @SuppressWarnings("unchecked") // a Future<? extends T> only ever gives a T
    Future<T> typed = (Future<T>) future;
    typed.onComplete(onResult);
  }

  private void onResult(AsyncResult<T> result) {
    if (!isOnContext()) {
      context.runOnContext(v -> onResult(result));
      return;
    }
    inFlight--;
    if (!isOpen()) {
      return; // failed or stopped: the call was abandoned
    }
    if (result.failed()) {
      failWith(result.cause());
      return;
    }
    T value = result.result();
    if (value == null) {
      failWith(new NullPointerException("a mapAsync future completed with null"));
      return;
    }
    results.add(value);
    refill();
    finishIfDone();
    drain();
  }

  @Override
  protected T poll() {
    T item = results.poll();
    if (item != null) {
      refill();
    }
    return item;
  }

  @Override
  protected boolean holdsItems() {
    return !results.isEmpty();
  }

  @Override
  protected void onRequest(long n) {
    if (loading == Loading.IDLE) {
      loading = Loading.STARTED;
    }
    refill();
  }

  @Override
  protected void onPause() {
    // Calls keep going up to the bound; their results wait in hand.
  }

  @Override
  protected void onUpstreamEnd() {
    loading = Loading.UPSTREAM_DONE;
    finishIfDone();
  }

  private void refill() {
    if (loading != Loading.STARTED || !isOpen()) {
      return;
    }
    int free = workers - inFlight - results.size() - asked;
    if (free > 0) {
      asked += free;
      upstream.fetch(free);
    }
  }

  private void finishIfDone() {
    if (loading == Loading.UPSTREAM_DONE && inFlight == 0) {
      complete();
    }
  }
}

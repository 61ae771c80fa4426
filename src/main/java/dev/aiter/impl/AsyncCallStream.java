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
 * {@code mapAsync} and {@code peekAsync}: an asynchronous call per item, up to {@code workers} in
 * flight, and what goes on (the call's result for {@code mapAsync}, the item itself for {@code
 * peekAsync}) delivered in the order the calls complete. Once the consumer has first asked, it keeps
 * calls going ahead of demand, but calls in flight plus items not yet delivered never exceed
 * {@code workers}. A failed future, a throwing function or a null future fails the stream at once,
 * without waiting for the calls still in flight. Buffers: {@code workers} items.
 */
public final class AsyncCallStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  private enum Loading { IDLE, STARTED, UPSTREAM_DONE }

  /** What a successful call passes on. */
  private enum Passes { RESULT, ITEM }

  /** The public name, for messages. */
  private final String name;
  private final Passes passes;
  private final Function<? super U, ? extends Future<?>> f;
  private final int workers;
  private final ArrayDeque<T> results = new ArrayDeque<>();
  /** One handler for every call's future when the result goes on: no allocation per item. */
  private final Handler<AsyncResult<Object>> onResult = done -> onDone(done, null);
  private Loading loading = Loading.IDLE;
  /** Items asked of upstream that have not come. */
  private int asked;
  /** Calls of {@code f} whose future has not completed. */
  private int inFlight;

  private AsyncCallStream(String name, Passes passes, Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<?>> f, int workers) {
    super(context, source);
    this.name = name;
    this.passes = passes;
    this.f = f;
    this.workers = workers;
    subscribe();
  }

  /** Each item becomes the result of its call ({@code name}: mapAsync, mapFilterAsync). */
  public static <U, T> AsyncCallStream<U, T> mapping(String name, Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<? extends T>> f, int workers) {
    return new AsyncCallStream<>(name, Passes.RESULT, context, source, f, workers);
  }

  /** Each item goes on itself once its call succeeded, whatever the call's result. */
  public static <T> AsyncCallStream<T, T> peeking(Context context, ReadStream<T> source,
      Function<? super T, ? extends Future<?>> f, int workers) {
    return new AsyncCallStream<>("peekAsync", Passes.ITEM, context, source, f, workers);
  }

  @Override
  protected void onItem(U item) {
    asked--;
    Future<?> future;
    try {
      future = f.apply(item);
      if (future == null) {
        throw new NullPointerException("the " + name + " function returned a null future for " + item);
      }
    } catch (Throwable t) {
      failWith(t);
      return;
    }
    inFlight++;
    @SuppressWarnings("unchecked") // the handler reads the value as an Object, whatever it is
    Future<Object> call = (Future<Object>) future;
    if (passes == Passes.RESULT) {
      call.onComplete(onResult);
    } else {
      call.onComplete(done -> onDone(done, item));
    }
  }

  /** A call completed; {@code item} is the one it was made for when the item is what goes on. */
  private void onDone(AsyncResult<Object> done, U item) {
    if (!isOnContext()) {
      context.runOnContext(v -> onDone(done, item));
      return;
    }
    inFlight--;
    if (!isOpen()) {
      return; // failed or stopped: the call was abandoned
    }
    if (done.failed()) {
      failWith(done.cause());
      return;
    }
    @SuppressWarnings("unchecked") // a mapping call gives a T; a peeking stream's U is its T
    T value = (T) (passes == Passes.ITEM ? item : done.result());
    if (value == null) {
      failWith(new NullPointerException("a " + name + " future completed with null, and items are never null;"
          + " for a call whose result is not an item (a Future<Void>, say), use peekAsync: it passes the item on"));
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

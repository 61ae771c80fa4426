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
 * {@code mapAsyncOrdered}: up to {@code workers} calls of {@code f} in flight, results delivered in
 * source order. A completed call frees its worker for the next item even while an earlier call
 * still runs, as long as fewer than {@code workers} finished results are held (behind an earlier
 * call or waiting for demand). So calls that complete at once never leave more than {@code
 * workers} results held; calls still in flight when the results held reach {@code workers} may
 * add theirs, up to {@code 2 * workers - 1} results behind a slow call. A failed call (failed or
 * null future, throwing function, null result) fails the stream in its place: after the results
 * before it, without waiting for the calls after it; from then on nothing more is started.
 * Buffers: {@code workers} calls in flight and the finished results held, together fewer than
 * {@code 2 * workers}.
 */
public final class MapAsyncOrderedStream<U, T> extends UpstreamOperator<U, T, Aiter<T>> {

  /** Whether calls are started: from the consumer's first request until a call fails or upstream ends. */
  private enum Loading { IDLE, STARTED, HALTED, UPSTREAM_ENDED }

  /** One call, in source order; also the handler of its future (one allocation per item). */
  private final class Call implements Handler<AsyncResult<T>> {
    private T value;
    private Throwable failure;
    private boolean done;

    @Override
    public void handle(AsyncResult<T> result) {
      if (!isOnContext()) {
        context.runOnContext(v -> handle(result));
        return;
      }
      if (result.succeeded() && result.result() == null) {
        finish(null, new NullPointerException("a mapAsyncOrdered future completed with null"));
      } else {
        finish(result.result(), result.cause());
      }
    }

    void finish(T value, Throwable failure) {
      inFlight--;
      this.value = value;
      this.failure = failure;
      this.done = true;
      if (failure == null) {
        finished++;
      } else if (loading == Loading.STARTED) {
        loading = Loading.HALTED; // nothing after a failed call will ever be delivered
      }
      if (isOpen()) {
        settleHead();
        refill();
        drain();
      }
    }
  }

  private final Function<? super U, ? extends Future<? extends T>> f;
  private final int workers;
  /** Every call not yet delivered, in source order. */
  private final ArrayDeque<Call> calls = new ArrayDeque<>();
  private Loading loading = Loading.IDLE;
  private Throwable upstreamFailure;
  /** Items asked of upstream that have not come. */
  private int asked;
  /** Calls whose future has not completed. */
  private int inFlight;
  /** Calls that succeeded and are not yet delivered. */
  private int finished;

  public MapAsyncOrderedStream(Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<? extends T>> f, int workers) {
    super(context, source);
    this.f = f;
    this.workers = workers;
    subscribe();
  }

  @Override
  protected void onItem(U item) {
    // More than asked comes when a handler fetched from upstream itself (contract 5): never dropped.
    asked = Math.max(asked - 1, 0);
    if (loading == Loading.HALTED) {
      return; // it comes after a failed call: never delivered, so never called
    }
    Call call = new Call();
    calls.add(call);
    inFlight++;
    Future<? extends T> future;
    try {
      future = f.apply(item);
      if (future == null) {
        throw new NullPointerException("the mapAsyncOrdered function returned a null future for " + item);
      }
    } catch (Throwable t) {
      call.finish(null, t);
      return;
    }
    @SuppressWarnings("unchecked") // a Future<? extends T> only ever gives a T
    Future<T> typed = (Future<T>) future;
    typed.onComplete(call);
  }

  @Override
  protected T poll() {
    Call head = calls.peek();
    if (head == null || !head.done || head.failure != null) {
      return null;
    }
    calls.poll();
    finished--;
    T value = head.value;
    settleHead();
    refill();
    return value;
  }

  @Override
  protected boolean holdsItems() {
    return !calls.isEmpty();
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
    loading = Loading.UPSTREAM_ENDED;
    settleHead();
  }

  @Override
  protected void onUpstreamFailure(Throwable cause) {
    // In its place: after every call started before it.
    loading = Loading.UPSTREAM_ENDED;
    upstreamFailure = cause;
    settleHead();
  }

  /**
   * Asks upstream for what the bounds allow: each item asked would, if it came now, start a call
   * with fewer than {@code workers} calls in flight and fewer than {@code workers} results held.
   */
  private void refill() {
    if (loading != Loading.STARTED || !isOpen()) {
      return;
    }
    int free = Math.min(workers - inFlight, workers - finished) - asked;
    if (free > 0) {
      asked += free;
      upstream.fetch(free);
    }
  }

  /** Ends or fails the stream when what comes next in the order is a terminal. */
  private void settleHead() {
    Call head = calls.peek();
    if (head != null) {
      if (head.done && head.failure != null) {
        calls.clear();
        failWith(head.failure);
      }
    } else if (loading == Loading.UPSTREAM_ENDED) {
      if (upstreamFailure == null) {
        complete();
      } else {
        failWith(upstreamFailure);
      }
    }
  }
}

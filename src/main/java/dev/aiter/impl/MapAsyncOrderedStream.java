package dev.aiter.impl;

import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * {@code mapAsyncOrdered}: up to {@code workers} calls of {@code f} in flight, results delivered in
 * source order. A completed call frees its worker for the next item even while an earlier call
 * still runs, as long as fewer than {@code workers} finished results are held (behind an earlier
 * call or waiting for demand, the one being handed to the consumer included). So calls that
 * complete at once never leave more than {@code workers} results held; calls still in flight when
 * the results held reach {@code workers} may add theirs, up to {@code 2 * workers - 1} results
 * behind a slow call. A failed call (failed or null future, throwing function, null result) fails
 * the stream in its place: after the results before it, without waiting for the calls after it;
 * from then on nothing more is started. An upstream failure comes after the finished results at
 * the head of the order, without waiting for a call still running (nor for those after it).
 * Buffers: {@code workers} calls in flight and the finished results held, together fewer than
 * {@code 2 * workers}.
 */
public final class MapAsyncOrderedStream<U, T> extends WorkersStream<U, T> {

  private enum Status { RUNNING, SUCCEEDED, FAILED }

  /**
   * One call, in source order, and the listener of its future. Delivered calls are reused, so a
   * call costs no allocation here once the stream has run {@code 2 * workers} of them.
   */
  private final class Call implements Completable<T> {
    private Status status = Status.RUNNING;
    private T value;
    private Throwable failure;

    /** The call's future completed, on any thread. */
    @Override
    public void complete(T result, Throwable cause) {
      if (isOnContext()) {
        completed(result, cause);
      } else {
        context.runOnContext(v -> completed(result, cause));
      }
    }

    /** The call's future completed, on the context: its result (null on failure) or its cause. */
    void completed(T result, Throwable cause) {
      if (cause == null && result == null) {
        finish(null, new NullPointerException("a mapAsyncOrdered future completed with null"));
      } else {
        finish(result, cause);
      }
    }

    void finish(T result, Throwable cause) {
      inFlight--;
      value = result;
      failure = cause;
      if (cause == null) {
        status = Status.SUCCEEDED;
        finished++;
      } else {
        status = Status.FAILED;
        if (loading == Loading.STARTED) {
          loading = Loading.HALTED; // nothing after a failed call will ever be delivered
        }
      }
      if (isOpen()) {
        settle();
        refill(); // this completion may have freed a worker
        drain();
      }
    }
  }

  private final Function<? super U, ? extends Future<? extends T>> f;
  /** Every call not yet delivered, in source order. */
  private final ArrayDeque<Call> calls;
  /** Delivered calls, for reuse. */
  private final ArrayDeque<Call> spare;
  private Throwable upstreamFailure;
  /** Calls that succeeded and are not yet delivered. */
  private int finished;

  public MapAsyncOrderedStream(Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<? extends T>> f, int workers) {
    super(context, source, workers);
    this.f = f;
    this.calls = new ArrayDeque<>(Math.min(2 * workers, 1024));
    this.spare = new ArrayDeque<>(Math.min(2 * workers, 1024));
    subscribe("mapAsyncOrdered");
  }

  @Override
  protected void onItem(U item) {
    arrived();
    if (loading == Loading.HALTED) {
      return; // it comes after a failed call: never delivered, so never called
    }
    Call call = spare.poll();
    if (call == null) {
      call = new Call();
    }
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
    if (typed.isComplete()) {
      call.completed(typed.result(), typed.cause()); // as in mapAsync: no listener, no look at the thread
    } else {
      typed.onComplete(call);
    }
  }

  @Override
  protected T poll() {
    Call head = calls.peek();
    if (head == null || head.status != Status.SUCCEEDED) {
      // Room is asked for once per run of deliveries (when the head is not ready, or demand runs
      // out below), not once per item. Calls that complete at once may make the head ready now.
      refill();
      head = calls.peek();
      if (head == null || head.status != Status.SUCCEEDED || !canDeliverPolled()) {
        return null; // not ready, or other handlers the refill ran paused this stream
      }
    }
    calls.poll();
    finished--;
    T value = head.value;
    head.status = Status.RUNNING;
    head.value = null;
    spare.add(head);
    settle();
    if (demand() == 1) {
      callAfterDelivery(); // the drain loop stops after this item: keep calls going meanwhile
    }
    return value;
  }

  @Override
  protected void afterDelivery() {
    refill();
  }

  @Override
  protected boolean holdsItems() {
    return !calls.isEmpty();
  }

  @Override
  protected void onUpstreamFailure(Throwable cause) {
    // In its place as far as results are held: after the finished calls at the head of the order,
    // without waiting for the first call still running (contract 7: calls in flight are not waited
    // for), whose result, and every one after it, will never be delivered.
    loading = Loading.UPSTREAM_ENDED;
    upstreamFailure = cause;
    int finishedAhead = 0;
    for (Call call : calls) {
      if (call.status == Status.RUNNING) {
        break;
      }
      finishedAhead++;
    }
    while (calls.size() > finishedAhead) {
      calls.pollLast(); // let go of: its completion finds it in no queue
    }
    settle();
  }

  /**
   * Each item asked would, if it came now, start a call with fewer than {@code workers} calls in
   * flight and fewer than {@code workers} results held.
   */
  @Override
  protected int room() {
    return Math.min(workers - inFlight, workers - finished);
  }

  /** Ends or fails the stream when what comes next in the order is a terminal. */
  @Override
  protected void settle() {
    Call head = calls.peek();
    if (head != null) {
      if (head.status == Status.FAILED) {
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

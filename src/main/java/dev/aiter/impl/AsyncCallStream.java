package dev.aiter.impl;

import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
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
public final class AsyncCallStream<U, T> extends WorkersStream<U, T> {

  /** What a successful call passes on. */
  private enum Passes { RESULT, ITEM }

  /** The public name, for messages. */
  private final String name;
  private final Passes passes;
  private final Function<? super U, ? extends Future<?>> f;
  private final ArrayDeque<T> results;
  /**
   * Where a result made now goes, an int for a field written twice per poll: {@link #QUEUED} into
   * {@code results}; {@link #STRAIGHT} to the consumer when it takes it at once, allowed only
   * during poll's own refill, where the drain loop counts the slice and nothing is in hand;
   * {@link #SENT_STRAIGHT} once one has.
   */
  private int handout = QUEUED;
  private static final int QUEUED = 0;
  private static final int STRAIGHT = 1;
  private static final int SENT_STRAIGHT = 2;
  /**
   * One listener for every call's future when the result goes on: a completed call costs no
   * allocation here (the {@code Handler<AsyncResult>} form of {@code onComplete} would wrap it).
   */
  private final Completable<Object> onResult = (value, cause) -> onDone(value, cause, null);

  private AsyncCallStream(String name, Passes passes, Context context, ReadStream<U> source,
      Function<? super U, ? extends Future<?>> f, int workers) {
    super(context, source, workers);
    this.name = name;
    this.passes = passes;
    this.f = f;
    this.results = new ArrayDeque<>(Math.min(workers, 1024));
    subscribe(name);
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
    arrived();
    // Counted before the call: f may complete an earlier call's future, and the room that call
    // leaves must not include this one (found in review: workers + 1 items taken).
    inFlight++;
    Future<?> future;
    try {
      future = f.apply(item);
      if (future == null) {
        throw new NullPointerException("the " + name + " function returned a null future for " + item);
      }
    } catch (Throwable t) {
      inFlight--;
      failWith(t);
      return;
    }
    @SuppressWarnings("unchecked") // the listener reads the value as an Object, whatever it is
    Future<Object> call = (Future<Object>) future;
    if (call.isComplete()) {
      // Completed already (a cached result, a call answered synchronously): taken here, on the
      // context, without a listener and the look at the current thread its call would need.
      completed(call.result(), call.cause(), item);
    } else if (passes == Passes.RESULT) {
      call.onComplete(onResult);
    } else {
      call.onComplete((value, cause) -> onDone(value, cause, item));
    }
  }

  /** A call completed, on any thread; {@code item} is the one it was made for when the item goes on. */
  private void onDone(Object result, Throwable cause, U item) {
    if (isOnContext()) {
      completed(result, cause, item);
    } else {
      context.runOnContext(v -> completed(result, cause, item));
    }
  }

  /** A call completed, on the context: its result (null on failure) or its cause. */
  private void completed(Object result, Throwable cause, U item) {
    inFlight--;
    if (!isOpen()) {
      return; // failed or stopped: the call was abandoned
    }
    if (cause != null) {
      failWith(cause);
      return;
    }
    @SuppressWarnings("unchecked") // a mapping call gives a T; a peeking stream's U is its T
    T value = (T) (passes == Passes.ITEM ? item : result);
    if (value == null) {
      failWith(new NullPointerException("a " + name + " future completed with null, and items are never null;"
          + " for a call whose result is not an item (a Future<Void>, say), use peekAsync: it passes the item on"));
      return;
    }
    if (handout != QUEUED && results.isEmpty() && canEmitNow()) {
      // Inside poll's refill (see handout), nothing completed before it waits and the consumer
      // takes it now: it goes straight out, without passing through the queue.
      emit(value);
      handout = SENT_STRAIGHT;
      sliceUsedUp(); // a delivery of this drain run like any other; a run used up rests here
    } else {
      results.add(value);
    }
    settle();
    if (handout == QUEUED) {
      refill(); // room an item delivered since the last ask left (a call becoming a result frees none)
    }
    // Inside poll's refill, a result that went straight out left room too, but asking for it here
    // would nest: a source delivering inside every fetch would grow the stack by an item each
    // time. The drain pass this asks for polls again, and poll refills then.
    drain();
  }

  @Override
  protected T poll() {
    if (results.isEmpty()) {
      // Room is asked for once per run of deliveries (when it runs out of results, or of demand
      // below), not once per item: one fetch(k) upstream instead of k fetch(1) round trips. A
      // synchronous upstream with calls that complete at once answers right here, and its results
      // go straight to the consumer while it takes them.
      boolean sentStraight;
      handout = STRAIGHT;
      try {
        refill();
      } finally {
        sentStraight = handout == SENT_STRAIGHT;
        handout = QUEUED;
      }
      if (sentStraight || !canDeliverPolled()) {
        // The consumer's handler ran meanwhile and may have changed its demand or its handler,
        // which the drain loop read before this poll, or other handlers the fetch ran paused this
        // stream: hand nothing out now. The loop goes round again (each result asked it to) and
        // polls what is left then.
        return null;
      }
    }
    T item = results.poll();
    if (item != null && demand() == 1) {
      callAfterDelivery(); // the drain loop stops after this item: keep calls going meanwhile
    }
    return item;
  }

  @Override
  protected void afterDelivery() {
    refill();
  }

  @Override
  protected boolean holdsItems() {
    return !results.isEmpty();
  }

  @Override
  protected int room() {
    return workers - inFlight - results.size();
  }

  @Override
  protected void settle() {
    if (loading == Loading.UPSTREAM_ENDED && inFlight == 0) {
      complete();
    }
  }
}

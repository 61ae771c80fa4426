package dev.aiter.impl;

import dev.aiter.GatedStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code gated}: upstream is asked for exactly the credits given with {@link #push(long)}, at once
 * (a gate may fetch its credits before the consumer asks); the consumer's own demand then paces
 * delivery. Buffers: at most the credits granted and not yet delivered.
 *
 * <p>Over a {@code PushStream} of its own context, made on that context, the gate reads the push
 * source's queue in place: it takes an item from there when its consumer can have it and a
 * credit is left, so that the item passes one drain loop instead of two, and buffers nothing
 * (the items wait in the push source, as they do before any credit).
 */
public final class GatedStreamImpl<T> extends UpstreamOperator<T, T, GatedStream<T>>
    implements GatedStream<T> {

  private enum Gate { OPEN, STOPPED }

  private Gate gate = Gate.OPEN;
  /**
   * Credits whose items have not come yet: fetched from upstream and not delivered by it, or, when
   * the gate reads a push source in place, not yet taken from its queue.
   */
  private long outstanding;
  /** The push source whose queue this gate reads in place, or {@code null}: see the class doc. */
  private final PushStreamImpl<T> pushSource;

  public GatedStreamImpl(Context context, ReadStream<T> source) {
    super(context, source);
    this.pushSource = source instanceof PushStreamImpl && ((PushStreamImpl<T>) source).context == context
        && isOnContext() ? (PushStreamImpl<T>) source : null;
    subscribe("gated");
    if (pushSource != null && isOpen()) { // a source that had ended has ended the gate already
      pushSource.readInPlace(this);
    }
  }

  @Override
  public void push(long count) {
    Args.notNegative(count, "count");
    if (!isOnContext()) {
      context.runOnContext(v -> push(count));
      return;
    }
    if (gate == Gate.STOPPED || !isOpen() || count == 0) {
      return;
    }
    outstanding = Demand.add(outstanding, count);
    if (pushSource != null) {
      drain(); // the credits are taken from the push source as the consumer asks
    } else if (isSubscribed()) {
      fetchUpstream(count);
    } else {
      // Made off the context, the gate's subscription is still queued, and its pause would void
      // a fetch made now: the credits are asked after it, in order.
      context.runOnContext(v -> {
        if (isOpen()) {
          fetchUpstream(count);
        }
      });
    }
  }

  @Override
  public void stop() {
    if (!isOnContext()) {
      context.runOnContext(v -> stop());
      return;
    }
    gate = Gate.STOPPED;
    endIfSpent();
  }

  @Override
  protected void onItem(T item) {
    outstanding = Demand.decrement(outstanding);
    emit(item);
    endIfSpent();
  }

  @Override
  protected T poll() {
    if (pushSource == null || outstanding == 0 || !isOpen()) {
      return null;
    }
    T item = pushSource.poll(); // the consumer has demand: the core asks only then
    if (item != null) {
      outstanding = Demand.decrement(outstanding);
      endIfSpent(); // the end goes out after this item
    }
    return item;
  }

  @Override
  protected void onRequest(long n) {
    // Upstream demand is the credits, not the consumer's demand.
  }

  @Override
  protected void onPause() {
    // Credits already fetched stay fetched: their items wait in pending (or, read in place, in
    // the push source).
  }

  @Override
  protected void onClose() {
    if (pushSource != null) {
      pushSource.readInPlace(null); // released below: its items wait for the next consumer
    }
    super.onClose();
  }

  private void endIfSpent() {
    if (gate == Gate.STOPPED && outstanding == 0) {
      complete();
    }
  }
}

package dev.aiter.impl;

import dev.aiter.GatedStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code gated}: upstream is asked for exactly the credits given with {@link #push(long)}, at once
 * (a gate may fetch its credits before the consumer asks); the consumer's own demand then paces
 * delivery. Buffers: at most the credits granted and not yet delivered.
 */
public final class GatedStreamImpl<T> extends UpstreamOperator<T, T, GatedStream<T>>
    implements GatedStream<T> {

  private enum Gate { OPEN, STOPPED }

  private Gate gate = Gate.OPEN;
  /** Credits fetched from upstream whose items have not come yet. */
  private long outstanding;

  public GatedStreamImpl(Context context, ReadStream<T> source) {
    super(context, source);
    subscribe("gated");
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
    fetchUpstream(count);
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
  protected void onRequest(long n) {
    // Upstream demand is the credits, not the consumer's demand.
  }

  @Override
  protected void onPause() {
    // Credits already fetched stay fetched: their items wait in pending.
  }

  private void endIfSpent() {
    if (gate == Gate.STOPPED && outstanding == 0) {
      complete();
    }
  }
}

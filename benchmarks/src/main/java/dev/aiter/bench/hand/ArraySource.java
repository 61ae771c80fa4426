package dev.aiter.bench.hand;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The one minimal source every Vert.x contender reads: the items of an array, with real demand
 * ({@code pause()} = 0, {@code fetch(n)} adds, flowing by default), delivered synchronously in one
 * loop that re-entrant {@code fetch} calls only top up, so the stack stays flat. The end is held
 * until an end handler is set. Single-threaded: every call comes from the one event loop.
 */
public final class ArraySource<T> implements ReadStream<T> {

  private final T[] items;
  private int index;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean emitting;
  private boolean ended;

  public ArraySource(T[] items) {
    this.items = items;
  }

  @Override
  public ArraySource<T> handler(Handler<T> handler) {
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public ArraySource<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    drain();
    return this;
  }

  @Override
  public ArraySource<T> exceptionHandler(Handler<Throwable> handler) {
    return this; // an array never fails
  }

  @Override
  public ArraySource<T> pause() {
    demand = 0;
    return this;
  }

  @Override
  public ArraySource<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ArraySource<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0");
    }
    demand += amount;
    if (demand < 0) {
      demand = Long.MAX_VALUE;
    }
    drain();
    return this;
  }

  private void drain() {
    if (emitting || ended) {
      return; // the loop below is running further up the stack and sees the new demand
    }
    emit();
  }

  /**
   * The emission loop, kept a compilation root of its own: inlined into whatever starts a round
   * (the harness's round task builds the chain and sets its handler, which starts this loop), it
   * is compiled deep in that caller's inlining tree, where the chain's per-item calls may no
   * longer be inlined. That happened to the hand-written map of S1: 900 M items/s until the round
   * task was compiled with this loop in it, 250 after (benchmarks/README.md, "Why the floor was
   * beaten"). Every Vert.x contender reads this source, so each now has its per-item chain
   * compiled in the same place, the loop.
   */
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  private void emit() {
    emitting = true;
    try {
      Handler<T> h;
      while (index < items.length && demand > 0 && (h = handler) != null) {
        T item = items[index++];
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        h.handle(item);
      }
      Handler<Void> end = endHandler;
      if (index == items.length && end != null) {
        ended = true;
        end.handle(null);
      }
    } finally {
      emitting = false;
    }
  }
}

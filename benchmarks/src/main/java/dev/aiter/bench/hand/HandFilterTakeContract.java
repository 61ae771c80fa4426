package dev.aiter.bench.hand;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.Predicate;

/**
 * {@code filter(p).take(n)} written by hand, in one class, doing per item what API.md's contract
 * asks of vertx-aiter's fused filter and take, and nothing more: contract 1's check that an item
 * arrived on the context (upstream is a foreign stream), a demand of its own (contract 2), take's
 * bound (upstream is never asked beyond the {@code n}th item, so its demand is finite and each
 * dropped item is asked again), a trampoline (contract 5: an item arriving while the consumer's
 * handler runs waits, and upstream is paused until it has gone out, contract 4), and one terminal,
 * a throwing predicate failing the stream once (contracts 6 and 7). It shows what of the gap
 * between the plain hand-written chain and vertx-aiter's in S10 is the contract.
 *
 * <p>Not a general stream: the benchmark's consumer sets its handlers once, on the context, and
 * flows.
 */
public final class HandFilterTakeContract<T> implements ReadStream<T> {

  private final Context context;
  private final ReadStream<T> upstream;
  private final Predicate<? super T> predicate;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** What the consumer asked for and has not received; flowing until it pauses. */
  private long demand = Long.MAX_VALUE;
  /** Matching items still to deliver before the end. */
  private long remaining;
  /** Items asked of upstream that have not come; never more than {@code remaining}. */
  private long asked;
  /** Items that arrived while delivery had to wait; upstream is paused while there are any. */
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  /** The consumer's handler runs: an item arriving now waits (contract 5). */
  private boolean delivering;
  private boolean upstreamEnded;
  private Throwable failure;
  private boolean done;

  public HandFilterTakeContract(Context context, ReadStream<T> upstream, Predicate<? super T> predicate, long n) {
    this.context = context;
    this.upstream = upstream;
    this.predicate = predicate;
    this.remaining = n;
  }

  private boolean onContext() {
    return HandContract.isOn(context);
  }

  @Override
  public HandFilterTakeContract<T> handler(Handler<T> handler) {
    if (!onContext()) {
      context.runOnContext(v -> handler(handler));
      return this;
    }
    this.handler = handler;
    if (handler == null) {
      asked = 0;
      upstream.pause();
      upstream.handler(null);
      return this;
    }
    upstream.pause(); // take's bound: upstream is asked for what the consumer wants, at most n
    upstream.exceptionHandler(cause -> arrive(() -> fail(cause)));
    upstream.endHandler(v -> arrive(() -> {
      upstreamEnded = true;
      drain();
    }));
    upstream.handler(item -> {
      if (onContext()) {
        onItem(item);
      } else {
        context.runOnContext(v -> onItem(item));
      }
    });
    ask();
    return this;
  }

  private void arrive(Runnable signal) {
    if (onContext()) {
      signal.run();
    } else {
      context.runOnContext(v -> signal.run());
    }
  }

  private void onItem(T item) {
    if (done || failure != null || remaining == 0) {
      return;
    }
    boolean matches;
    try {
      matches = predicate.test(item);
    } catch (Throwable t) {
      fail(t);
      return;
    }
    if (!matches) {
      if (asked > 0) {
        upstream.fetch(1); // the dropped item used one unit of what was asked
      }
      return;
    }
    remaining--;
    if (asked > 0) {
      asked--;
    }
    long d = demand;
    if (d > 0 && !delivering && waiting.isEmpty()) {
      if (d != Long.MAX_VALUE) {
        demand = d - 1;
      }
      deliver(item);
      if (!waiting.isEmpty() || remaining == 0) {
        drain();
      }
    } else {
      waiting.add(item);
      asked = 0;
      upstream.pause();
      drain();
    }
  }

  private void deliver(T item) {
    delivering = true;
    try {
      handler.handle(item);
    } catch (Throwable t) {
      report(t);
    } finally {
      delivering = false;
    }
  }

  /** Delivers what waits as demand allows, then the terminal; not from inside the handler. */
  private void drain() {
    if (delivering || done) {
      return;
    }
    while (demand > 0 && !waiting.isEmpty() && handler != null) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      deliver(waiting.poll());
    }
    if (!waiting.isEmpty()) {
      return;
    }
    if (remaining == 0 && failure == null) {
      upstream.pause(); // the nth item went out: upstream is let go of at once
      upstream.handler(null);
      upstream.endHandler(null);
      upstreamEnded = true;
    }
    if (failure != null || upstreamEnded) {
      Handler<Void> end = endHandler;
      if (failure != null || end != null) {
        done = true;
        if (failure == null) {
          end.handle(null);
        } else {
          report(failure);
        }
      }
    } else {
      ask();
    }
  }

  /** Asks upstream for what the consumer wants and was not asked yet, never beyond the nth item. */
  private void ask() {
    long want = Math.min(demand, remaining - waiting.size()) - asked;
    if (want > 0 && handler != null) {
      asked += want;
      upstream.fetch(want);
    }
  }

  private void fail(Throwable cause) {
    if (done || failure != null) {
      return;
    }
    failure = cause;
    upstream.pause();
    upstream.handler(null);
    drain();
  }

  private void report(Throwable t) {
    HandContract.report(exceptionHandler, context, t);
  }

  @Override
  public HandFilterTakeContract<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public HandFilterTakeContract<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public HandFilterTakeContract<T> pause() {
    if (!onContext()) {
      context.runOnContext(v -> pause());
    } else if (!done) {
      demand = 0;
      asked = 0;
      upstream.pause();
    }
    return this;
  }

  @Override
  public HandFilterTakeContract<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandFilterTakeContract<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0");
    }
    if (!onContext()) {
      context.runOnContext(v -> fetch(amount));
    } else if (!done) {
      long d = demand + amount;
      demand = d < 0 ? Long.MAX_VALUE : d;
      drain();
    }
    return this;
  }
}

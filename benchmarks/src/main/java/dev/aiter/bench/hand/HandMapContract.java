package dev.aiter.bench.hand;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * A map written by hand, in one class, that honours what API.md's contract asks of vertx-aiter's
 * map per item, and nothing more: contract 1's two context checks ({@link HandMapOnContext}), a
 * demand of its own (contract 2: never more items than the consumer asked for, whatever upstream
 * sends), a trampoline (contract 5: an item that arrives while the consumer's handler runs waits,
 * and upstream is paused until it has gone out, contract 4), and one terminal, a throwing function
 * failing the stream once (contracts 6 and 7). It shows what of the gap between the plain hand map
 * and vertx-aiter's in S3 is the contract and what is the library's machinery.
 *
 * <p>Not a general stream: the benchmark's consumer sets its handlers once, on the context.
 */
public final class HandMapContract<T, R> implements ReadStream<R> {

  private final Context context;
  private final ReadStream<T> upstream;
  private final Function<? super T, ? extends R> f;
  private Handler<R> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** What the consumer asked for and has not received; flowing until it pauses. */
  private long demand = Long.MAX_VALUE;
  /** Items that arrived while delivery had to wait; upstream is paused while there are any. */
  private final ArrayDeque<R> waiting = new ArrayDeque<>();
  /** The consumer's handler runs: an item arriving now waits (contract 5). */
  private boolean delivering;
  private boolean upstreamEnded;
  private Throwable failure;
  private boolean done;

  public HandMapContract(Context context, ReadStream<T> upstream, Function<? super T, ? extends R> f) {
    this.context = context;
    this.upstream = upstream;
    this.f = f;
  }

  private boolean onContext() {
    return HandContract.isOn(context);
  }

  @Override
  public HandMapContract<T, R> handler(Handler<R> handler) {
    if (!onContext()) {
      context.runOnContext(v -> handler(handler));
      return this;
    }
    this.handler = handler;
    if (handler == null) {
      upstream.pause();
      upstream.handler(null);
      return this;
    }
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
    if (done || failure != null) {
      return;
    }
    R mapped;
    try {
      mapped = f.apply(item);
    } catch (Throwable t) {
      fail(t);
      return;
    }
    long d = demand;
    if (d > 0 && !delivering && waiting.isEmpty()) {
      if (d != Long.MAX_VALUE) {
        demand = d - 1;
      }
      deliver(mapped);
      if (!waiting.isEmpty()) {
        drain();
      }
    } else {
      waiting.add(mapped);
      upstream.pause();
      drain();
    }
  }

  private void deliver(R item) {
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
    boolean held = !waiting.isEmpty();
    while (demand > 0 && !waiting.isEmpty() && handler != null) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      deliver(waiting.poll());
    }
    if (!waiting.isEmpty()) {
      return;
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
    } else if (held && demand > 0) {
      upstream.fetch(demand); // upstream was paused while items waited
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
  public HandMapContract<T, R> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public HandMapContract<T, R> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public HandMapContract<T, R> pause() {
    if (!onContext()) {
      context.runOnContext(v -> pause());
    } else if (!done) {
      demand = 0;
      upstream.pause();
    }
    return this;
  }

  @Override
  public HandMapContract<T, R> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandMapContract<T, R> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0");
    }
    if (!onContext()) {
      context.runOnContext(v -> fetch(amount));
    } else if (!done) {
      long d = demand + amount;
      demand = d < 0 ? Long.MAX_VALUE : d;
      if (waiting.isEmpty()) {
        upstream.fetch(amount);
      } else {
        drain();
      }
    }
    return this;
  }
}

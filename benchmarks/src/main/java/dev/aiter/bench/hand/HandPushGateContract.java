package dev.aiter.bench.hand;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A push source and a gate over it written by hand, in one class, that honour what API.md asks
 * of {@code PushStream} and {@code gated} per item, and nothing more:
 *
 * <ul>
 *   <li>{@link #push} from any thread, with a null item or a push after {@link #stop} refused at
 *       once (contract 8); a push on the context pays the context check (contract 1) and a look
 *       at what other threads pushed, which goes first; elsewhere it appends under a lock and
 *       carries the delivery onto the context;
 *   <li>{@link #size} from any thread reflects every push that has returned (API.md, PushStream):
 *       the context publishes its queue's size with a release store per push and per delivery;
 *   <li>items pass as far as the credits {@link #grant granted} and the consumer's demand allow
 *       (gated, contract 2); one drain loop delivers, so an item pushed while the consumer's
 *       handler runs waits (contract 5); a throwing handler is reported and the stream goes on
 *       (contract 7); the end goes out once, after the last item (contract 6).
 * </ul>
 *
 * <p>One class where vertx-aiter has two streams (its gate reads the push source's queue in
 * place, so its items pass one drain loop as here). It shows what of the gap between the plain
 * hand-written gate ({@link HandPushQueue} → {@link HandGate}) and vertx-aiter's in S8 is the
 * contract and what is the library's machinery. Not a general stream: the benchmark's consumer
 * sets its handlers once, on the context, and never takes them away.
 */
public final class HandPushGateContract<T> implements ReadStream<T> {

  private final Context context;
  /** On the context: pushed here, or moved from {@code shared}; next to deliver first. */
  private final ArrayDeque<T> local = new ArrayDeque<>();
  /** The size of {@code local}, stored by the context with release semantics for other threads. */
  private final AtomicInteger localSize = new AtomicInteger();
  /** Guards {@code shared}, {@code stopped}'s change, and a move from {@code shared} to {@code local}. */
  private final Object lock = new Object();
  private final ArrayDeque<T> shared = new ArrayDeque<>();
  private volatile int sharedSize;
  private volatile boolean stopped;

  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** What the consumer asked for and has not received; flowing until it pauses. */
  private long demand = Long.MAX_VALUE;
  /** Credits granted and not yet spent. */
  private long credits;
  /** The drain loop runs: a call from inside a handler asks it to go round again instead. */
  private boolean draining;
  private boolean again;
  private boolean done;

  public HandPushGateContract(Context context) {
    this.context = context;
  }

  private boolean onContext() {
    return HandContract.isOn(context);
  }

  /** Pushes one item, from any thread. */
  public void push(T item) {
    if (item == null) {
      throw new NullPointerException("item");
    }
    if (onContext()) {
      if (stopped) {
        throw new IllegalStateException("push after stop");
      }
      if (sharedSize != 0) {
        takeShared();
      }
      local.add(item);
      localSize.lazySet(local.size());
      drain();
    } else {
      synchronized (lock) {
        if (stopped) {
          throw new IllegalStateException("push after stop");
        }
        shared.add(item);
        sharedSize = shared.size();
      }
      context.runOnContext(v -> drain());
    }
  }

  /** Ends the stream once the items pushed before are delivered; from any thread. */
  public void stop() {
    synchronized (lock) {
      stopped = true;
    }
    if (onContext()) {
      drain();
    } else {
      context.runOnContext(v -> drain());
    }
  }

  /** The items pushed and not delivered, from any thread. */
  public int size() {
    if (onContext()) {
      return local.size() + sharedSize;
    }
    synchronized (lock) { // a move from shared to local is seen whole
      return localSize.get() + sharedSize;
    }
  }

  /** The gate's {@code push(count)}: lets {@code count} more items through. */
  public void grant(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (!onContext()) {
      context.runOnContext(v -> grant(count));
      return;
    }
    long c = credits + count;
    credits = c < 0 ? Long.MAX_VALUE : c;
    drain();
  }

  private void takeShared() {
    synchronized (lock) {
      T item;
      while ((item = shared.poll()) != null) {
        local.add(item);
      }
      localSize.lazySet(local.size());
      sharedSize = 0;
    }
  }

  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    do {
      again = false;
      while (!done && demand > 0 && credits > 0 && handler != null) {
        T item = local.poll();
        if (item == null) {
          if (sharedSize == 0) {
            break;
          }
          takeShared();
          continue;
        }
        localSize.lazySet(local.size());
        credits--;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        try {
          handler.handle(item);
        } catch (Throwable t) {
          report(t);
        }
      }
      if (!done && stopped && local.isEmpty() && sharedSize == 0 && endHandler != null) {
        done = true;
        endHandler.handle(null);
      }
    } while (again);
    draining = false;
  }

  private void report(Throwable t) {
    HandContract.report(exceptionHandler, context, t);
  }

  @Override
  public HandPushGateContract<T> handler(Handler<T> handler) {
    if (!onContext()) {
      context.runOnContext(v -> handler(handler));
      return this;
    }
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public HandPushGateContract<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public HandPushGateContract<T> endHandler(Handler<Void> endHandler) {
    if (!onContext()) {
      context.runOnContext(v -> endHandler(endHandler));
      return this;
    }
    this.endHandler = endHandler;
    drain(); // an end reached while none was set goes out now
    return this;
  }

  @Override
  public HandPushGateContract<T> pause() {
    if (!onContext()) {
      context.runOnContext(v -> pause());
    } else {
      demand = 0;
    }
    return this;
  }

  @Override
  public HandPushGateContract<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public HandPushGateContract<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0");
    }
    if (!onContext()) {
      context.runOnContext(v -> fetch(amount));
    } else {
      long d = demand + amount;
      demand = d < 0 ? Long.MAX_VALUE : d;
      drain();
    }
    return this;
  }
}

package dev.aiter.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Flow.Subscriber} that requests nothing by itself and records what it is signalled, and
 * on which threads. Its fields may be read from any thread.
 */
public final class RecordingSubscriber<T> implements Flow.Subscriber<T> {

  public final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
  public final List<T> items = new CopyOnWriteArrayList<>();
  public final AtomicInteger completes = new AtomicInteger();
  public final List<Throwable> errors = new CopyOnWriteArrayList<>();
  /** Completed at the first onComplete or onError. */
  public final CompletableFuture<Void> terminated = new CompletableFuture<>();
  /** Every thread a signal came on. */
  public final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  /** Signals that came before onSubscribe, or after a terminal signal. */
  public final AtomicInteger outOfOrder = new AtomicInteger();

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    threads.add(Thread.currentThread());
    if (!subscribed.complete(subscription)) {
      outOfOrder.incrementAndGet();
    }
  }

  @Override
  public void onNext(T item) {
    check();
    items.add(item);
  }

  @Override
  public void onError(Throwable cause) {
    check();
    errors.add(cause);
    terminated.complete(null);
  }

  @Override
  public void onComplete() {
    check();
    completes.incrementAndGet();
    terminated.complete(null);
  }

  /** Waits for onSubscribe and returns the subscription. */
  public Flow.Subscription subscription() {
    return TestContext.await(subscribed);
  }

  /** Waits for onComplete or onError. */
  public RecordingSubscriber<T> awaitTerminal() {
    TestContext.await(terminated);
    return this;
  }

  private void check() {
    threads.add(Thread.currentThread());
    if (!subscribed.isDone() || terminated.isDone()) {
      outOfOrder.incrementAndGet();
    }
  }
}

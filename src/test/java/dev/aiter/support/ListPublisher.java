package dev.aiter.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Flow.Publisher} test double over a list, for one subscriber at a time: it emits the
 * items as requested, then {@code onComplete} (or {@code onError(failure)}) as soon as they are
 * out, without waiting for demand. It records every {@code request(n)}, counts what it emitted and
 * the cancels. It emits on the thread that requests (synchronous), or on an executor.
 */
public final class ListPublisher<T> implements Flow.Publisher<T> {

  private final List<T> items;
  private final Throwable failure;
  private final Executor executor;

  private final AtomicLong emitted = new AtomicLong();
  private final AtomicInteger cancels = new AtomicInteger();
  /** Every {@code request(n)}, in order. */
  public final List<Long> requests = Collections.synchronizedList(new ArrayList<>());
  /** The threads {@code request} was called on. */
  public final Set<Thread> requestThreads = ConcurrentHashMap.newKeySet();

  private ListPublisher(List<T> items, Throwable failure, Executor executor) {
    this.items = Collections.unmodifiableList(new ArrayList<>(items)); // nulls too, to test rule 2.13
    this.failure = failure;
    this.executor = executor;
  }

  /** Emits on the requesting thread; ends with {@code failure} when it is not null. */
  public static <T> ListPublisher<T> of(List<T> items, Throwable failure) {
    return new ListPublisher<>(items, failure, Runnable::run);
  }

  /** Emits on {@code executor}, one drain at a time; ends with {@code failure} when not null. */
  public static <T> ListPublisher<T> on(Executor executor, List<T> items, Throwable failure) {
    return new ListPublisher<>(items, failure, executor);
  }

  /** How many items it emitted. */
  public long emitted() {
    return emitted.get();
  }

  /** The sum of all requests. */
  public long requested() {
    return List.copyOf(requests).stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
  }

  public int cancels() {
    return cancels.get();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Sub s = new Sub(subscriber);
    executor.execute(() -> {
      subscriber.onSubscribe(s);
      s.schedule(); // an empty list completes without a request
    });
  }

  private final class Sub implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    /** Guarded by {@code wip}. */
    private int index;
    private boolean done;

    Sub(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      requests.add(n);
      requestThreads.add(Thread.currentThread());
      if (n <= 0) {
        cancelled = true;
        subscriber.onError(new IllegalArgumentException("rule 3.9: request " + n));
        return;
      }
      demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      cancels.incrementAndGet();
    }

    void schedule() {
      if (wip.getAndIncrement() == 0) {
        executor.execute(this::drain);
      }
    }

    private void drain() {
      int missed = 1;
      for (;;) {
        while (!cancelled && !done) {
          if (index == items.size()) {
            done = true;
            if (failure == null) {
              subscriber.onComplete();
            } else {
              subscriber.onError(failure);
            }
            break;
          }
          if (demand.get() == 0) {
            break;
          }
          demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
          emitted.incrementAndGet();
          subscriber.onNext(items.get(index++));
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }
  }
}

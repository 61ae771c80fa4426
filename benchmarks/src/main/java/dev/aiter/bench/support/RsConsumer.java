package dev.aiter.bench.support;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The consumer of the RxJava and Reactor contenders (both speak org.reactivestreams): it requests
 * everything at once, or one item at a time, or {@code batch} items per {@code batch} received.
 */
public final class RsConsumer implements FlowableSubscriber<Integer>, CoreSubscriber<Integer> {

  private final Run run;
  /** Items requested per request(n); Long.MAX_VALUE for a flowing consumer. */
  private final long batch;
  /** Runs before each further request, e.g. to feed a push source (S8). */
  private final Runnable beforeRequest;
  private Subscription subscription;
  private long left;

  private RsConsumer(Run run, long batch, Runnable beforeRequest) {
    this.run = run;
    this.batch = batch;
    this.beforeRequest = beforeRequest;
  }

  public static RsConsumer flowing(Run run) {
    return new RsConsumer(run, Long.MAX_VALUE, null);
  }

  public static RsConsumer paced(Run run) {
    return new RsConsumer(run, 1, null);
  }

  /** Requests {@code batch} at a time, calling {@code beforeRequest} before each request. */
  public static RsConsumer batched(Run run, long batch, Runnable beforeRequest) {
    return new RsConsumer(run, batch, beforeRequest);
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    left = batch;
    if (beforeRequest != null) {
      beforeRequest.run();
    }
    s.request(batch);
  }

  @Override
  public void onNext(Integer x) {
    run.item(x);
    if (batch != Long.MAX_VALUE && --left == 0) {
      left = batch;
      if (beforeRequest != null) {
        beforeRequest.run();
      }
      subscription.request(batch);
    }
  }

  @Override
  public void onError(Throwable t) {
    run.fail(t);
  }

  @Override
  public void onComplete() {
    run.end();
  }
}

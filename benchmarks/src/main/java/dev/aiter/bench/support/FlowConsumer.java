package dev.aiter.bench.support;

import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.concurrent.Flow;

/** The consumer of the Mutiny contenders; same demand patterns as {@link RsConsumer}. */
public final class FlowConsumer implements MultiSubscriber<Integer> {

  private final Run run;
  private final long batch;
  private final Runnable beforeRequest;
  private Flow.Subscription subscription;
  private long left;

  private FlowConsumer(Run run, long batch, Runnable beforeRequest) {
    this.run = run;
    this.batch = batch;
    this.beforeRequest = beforeRequest;
  }

  public static FlowConsumer flowing(Run run) {
    return new FlowConsumer(run, Long.MAX_VALUE, null);
  }

  public static FlowConsumer paced(Run run) {
    return new FlowConsumer(run, 1, null);
  }

  public static FlowConsumer batched(Run run, long batch, Runnable beforeRequest) {
    return new FlowConsumer(run, batch, beforeRequest);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    left = batch;
    if (beforeRequest != null) {
      beforeRequest.run();
    }
    s.request(batch);
  }

  @Override
  public void onItem(Integer x) {
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
  public void onFailure(Throwable t) {
    run.fail(t);
  }

  @Override
  public void onCompletion() {
    run.end();
  }
}

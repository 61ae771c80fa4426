package dev.aiter.bench.support;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import java.util.List;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The flowing consumer of the chunking contenders of RxJava and Reactor: it requests everything
 * at once and tallies every item of every list, as the Vert.x contenders' handler does.
 */
public final class RsListConsumer implements FlowableSubscriber<List<Integer>>, CoreSubscriber<List<Integer>> {

  private final Run run;

  public RsListConsumer(Run run) {
    this.run = run;
  }

  @Override
  public void onSubscribe(Subscription s) {
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<Integer> chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      run.item(chunk.get(i));
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

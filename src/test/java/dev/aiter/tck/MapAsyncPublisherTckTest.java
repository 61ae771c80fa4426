package dev.aiter.tck;

import dev.aiter.Aiter;
import io.vertx.core.Future;

/** The publisher TCK over {@code toPublisher} of {@code mapAsync}. */
public class MapAsyncPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).mapAsync(Future::succeededFuture, 4);
  }
}

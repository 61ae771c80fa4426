package dev.aiter.tck;

import dev.aiter.Aiter;
import io.vertx.core.Future;

/** The publisher TCK over {@code toPublisher} of {@code mapAsyncOrdered}. */
public class MapAsyncOrderedPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).mapAsyncOrdered(Future::succeededFuture, 4);
  }
}

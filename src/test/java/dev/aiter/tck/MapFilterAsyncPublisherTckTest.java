package dev.aiter.tck;

import dev.aiter.Aiter;
import io.vertx.core.Future;

/** The publisher TCK over {@code toPublisher} of {@code mapFilterAsync}. */
public class MapFilterAsyncPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.chunks(elements).mapFilterAsync(Future::succeededFuture, 2);
  }
}

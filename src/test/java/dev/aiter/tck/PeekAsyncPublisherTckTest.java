package dev.aiter.tck;

import dev.aiter.Aiter;
import io.vertx.core.Future;

/** The publisher TCK over {@code toPublisher} of {@code peekAsync}, with {@code Future<Void>} calls. */
public class PeekAsyncPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).peekAsync(x -> Future.<Void>succeededFuture(), 4);
  }
}

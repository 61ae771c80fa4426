package dev.aiter.tck;

import dev.aiter.Aiter;
import dev.aiter.support.PlainStream;

/**
 * The publisher TCK over {@code toPublisher} of {@code filter} built over a foreign stream just
 * adopted with {@code Aiter.of}: the filter reads the foreign stream itself.
 */
public class AdoptedFilterPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return Aiter.of(sources.context(), new PlainStream<>(sources.numbers(elements))).filter(x -> x >= 0);
  }
}

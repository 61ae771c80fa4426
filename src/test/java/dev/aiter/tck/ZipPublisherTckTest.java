package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code zip}. */
public class ZipPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).zipWith(sources.numbers(Long.MAX_VALUE), (a, b) -> a);
  }
}

package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code flatten}. */
public class FlattenPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return Aiter.flatten(sources.chunks(elements));
  }
}

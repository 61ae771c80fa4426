package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code fromPublisher}. */
public class FromPublisherPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return Aiter.fromPublisher(sources.context(), sources.numbers(elements).toPublisher());
  }
}

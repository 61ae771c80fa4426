package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code take}. */
public class TakePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    // An endless source, cut at the count; over a failing source, a count it never reaches.
    return sources.numbers(Long.MAX_VALUE).take(sources.isFailingKind() ? Long.MAX_VALUE : elements);
  }
}

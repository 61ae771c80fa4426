package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code skip}. */
public class SkipPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    long numbers = elements > Long.MAX_VALUE - 3 ? Long.MAX_VALUE : elements + 3;
    return sources.numbers(numbers).skip(3);
  }
}

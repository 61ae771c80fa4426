package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code filter} then {@code take}: one stage. */
public class FilterTakePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    // Endless numbers, every other one dropped, cut at the count; over a failing source, a count
    // it never reaches.
    return sources.numbers(Long.MAX_VALUE).filter(x -> x % 2 == 0)
        .take(sources.isFailingKind() ? Long.MAX_VALUE : elements);
  }
}

package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code takeWhile}. */
public class TakeWhilePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    // An endless source, cut by the predicate.
    return sources.numbers(Long.MAX_VALUE).takeWhile(x -> elements == Long.MAX_VALUE || x < elements);
  }
}

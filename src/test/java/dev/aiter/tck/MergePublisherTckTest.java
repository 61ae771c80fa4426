package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code merge}. */
public class MergePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    long half = elements == Long.MAX_VALUE ? Long.MAX_VALUE : elements / 2;
    long rest = elements == Long.MAX_VALUE ? Long.MAX_VALUE : elements - half;
    return Aiter.merge(sources.numbers(half), sources.pushed(rest));
  }
}

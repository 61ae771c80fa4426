package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code concat}. */
public class ConcatPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    long half = elements == Long.MAX_VALUE ? Long.MAX_VALUE : elements / 2;
    long rest = elements == Long.MAX_VALUE ? 0 : elements - half;
    return Aiter.concat(sources.numbers(half), sources.pushed(0), sources.numbers(rest));
  }
}

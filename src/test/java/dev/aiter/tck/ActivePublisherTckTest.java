package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code active}. */
public class ActivePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).active();
  }

  /** {@code active} drains its source without bound: an endless source would fill the heap. */
  @Override
  public long maxElementsFromPublisher() {
    return 4096;
  }
}

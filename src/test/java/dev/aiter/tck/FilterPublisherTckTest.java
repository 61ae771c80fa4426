package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code filter}. */
public class FilterPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    // Every other number is dropped: 2n numbers for n items.
    long numbers = elements > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * elements;
    return sources.numbers(numbers).filter(x -> x % 2 == 0);
  }
}

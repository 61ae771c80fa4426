package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of three maps in a row, which run as one stage. */
public class MapChainPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).map(x -> x + 1).map(x -> x * 2).map(x -> x / 2);
  }
}

package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code gated}. */
public class GatedPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    dev.aiter.GatedStream<Integer> gate = sources.numbers(elements).gated();
    gate.push(elements == Long.MAX_VALUE ? elements : elements + 1); // credits for every item and the end
    return gate;
  }
}

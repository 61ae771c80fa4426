package dev.aiter.tck;

import dev.aiter.Aiter;
import dev.aiter.GatedStream;

/**
 * The publisher TCK over {@code toPublisher} of a gate over a {@link dev.aiter.PushStream} of its
 * context, which the gate reads in place.
 */
public class GatedPushPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    GatedStream<Integer> gate = sources.pushed(elements).gated();
    gate.push(elements == Long.MAX_VALUE ? elements : elements + 1); // credits for every item and the end
    return gate;
  }
}

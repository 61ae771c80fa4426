package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of a stream opened across the (local) event bus. */
public class EventBusPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.acrossEventBus(sources.numbers(elements));
  }
}

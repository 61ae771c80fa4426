package dev.aiter.tck;

import dev.aiter.Aiter;
import java.util.concurrent.TimeUnit;

/** The publisher TCK over {@code toPublisher} of {@code throttle}. */
public class ThrottlePublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).throttle(1_000_000_000L, 1, TimeUnit.SECONDS);
  }
}

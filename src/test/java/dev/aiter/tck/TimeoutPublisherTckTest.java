package dev.aiter.tck;

import dev.aiter.Aiter;
import java.util.concurrent.TimeUnit;

/** The publisher TCK over {@code toPublisher} of {@code timeout}. */
public class TimeoutPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.numbers(elements).timeout(1, TimeUnit.MINUTES);
  }
}

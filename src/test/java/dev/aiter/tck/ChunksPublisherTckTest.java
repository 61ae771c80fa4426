package dev.aiter.tck;

import dev.aiter.Aiter;
import java.util.concurrent.TimeUnit;

/** The publisher TCK over {@code toPublisher} of {@code chunks}. */
public class ChunksPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    // Chunks of up to 3, partial ones after 5 ms or at the end, flattened back into numbers.
    return Aiter.flatten(sources.numbers(elements).chunks(3, 5, TimeUnit.MILLISECONDS));
  }
}

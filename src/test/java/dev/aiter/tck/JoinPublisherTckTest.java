package dev.aiter.tck;

import dev.aiter.Aiter;
import java.util.List;

/** The publisher TCK over {@code toPublisher} of {@code join}. */
public class JoinPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return Aiter.join(Aiter.fromIterable(sources.context(), List.of(sources.numbers(elements))));
  }
}

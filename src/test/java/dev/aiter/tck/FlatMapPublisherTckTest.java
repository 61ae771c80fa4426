package dev.aiter.tck;

import dev.aiter.Aiter;
import java.util.List;

/** The publisher TCK over {@code toPublisher} of {@code flatMap}. */
public class FlatMapPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    Aiter<Integer> inner = sources.numbers(elements); // made now: the failing kind fails it soon after
    return Aiter.fromIterable(sources.context(), List.of(0)).flatMap(x -> inner);
  }
}

package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code fork}. */
public class ForkPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    dev.aiter.ForkStream<Integer> forker = sources.numbers(elements).forker();
    dev.aiter.ForkStream<Integer> fork = forker.fork();
    forker.stop(); // the fork alone pulls
    return fork;
  }
}

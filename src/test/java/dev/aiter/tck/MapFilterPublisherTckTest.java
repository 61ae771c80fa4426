package dev.aiter.tck;

import dev.aiter.Aiter;

/** The publisher TCK over {@code toPublisher} of {@code mapFilter}, with empty and long lists. */
public class MapFilterPublisherTckTest extends AiterPublisherVerification {

  @Override
  protected Aiter<Integer> stream(TckSources sources, long elements) {
    return sources.chunks(elements).mapFilter(chunk -> chunk);
  }
}

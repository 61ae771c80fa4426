package dev.aiter.bench.support;

import dev.aiter.bench.hand.ArraySource;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/** Fresh instances of the shared minimal source, shaped for each scenario. */
public final class Sources {

  private Sources() {
  }

  /** The N items. */
  public static ArraySource<Integer> items() {
    return new ArraySource<>(Items.ITEMS);
  }

  /** The second source of zip. */
  public static ArraySource<Integer> itemsB() {
    return new ArraySource<>(Items.ITEMS_B);
  }

  /** A stream of {@link Items#JOIN_WIDTH} streams, each over one chunk of the N items. */
  @SuppressWarnings("unchecked")
  public static ArraySource<ReadStream<Integer>> chunks() {
    ReadStream<Integer>[] inners = new ReadStream[Items.JOIN_WIDTH];
    for (int i = 0; i < inners.length; i++) {
      inners[i] = new ArraySource<>(Items.CHUNKS[i]);
    }
    return new ArraySource<>(inners);
  }

  /** The N items as lists of {@link Items#LIST_SIZE}. */
  public static ArraySource<List<Integer>> lists() {
    return new ArraySource<>(Items.LISTS);
  }
}

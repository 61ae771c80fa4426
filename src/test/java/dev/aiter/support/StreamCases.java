package dev.aiter.support;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import dev.aiter.support.StreamCase.Built;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every stream of the library, registered once for the contract kit: a new combinator gets the
 * whole contract by one line here.
 */
public final class StreamCases {

  /** An item the mapping cases' functions throw on, to fail the stream from the function. */
  private static final int POISON = Integer.MIN_VALUE;

  private StreamCases() {
  }

  public static Stream<StreamCase> all() {
    return Stream.of(
        new StreamCase("PushStream", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(push, () -> items.size() - push.size());
        }),
        new StreamCase("fromIterable", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          return new Built(Aiter.fromIterator(tc.context, source), source::taken);
        }),
        new StreamCase("fromPublisher", (tc, items, failure) -> {
          ListPublisher<Integer> publisher = ListPublisher.of(items, failure);
          return new Built(Aiter.fromPublisher(tc.context, publisher), publisher::emitted);
        }),
        new StreamCase("map", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(poisoned(items, failure), null);
          return new Built(Aiter.fromIterator(tc.context, source).map(x -> check(x, failure) - 1), source::taken);
        }),
        new StreamCase("mapFilter", (tc, items, failure) -> {
          // Chunks of 0 to 3 items: empty lists filter, longer ones expand.
          List<List<Integer>> chunks = chunked(items);
          if (failure != null) {
            chunks.add(List.of(POISON));
          }
          Sources.CountingIterator<List<Integer>> source = Sources.counting(chunks, null);
          return new Built(Aiter.fromIterator(tc.context, source).mapFilter(chunk -> {
            chunk.forEach(x -> check(x, failure));
            return chunk;
          }), source::taken);
        }));
  }

  /** The items plus one (so "map x -> x - 1" yields them), then the poison when failing. */
  private static List<Integer> poisoned(List<Integer> items, Throwable failure) {
    List<Integer> source = new ArrayList<>(items.size() + 1);
    for (Integer item : items) {
      source.add(item + 1);
    }
    if (failure != null) {
      source.add(POISON);
    }
    return source;
  }

  private static int check(int x, Throwable failure) {
    if (x == POISON) {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      throw new IllegalStateException(failure);
    }
    return x;
  }

  static List<List<Integer>> chunked(List<Integer> items) {
    List<List<Integer>> chunks = new ArrayList<>();
    int i = 0;
    int size = 0;
    while (i < items.size()) {
      int n = Math.min(size, items.size() - i);
      chunks.add(new ArrayList<>(items.subList(i, i + n)));
      i += n;
      size = (size + 1) % 4;
    }
    return chunks;
  }
}

package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract 2 when the pause comes from elsewhere while a stream is taking its next item: the
 * stream reads a forker, and a passive sibling fork's handler, which runs inside the stream's own
 * pull of item 1, pauses it. Nothing goes out past that pause, and later demand is met exactly.
 * A stream that delivered the item anyway was left at demand -1, so the next {@code fetch(1)}
 * was swallowed (found in review, for throttle, chunks and mapAsyncOrdered).
 */
class PausedInsideItsPullTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  static Stream<Arguments> operators() {
    return Stream.of(
        op("map", f -> f.map(x -> x * 10), 10, 20, 30),
        op("filter", f -> f.filter(x -> x > 0), 1, 2, 3),
        op("mapFilter", f -> f.mapFilter(x -> List.of(x)), 1, 2, 3),
        op("take", f -> f.take(5), 1, 2, 3),
        op("skip", f -> f.skip(0), 1, 2, 3),
        op("takeWhile", f -> f.takeWhile(x -> x < 5), 1, 2, 3),
        op("preload", f -> f.preload(2), 1, 2, 3),
        op("throttle", f -> f.throttle(1000, 1, TimeUnit.SECONDS), 1, 2, 3),
        op("timeout", f -> f.timeout(1, TimeUnit.HOURS), 1, 2, 3),
        op("chunks", f -> f.chunks(2, 1, TimeUnit.HOURS), List.of(1, 2), List.of(3, 4), List.of(5, 6)),
        op("mapAsync", f -> f.mapAsync(Future::succeededFuture, 2), 1, 2, 3),
        op("mapAsyncOrdered", f -> f.mapAsyncOrdered(Future::succeededFuture, 2), 1, 2, 3),
        op("concat", f -> Aiter.concat(f), 1, 2, 3),
        op("merge", f -> Aiter.merge(f), 1, 2, 3),
        op("flatMap", f -> f.flatMap(x -> Aiter.fromIterable(tc.vertx, List.of(x))), 1, 2, 3),
        op("zip", f -> Aiter.zip(f), List.of(1), List.of(2), List.of(3)),
        op("stoppable", ForkStream::stoppable, 1, 2, 3),
        op("sharable", f -> f.sharable().consumer(), 1, 2, 3));
  }

  private static Arguments op(String name, Function<ForkStream<Integer>, Aiter<?>> build, Object first, Object second, Object third) {
    return Arguments.of(name, build, first, second, third);
  }

  /** Every item is an Object: the probe records whatever the operator gives. */
  @SuppressWarnings("unchecked")
  private static Aiter<Object> widened(Aiter<?> stream) {
    return (Aiter<Object>) stream;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  void aSiblingPausingItInsideItsPullLeavesItsLaterDemandExact(String name,
      Function<ForkStream<Integer>, Aiter<?>> build, Object first, Object second, Object third) {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3, 4, 5, 6);
    source.stop();
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> passive = tc.call(() -> forker.fork(false));
    Aiter<Object> out = tc.call(() -> widened(build.apply(forker)));
    Probe<Object> probe = new Probe<>(tc);
    // The sibling pauses the stream on the first item it sees after the test's fetch (a stream
    // may take an item ahead of demand when its handler is set: that one is not inside a pull).
    boolean[] armed = {false};
    int[] deliveredAtPause = {-1};
    tc.run(() -> {
      passive.handler(x -> {
        if (armed[0] && deliveredAtPause[0] < 0) {
          // Whether the stream took this item before or after its sibling saw it is the stream's
          // own affair; what it delivered by now is all it may deliver until asked again.
          deliveredAtPause[0] = probe.items.size();
          out.pause();
        }
      });
      out.pause();
      probe.attach(out);
      armed[0] = true;
      out.fetch(1);
    });
    tc.settle();
    int pausedAt = tc.call(() -> deliveredAtPause[0]);
    int before = pausedAt >= 0 ? pausedAt : 1; // never paused: the fetch was met
    List<Object> expected = List.of(first, second, third);
    tc.run(() -> {
      assertEquals(expected.subList(0, before), probe.items, "nothing goes out past the pause");
      out.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(expected.subList(0, before + 1), probe.items, "one fetch, one item");
      out.fetch(1);
    });
    tc.settle();
    tc.run(() -> assertEquals(expected.subList(0, before + 2), probe.items, "one fetch, one item"));
  }
}

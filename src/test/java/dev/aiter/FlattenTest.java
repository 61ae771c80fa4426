package dev.aiter;

import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Aiter.flatten}: ports of aiter's three {@code test_flatten_aiter} tests, and more. */
class FlattenTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  private static final List<List<Integer>> TUPLES = List.of(
      List.of(0, 0, 0, 7), List.of(5, 0, 0, 0), List.of(0, 0, 1, 0),
      List.of(1, 1, 1, 1), List.of(2, 0, 0, 1), List.of(3, 1, 2, 0));

  @Test
  void portOfTestFlattenAiter() {
    PushStream<List<Integer>> source = PushStream.create(tc.context);
    Aiter<Integer> flat = tc.call(() -> Aiter.flatten(source));
    List<Integer> out = new ArrayList<>();
    source.push(List.of(0, 1, 2, 3));
    out.addAll(take(tc, flat, 3));
    source.push(List.of(4, 5, 6, 7));
    out.addAll(take(tc, flat, 5));
    source.stop();
    out.addAll(takeAll(tc, flat));
    assertEquals(IntStream.range(0, 8).boxed().toList(), out);
  }

  @Test
  void portOfTestFlattenOfFlatten() {
    PushStream<List<List<Integer>>> source = PushStream.create(tc.context);
    Aiter<Integer> flat = tc.call(() -> Aiter.flatten(Aiter.flatten(source)));
    List<List<Integer>> tuples = List.of(List.of(0, 0, 1, 0), List.of(1, 1, 1, 1), List.of(2, 0, 0, 1),
        List.of(3, 1, 2, 0), List.of(0, 0, 0, 7));
    List<Integer> all = tuples.stream().flatMap(List::stream).toList();
    source.push(tuples);
    assertEquals(all.subList(0, 11), take(tc, flat, 11));
    assertEquals(all.subList(11, 19), take(tc, flat, 8));
    source.stop();
    assertEquals(all.subList(19, 20), takeAll(tc, flat));
  }

  @Test
  void portOfTestFilterPipeline() {
    PushStream<List<List<Integer>>> source = PushStream.create(tc.context);
    // An async map function returning the non-zero members of its tuples, flattened.
    Aiter<Integer> filtered = tc.call(() -> Aiter.flatten(source.mapAsync(tuples -> tc.vertx.timer(1)
        .map(v -> tuples.stream().flatMap(List::stream).filter(x -> x != 0).toList()), 1)));
    source.push(TUPLES);
    source.stop();
    assertEquals(List.of(7, 5, 1, 1, 1, 1, 1, 2, 1, 3, 1, 2), take(tc, filtered, 12));
  }

  @Test
  void mapFilterAsyncFiltersThroughEmptyIterables() {
    PushStream<Integer> source = PushStream.create(tc.context);
    Aiter<Integer> evens = tc.call(() -> source.mapFilterAsync(
        x -> Future.succeededFuture(x % 2 == 0 ? List.of(x, x) : List.<Integer>of()), 3));
    for (int i = 0; i < 10; i++) {
      source.push(i);
    }
    source.stop();
    assertEquals(List.of(0, 0, 2, 2, 4, 4, 6, 6, 8, 8), takeAll(tc, evens));
  }

  @Test
  void aFutureOfANullIterableFailsTheStreamNamingTheCause() {
    PushStream<Integer> source = PushStream.create(tc.context);
    Aiter<Integer> flat = tc.call(() -> source.mapFilterAsync(
        x -> Future.<List<Integer>>succeededFuture(x == 2 ? null : List.of(x)), 1));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(flat);
      source.push(1, 2, 3);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(1, probe.failures.size());
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertTrue(probe.failures.get(0).getMessage().contains("null"), probe.failures.get(0).getMessage());
      assertEquals(0, probe.ends);
    });
  }
}

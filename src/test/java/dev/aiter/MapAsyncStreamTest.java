package dev.aiter;

import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.EagerRange;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mapAsync}: ports of aiter's {@code test_map_aiter} and {@code test_parallel_map_aiter}. */
class MapAsyncStreamTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  @Test
  void portOfTestMapAiterAsync() {
    PushStream<Integer> source = Sources.pushed(tc, List.of(5, 4, 3), null);
    List<Integer> inputs = new ArrayList<>();
    Aiter<Integer> mapped = tc.call(() -> source.mapAsync(x -> {
      inputs.add(x);
      return tc.vertx.timer(1).map(v -> x + 1);
    }, 1));
    assertEquals(List.of(6, 5, 4), takeAll(tc, mapped));
    assertEquals(List.of(5, 4, 3), inputs);
  }

  @Test
  void portOfTestMapAiterSync() {
    PushStream<Integer> source = Sources.pushed(tc, List.of(5, 4, 3), null);
    List<Integer> inputs = new ArrayList<>();
    Aiter<Integer> mapped = tc.call(() -> source.map(x -> {
      inputs.add(x);
      return x + 1;
    }));
    assertEquals(List.of(6, 5, 4), takeAll(tc, mapped));
    assertEquals(List.of(5, 4, 3), inputs);
  }

  @Test
  void portOfTestMapAiterTimed() {
    PushStream<Integer> source = PushStream.create(tc.context);
    // Waits x/100 seconds (x * 10 ms) on a Vert.x timer, then gives x * x.
    Aiter<Integer> squares = tc.call(() -> source.mapAsync(x -> tc.vertx.timer(Math.max(1, x * 10L)).map(v -> x * x), 1));
    source.push(0, 1, 2, 3);
    source.push(3, 4, 5, 6, 7, 8);
    List<Integer> out = new ArrayList<>(take(tc, squares, 10));
    source.stop();
    out.addAll(takeAll(tc, squares));
    List<Integer> expected = Stream.of(0, 1, 2, 3, 3, 4, 5, 6, 7, 8).map(x -> x * x).sorted().toList();
    assertEquals(expected, out);
  }

  @Test
  void portOfTestParallelMapAiter() {
    List<List<Integer>> tuples = List.of(
        List.of(0, 0, 0, 7), List.of(5, 0, 0, 0), List.of(0, 0, 1, 0),
        List.of(1, 1, 1, 1), List.of(2, 0, 0, 1), List.of(3, 1, 2, 0));
    PushStream<List<Integer>> source = PushStream.create(tc.context);
    // Stage k waits item[k] / 10 seconds; the innermost stage is k = 3.
    Aiter<List<Integer>> out = tc.call(() -> source
        .mapAsync(stage(3), 10).mapAsync(stage(2), 10).mapAsync(stage(1), 10).mapAsync(stage(0), 10));
    tuples.forEach(source::push);
    source.stop();
    List<List<Integer>> expected = tuples.stream()
        .sorted(Comparator.comparingInt(t -> t.stream().mapToInt(Integer::intValue).sum())).toList();
    assertEquals(expected, takeAll(tc, out), "ordered by total delay");
  }

  private java.util.function.Function<List<Integer>, Future<List<Integer>>> stage(int k) {
    return t -> t.get(k) == 0 ? Future.succeededFuture(t) : tc.vertx.timer(t.get(k) * 100L).map(v -> t);
  }

  @Test
  void neverMoreThanWorkersCallsInFlightNorHeldBeyondThem() {
    int workers = 4;
    Sources.CountingIterator<Integer> source = Sources.counting(IntStream.range(0, 300).boxed().toList(), null);
    int[] inFlight = {0};
    int[] maxInFlight = {0};
    long[] delivered = {0};
    long[] worstAhead = {0};
    Aiter<Integer> mapped = tc.call(() -> Aiter.fromIterator(tc.context, source).mapAsync(x -> {
      inFlight[0]++;
      maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
      Promise<Integer> p = Promise.promise();
      tc.vertx.setTimer(1 + x % 3, id -> {
        inFlight[0]--;
        p.complete(x);
      });
      return p.future();
    }, workers));
    List<Integer> out = new ArrayList<>();
    java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    tc.run(() -> {
      mapped.pause();
      mapped.endHandler(v -> ended.complete(null));
      mapped.handler(x -> {
        out.add(x);
        delivered[0]++;
        worstAhead[0] = Math.max(worstAhead[0], source.taken() - delivered[0]);
        tc.vertx.setTimer(2, id -> mapped.fetch(1)); // a slow consumer
      });
      mapped.fetch(1);
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(IntStream.range(0, 300).boxed().toList(), out.stream().sorted().toList());
      assertTrue(maxInFlight[0] <= workers, "calls in flight: " + maxInFlight[0]);
      assertEquals(workers, maxInFlight[0], "it does use its workers");
      assertTrue(worstAhead[0] <= workers, "in flight plus held: " + worstAhead[0]);
    });
  }

  @Test
  void aSourceDeliveringInsideEveryFetchKeepsTheStackFlat() {
    // Calls complete at once, so their results go straight out during poll; the room each leaves
    // must be asked for by the next poll, not from inside the delivery, where this source answers
    // at once and every item nested one level deeper (found in review: a StackOverflowError).
    int n = 1_000_000;
    Probe<Integer> probe = new Probe<Integer>(tc).countingStackDepth();
    tc.run(() -> probe.attach(Aiter.mapAsync(new EagerRange(n), x -> Future.succeededFuture(x + 1), 4)));
    probe.awaitTerminal();
    tc.run(() -> {
      probe.assertEndedOnce();
      assertEquals(n, probe.count);
      assertTrue(probe.deepestStack < 300, "frames on the stack at a delivery: " + probe.deepestStack);
    });
  }

  /**
   * A function that completes the earlier calls' futures itself (a batching client flushing the
   * last batch when a new write comes): the call being made counts against the workers while it
   * is made. It was counted after, so the room the earlier call left took one item too many.
   */
  @Test
  void aCallCompletingEarlierOnesInsideTheFunctionStillCountsAgainstTheWorkers() {
    CountingRange range = new CountingRange(10);
    List<Runnable> open = new ArrayList<>();
    long[] worst = {0};
    Probe<Long> probe = new Probe<>(tc);
    Aiter<Long> mapped = tc.call(() -> Aiter.fromIterator(tc.context, range).mapAsync(x -> {
      worst[0] = Math.max(worst[0], range.taken() - probe.items.size());
      List<Runnable> earlier = new ArrayList<>(open);
      open.clear();
      earlier.forEach(Runnable::run);
      Promise<Long> call = Promise.promise();
      open.add(() -> call.complete(x));
      return call.future();
    }, 2));
    tc.run(() -> {
      mapped.pause();
      probe.attach(mapped);
      mapped.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(1, probe.items.size());
      assertTrue(worst[0] <= 2, "items taken and not delivered when a call was made: " + worst[0]);
      assertTrue(range.taken() - probe.items.size() <= 2, "taken " + range.taken());
    });
  }

  /**
   * A consumer that lets go (take(1) releases mapAsync without stopping it): calls that complete
   * afterwards pull nothing more from upstream, since nobody will read it (contract 3). They did,
   * one item per completed call, each taken from the caller's source and never delivered.
   */
  @Test
  void callsCompletingAfterTheConsumerLetGoPullNothingMore() {
    CountingRange range = new CountingRange(100);
    List<Promise<Long>> calls = new ArrayList<>();
    Aiter<Long> mapped = tc.call(() -> Aiter.fromIterator(tc.context, range).mapAsync(x -> {
      Promise<Long> call = Promise.promise();
      calls.add(call);
      return call.future();
    }, 4));
    Probe<Long> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(mapped.take(1)));
    tc.settle();
    tc.run(() -> {
      assertEquals(4, calls.size());
      calls.get(0).complete(0L);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0L), probe.items);
      probe.assertEndedOnce();
      calls.get(1).complete(1L);
      calls.get(2).complete(2L);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(4, calls.size(), "no call started after the consumer let go");
      assertEquals(4, range.taken(), "nothing taken from the source after the consumer let go");
    });
  }

  @Test
  void oneWorkerKeepsSourceOrder() {
    PushStream<Integer> source = Sources.pushed(tc, IntStream.range(0, 30).boxed().toList(), null);
    Aiter<Integer> mapped = tc.call(() -> source.mapAsync(x -> tc.vertx.timer(1 + (x * 7) % 5).map(v -> x), 1));
    assertEquals(IntStream.range(0, 30).boxed().toList(), takeAll(tc, mapped));
  }

  @Test
  void aFailedFutureFailsTheStreamOnce() {
    RuntimeException cause = new RuntimeException("call failed");
    assertFailsWith(cause, x -> x == 3 ? Future.failedFuture(cause) : Future.succeededFuture(x));
  }

  @Test
  void aThrowingFunctionFailsTheStreamOnce() {
    RuntimeException cause = new RuntimeException("function threw");
    assertFailsWith(cause, x -> {
      if (x == 3) {
        throw cause;
      }
      return Future.succeededFuture(x);
    });
  }

  @Test
  void aNullFutureFailsTheStreamNamingIt() {
    PushStream<Integer> source = Sources.pushed(tc, List.of(1, 2, 3), null);
    Aiter<Integer> mapped = tc.call(() -> source.mapAsync(x -> x == 2 ? null : Future.succeededFuture(x), 1));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(mapped));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertTrue(probe.failures.get(0).getMessage().contains("null future"), probe.failures.get(0).getMessage());
    });
  }

  @Test
  void aNullResultFailsTheStreamPointingToPeekAsync() {
    PushStream<Integer> source = Sources.pushed(tc, List.of(1, 2, 3), null);
    // The everyday Vert.x shape that mapAsync cannot take: a save that completes with nothing.
    Aiter<Void> saved = tc.call(() -> source.mapAsync(x -> x == 2 ? Future.<Void>succeededFuture() : tc.vertx.timer(1).map(v -> null), 1));
    Probe<Void> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(saved));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(1, probe.failures.size());
      Throwable failure = probe.failures.get(0);
      assertTrue(failure instanceof NullPointerException, String.valueOf(failure));
      assertTrue(failure.getMessage().contains("completed with null") && failure.getMessage().contains("use peekAsync"),
          failure.getMessage());
    });
  }

  @Test
  void theFunctionMayReturnAFutureOfASubtype() {
    PushStream<Integer> source = Sources.pushed(tc, List.of(1, 2), null);
    java.util.function.Function<Integer, Future<Integer>> twice = x -> Future.succeededFuture(2 * x);
    Aiter<Number> numbers = tc.call(() -> source.mapAsync(twice, 1));
    assertEquals(List.of(2, 4), takeAll(tc, numbers));
  }

  private void assertFailsWith(RuntimeException cause, java.util.function.Function<Integer, Future<Integer>> f) {
    PushStream<Integer> source = Sources.pushed(tc, List.of(1, 2, 3, 4, 5), null);
    Aiter<Integer> mapped = tc.call(() -> source.mapAsync(f, 1));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(mapped));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
      assertEquals(2, source.size(), "upstream is no longer pulled after the failure");
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    PushStream<Integer> source = PushStream.create(tc.context);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> source.mapAsync(Future::succeededFuture, 0));
    assertTrue(e.getMessage().contains("workers"), e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> source.mapAsync(null, 1));
    assertTrue(npe.getMessage().contains("f"), npe.getMessage());
    assertThrows(NullPointerException.class, () -> Aiter.mapAsync(null, Future::succeededFuture, 1));
    assertThrows(IllegalArgumentException.class, () -> source.mapFilterAsync(x -> Future.succeededFuture(List.of(x)), -1));
  }
}

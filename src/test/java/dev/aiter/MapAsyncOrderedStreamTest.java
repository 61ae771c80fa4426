package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code mapAsyncOrdered}: source order, a slow call does not hold the other workers, bounds as counts. */
class MapAsyncOrderedStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** Calls whose futures the test completes by hand, by item. */
  private static final class Calls implements Function<Integer, Future<Integer>> {
    final List<Integer> started = new ArrayList<>();
    final Map<Integer, Promise<Integer>> pending = new HashMap<>();

    @Override
    public Future<Integer> apply(Integer x) {
      started.add(x);
      Promise<Integer> promise = Promise.promise();
      pending.put(x, promise);
      return promise.future();
    }

    void complete(int... items) {
      for (int x : items) {
        pending.remove(x).complete(x * 10);
      }
    }
  }

  @Test
  void aSlowFirstCallDoesNotStopTheOtherWorkersAndTheOutputKeepsSourceOrder() {
    Calls calls = new Calls();
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 12)).mapAsyncOrdered(calls, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    tc.settle();
    tc.run(() -> assertEquals(range(1, 4), calls.started));

    tc.run(() -> calls.complete(2, 3, 4)); // call 1 stays held back
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 7), calls.started, "calls 5 to 7 started while call 1 still runs");
      assertEquals(List.of(), probe.items, "nothing goes out before call 1");
    });

    tc.run(() -> calls.complete(7, 6));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      calls.complete(1);
      assertEquals(List.of(10, 20, 30, 40), probe.items, "1 to 4, in source order; 5 still runs");
      calls.complete(5);
      assertEquals(List.of(10, 20, 30, 40, 50, 60, 70), probe.items);
    });
    for (int round = 0; round < 12; round++) {
      tc.settle();
      tc.run(() -> {
        // The rest, completed in reverse order of their start.
        List<Integer> running = new ArrayList<>(calls.pending.keySet());
        running.sort((a, b) -> b - a);
        running.forEach(x -> calls.complete(x));
      });
    }
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 12).stream().map(x -> x * 10).toList(), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void neverMoreThanWorkersInFlightNorMoreThanWorkersResultsHeldWhenACallStarts() {
    int workers = 4;
    int n = 300;
    Sources.CountingIterator<Integer> source = Sources.counting(range(0, n - 1), null);
    Random random = new Random(7);
    int[] inFlight = {0};
    int[] maxInFlight = {0};
    int[] completed = {0};
    int[] delivered = {0};
    int[] maxHeldAtStart = {0};
    long[] maxTaken = {0};
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterator(tc.context, source).mapAsyncOrdered(x -> {
      maxHeldAtStart[0] = Math.max(maxHeldAtStart[0], completed[0] - delivered[0]);
      inFlight[0]++;
      maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
      // Out of order: every call waits 1 to 6 ms on a timer.
      return tc.vertx.timer(1 + random.nextInt(6)).map(v -> {
        inFlight[0]--;
        completed[0]++;
        return x;
      });
    }, workers));
    List<Integer> items = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      out.pause();
      out.endHandler(v -> ended.complete(null));
      out.handler(x -> {
        items.add(x);
        delivered[0]++;
        maxTaken[0] = Math.max(maxTaken[0], source.taken() - delivered[0]);
        tc.vertx.setTimer(1, id -> out.fetch(1)); // a slow consumer
      });
      out.fetch(1);
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(range(0, n - 1), items, "source order");
      assertEquals(workers, maxInFlight[0], "never more than the workers in flight, and they are used");
      // A call may start as a result is handed to the consumer, before its handler counts it: so
      // "fewer than workers held" reads "at most workers" here (the exact gate: the test below).
      assertTrue(maxHeldAtStart[0] <= workers, "a call started with " + maxHeldAtStart[0] + " results held");
      assertTrue(maxTaken[0] <= 2 * workers - 1, "taken and not delivered: " + maxTaken[0]);
    });
  }

  @Test
  void withCall1HeldBackAndEveryOtherCallCompletingAtOnceNeverMoreThanWorkersHeldNorInFlight() {
    int workers = 4;
    int n = 40;
    // Counted from outside, at every step the stream lets the test see: each call's start (before
    // and after it is counted), each completion, each delivery.
    int[] started = {0};
    int[] completed = {0};
    int[] delivered = {0};
    List<String> breaches = new ArrayList<>();
    Runnable check = () -> {
      int inFlight = started[0] - completed[0];
      int held = completed[0] - delivered[0];
      if (inFlight > workers || held > workers) {
        breaches.add("after " + started[0] + " calls: " + inFlight + " in flight, " + held + " held");
      }
    };
    Promise<Integer> first = Promise.promise();
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterable(tc.context, range(1, n)).mapAsyncOrdered(x -> {
      check.run();
      started[0]++;
      check.run();
      if (x == 1) {
        return first.future();
      }
      completed[0]++; // the future below is complete before the stream sees it
      check.run();
      return Future.succeededFuture(x * 10);
    }, workers));
    List<Integer> items = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      out.endHandler(v -> ended.complete(null));
      out.handler(x -> { // flowing
        delivered[0]++;
        items.add(x);
        check.run();
      });
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), items, "nothing before call 1");
      assertEquals(1 + workers, started[0], "call 1, then calls until workers results are held");
      assertEquals(workers, completed[0] - delivered[0], "workers results held behind call 1");
      completed[0]++;
      first.complete(10);
      check.run();
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(range(1, n).stream().map(x -> x * 10).toList(), items, "source order");
      assertEquals(List.of(), breaches);
    });
  }

  @Test
  void withoutDemandAndCallsThatCompleteAtOnceExactlyWorkersResultsAreHeld() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 50), null);
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterator(tc.context, source).mapAsyncOrdered(Future::succeededFuture, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      // Calls start again once item 2 has gone out (not while it was handed out, when it still
      // counted as held): exactly 4 results held beyond the 2 delivered.
      assertEquals(2 + 4, source.taken(), "at most 4 results held beyond the 2 delivered, at every step");
      out.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(3 + 4, source.taken());
    });
  }

  @Test
  void aFailedCallFailsTheStreamInItsPlaceWithoutWaitingForTheCallsAfterIt() {
    RuntimeException cause = new RuntimeException("call 3");
    Calls calls = new Calls();
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 10)).mapAsyncOrdered(calls, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    tc.settle();
    tc.run(() -> {
      calls.pending.remove(3).fail(cause);
      calls.complete(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10), probe.items);
      assertEquals(List.of(), probe.failures, "the failure waits for call 2, before it");
      assertEquals(range(1, 4), calls.started, "nothing starts after a failed call");
      calls.complete(2); // call 4 is never completed: not waited for
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
      calls.complete(4); // late: ignored
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(10, 20), probe.items));
  }

  @Test
  void aThrowingFunctionANullFutureAndANullResultFailInPlace() {
    RuntimeException thrown = new RuntimeException("threw");
    assertFailsAfter(List.of(10), thrown, x -> {
      if (x == 2) {
        throw thrown;
      }
      return Future.succeededFuture(x * 10);
    });
    Throwable nullFuture = assertFailsAfter(List.of(10, 20), null, x -> x == 3 ? null : Future.succeededFuture(x * 10));
    assertInstanceOf(NullPointerException.class, nullFuture);
    assertTrue(nullFuture.getMessage().contains("null future"), nullFuture.getMessage());
    Throwable nullResult = assertFailsAfter(List.of(), null, x -> Future.succeededFuture(x == 1 ? null : x));
    assertInstanceOf(NullPointerException.class, nullResult);
  }

  private Throwable assertFailsAfter(List<Integer> before, Throwable expected, Function<Integer, Future<Integer>> f) {
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.fromIterable(tc.context, range(1, 5)).mapAsyncOrdered(f, 2)));
    probe.awaitTerminal();
    tc.settle();
    return tc.call(() -> {
      assertEquals(before, probe.items);
      assertEquals(1, probe.failures.size());
      if (expected != null) {
        assertSame(expected, probe.failures.get(0));
      }
      return probe.failures.get(0);
    });
  }

  /**
   * An upstream failure keeps its place as far as results are held: the finished results at the
   * head of the order go first, and a call still running is not waited for (contract 7), nor are
   * the results behind it delivered, even when they finish first or later.
   */
  @Test
  void anUpstreamFailureComesAfterTheFinishedResultsWithoutWaitingForACallStillRunning() {
    RuntimeException cause = new RuntimeException("source");
    Calls calls = new Calls();
    PushStream<Integer> source = PushStream.create(tc.context);
    Aiter<Integer> out = tc.call(() -> source.mapAsyncOrdered(calls, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(8);
    });
    source.push(1, 2, 3, 4);
    tc.settle();
    tc.run(() -> {
      calls.complete(1, 2, 4); // 3 keeps running, 4 waits behind it
      assertEquals(List.of(10, 20), probe.items);
    });
    source.fail(cause);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items, "not 40: it comes after call 3, never finished");
      assertEquals(List.of(cause), probe.failures);
      calls.complete(3);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      assertEquals(List.of(cause), probe.failures, "once");
      assertEquals(range(1, 4), calls.started, "nothing started after the failure");
    });
  }

  /** Results held for want of demand when the upstream fails are still delivered first, as demand allows. */
  @Test
  void anUpstreamFailureWaitsForTheDemandOfTheFinishedResultsAhead() {
    RuntimeException cause = new RuntimeException("source");
    Calls calls = new Calls();
    PushStream<Integer> source = PushStream.create(tc.context);
    Aiter<Integer> out = tc.call(() -> source.mapAsyncOrdered(calls, 3));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(1);
    });
    source.push(1, 2, 3);
    tc.settle();
    tc.run(() -> calls.complete(1, 2));
    source.fail(cause);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10), probe.items);
      assertEquals(List.of(), probe.failures, "20 is held, and comes first");
      out.fetch(1);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      assertEquals(List.of(cause), probe.failures);
    });
  }

  @Test
  void oneWorkerIsASequentialMapAndFluentAndStaticAgree() {
    Aiter<Integer> fluent = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 20))
        .mapAsyncOrdered(x -> tc.vertx.timer(1 + (x * 7) % 4).map(v -> x), 1));
    assertEquals(range(1, 20), takeAll(tc, fluent));
    Aiter<Integer> stat = tc.call(() -> Aiter.mapAsyncOrdered(Aiter.fromIterable(tc.context, range(1, 20)),
        x -> tc.vertx.timer(1 + (x * 7) % 4).map(v -> x), 8));
    assertEquals(range(1, 20), takeAll(tc, stat));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "workers", () -> source.mapAsyncOrdered(Future::succeededFuture, 0));
    assertRejected(NullPointerException.class, "f", () -> source.mapAsyncOrdered(null, 1));
    assertRejected(NullPointerException.class, "source",
        () -> Aiter.mapAsyncOrdered(null, (Integer x) -> Future.succeededFuture(x), 1));
  }
}

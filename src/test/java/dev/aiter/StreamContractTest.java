package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.StreamCase;
import dev.aiter.support.StreamCase.Built;
import dev.aiter.support.StreamCases;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stream contract of API.md, written once and run against every registered stream. */
class StreamContractTest {

  /**
   * One event loop: every context of this Vert.x shares its thread, so a handler run on the wrong
   * context (one that merely shares the thread) is seen by the probes (contract 1).
   */
  @RegisterExtension
  static final TestContext tc = new TestContext(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)));

  static Stream<StreamCase> cases() {
    return StreamCases.all();
  }

  private static List<Integer> range(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  /**
   * Runs the context's queue through, so that queued work has happened: more rounds for a stream
   * whose source is across the event bus, where each frame (credits, items, the end) is a task.
   */
  private static void settle(StreamCase c) {
    tc.settle(c.acrossEventBus() ? 50 : 5);
  }

  private static Built build(StreamCase c, List<Integer> items, Throwable failure) {
    return tc.call(() -> c.factory().build(tc, items, failure));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flowsByDefaultAndEndsOnceOnItsContext(StreamCase c) {
    List<Integer> items = range(10);
    Built built = build(c, items, null);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(built.stream()));
    probe.awaitTerminal();
    settle(c);
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deliversExactlyTheDemand(StreamCase c) {
    List<Integer> items = range(10);
    Built built = build(c, items, null);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      built.stream().pause();
      probe.attach(built.stream());
      built.stream().fetch(3);
    });
    settle(c);
    tc.run(() -> {
      assertEquals(range(3), probe.items, "fetch(3) yields 3 and waits");
      built.stream().fetch(0);
      built.stream().fetch(2);
    });
    settle(c);
    tc.run(() -> {
      assertEquals(range(5), probe.items);
      assertEquals(0, probe.ends);
      built.stream().resume();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pauseInsideTheHandlerStopsDeliveryAtOnce(StreamCase c) {
    List<Integer> items = range(6);
    Built built = build(c, items, null);
    Aiter<Integer> stream = built.stream();
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(item -> stream.pause());
    tc.run(() -> probe.attach(stream));
    for (int delivered = 1; delivered <= items.size(); delivered++) {
      settle(c);
      int expected = delivered;
      tc.run(() -> {
        assertEquals(range(expected), probe.items, "one item per unit of demand");
        stream.fetch(1);
      });
    }
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsANegativeFetchNamingTheArgument(StreamCase c) {
    Built built = build(c, range(3), null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> built.stream().fetch(-1));
    assertTrue(e.getMessage().contains("amount"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMillionSynchronousItemsThroughFiveMapsKeepTheStackFlat(StreamCase c) {
    int n = 1_000_000;
    List<Integer> items = range(n);
    Built built = build(c, items, null);
    long[] count = {0};
    long[] sum = {0};
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> chain = built.stream().map(x -> x + 1).map(x -> x - 1).map(x -> x).map(x -> x).map(x -> x);
      // Paced by fetch(1) from inside the handler: the most re-entrant consumer there is.
      chain.pause();
      chain.exceptionHandler(probe.failures::add);
      chain.endHandler(v -> {
        probe.ends++;
        probe.terminated.complete(null);
      });
      chain.handler(x -> {
        count[0]++;
        sum[0] += x;
        chain.fetch(1);
      });
      chain.fetch(1);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), probe.failures);
      assertEquals(n, count[0]);
      assertEquals((long) n * (n + 1) / 2, sum[0]);
      assertEquals(1, probe.ends);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anEndReachedWithoutAnEndHandlerIsDeliveredWhenOneIsSet(StreamCase c) {
    List<Integer> items = range(4);
    Built built = build(c, items, null);
    List<Integer> seen = new ArrayList<>();
    int[] ends = {0};
    tc.run(() -> built.stream().handler(seen::add));
    settle(c);
    tc.run(() -> {
      assertEquals(items, seen);
      built.stream().endHandler(v -> ends[0]++);
      assertEquals(1, ends[0], "the late end handler runs at once");
    });
    settle(c);
    tc.run(() -> {
      built.stream().fetch(5);
      built.stream().resume();
      built.stream().pause();
      built.stream().endHandler(v -> ends[0]++);
    });
    settle(c);
    tc.run(() -> assertEquals(1, ends[0], "calls after the end do nothing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFailureComesOnceAfterTheItemsBeforeIt(StreamCase c) {
    List<Integer> items = range(5);
    RuntimeException cause = new RuntimeException("boom");
    Built built = build(c, items, cause);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(built.stream()));
    probe.awaitTerminal();
    settle(c);
    tc.run(() -> {
      assertEquals(items, probe.items);
      assertEquals(1, probe.failures.size(), "failures");
      c.assertFailure(cause, probe.failures.get(0));
      assertEquals(0, probe.ends, "no end after a failure");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void takesNoMoreThanItsDeclaredBufferBeyondWhatItDelivered(StreamCase c) {
    int n = 200;
    Built built = build(c, range(n), null);
    Aiter<Integer> stream = built.stream();
    long[] delivered = {0};
    long[] worst = {Long.MIN_VALUE};
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(item -> {
      // Demand is 0 here: the consumer asks for the next item only after this look.
      delivered[0]++;
      worst[0] = Math.max(worst[0], built.pulled().getAsLong() - delivered[0]);
      stream.fetch(1);
    });
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
      stream.fetch(1);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(n), probe.items);
      assertTrue(worst[0] <= built.maxAhead(),
          "took " + worst[0] + " beyond what it delivered; declared " + built.maxAhead());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void afterAFailureTheSourceIsNoLongerPulled(StreamCase c) {
    Built built = build(c, range(5), new RuntimeException("boom"));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(built.stream()));
    probe.awaitTerminal();
    long pulled = tc.call(() -> built.pulled().getAsLong());
    tc.run(() -> {
      built.stream().fetch(10);
      built.stream().resume();
    });
    settle(c);
    tc.run(() -> assertEquals(pulled, built.pulled().getAsLong(), "pulled after the failure"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutADataHandlerNothingIsPulled(StreamCase c) {
    Assumptions.assumeFalse(c.pullsWithoutHandler(), "pulls by design (contract 3's exceptions)");
    Built built = build(c, range(5), null);
    tc.run(() -> {
      built.stream().endHandler(v -> { });
      built.stream().exceptionHandler(t -> { });
    });
    settle(c);
    tc.run(() -> assertEquals(0, built.pulled().getAsLong(), "pulled without a data handler"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void callsFromAnotherThreadAreCarriedOntoTheContext(StreamCase c) {
    List<Integer> items = range(8);
    Built built = build(c, items, null);
    Probe<Integer> probe = new Probe<>(tc);
    // This test thread is not the context's: every call below must be carried onto it.
    built.stream().pause();
    probe.attach(built.stream());
    built.stream().fetch(2);
    settle(c);
    tc.run(() -> assertEquals(range(2), probe.items));
    built.stream().resume();
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anExceptionFromTheDataHandlerIsReportedAndTheStreamGoesOn(StreamCase c) {
    List<Integer> items = range(5);
    Built built = build(c, items, null);
    RuntimeException bug = new RuntimeException("consumer bug");
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(item -> {
      if (item == 2) {
        throw bug;
      }
    });
    List<Throwable> reported = new ArrayList<>();
    tc.run(() -> {
      built.stream().pause();
      probe.attach(built.stream());
      built.stream().exceptionHandler(reported::add);
      built.stream().resume();
    });
    settle(c);
    tc.run(() -> {
      assertEquals(items, probe.items);
      assertEquals(List.of(bug), reported);
      assertEquals(1, probe.ends);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSlowFlowingConsumerSlowsTheSource(StreamCase c) {
    int n = 30_000;
    Built built = build(c, range(n), null);
    long[] delivered = {0};
    long[] worst = {Long.MIN_VALUE};
    long[] sum = {0};
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      built.stream().exceptionHandler(probe.failures::add);
      built.stream().endHandler(v -> {
        probe.ends++;
        probe.terminated.complete(null);
      });
      // Flowing (a handler and no pause, as with pipeTo), and slow: a few microseconds an item.
      built.stream().handler(item -> {
        delivered[0]++;
        sum[0] += item;
        worst[0] = Math.max(worst[0], built.pulled().getAsLong() - delivered[0]);
        busy(3_000);
      });
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), probe.failures);
      assertEquals(n, delivered[0]);
      assertEquals((long) n * (n + 1) / 2, sum[0]);
      assertTrue(worst[0] <= built.maxAheadFlowing(), "took " + worst[0]
          + " from the source beyond what it delivered (the item in hand counted as delivered);"
          + " declared " + built.maxAheadFlowing());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aStreamMadeInsideExecuteBlockingRunsOnTheEventLoop(StreamCase c) {
    List<Integer> items = range(20);
    // Made, and first touched, on a worker running executeBlocking for the context.
    Built built;
    try {
      built = TestContext.await(tc.context.executeBlocking(() -> {
        Built b = c.factory().build(tc, items, null);
        b.stream().pause();
        return b;
      }));
    } catch (IllegalStateException refused) {
      // fork() refuses loudly off the forker's event loop, where its position is not defined.
      Assumptions.abort("refused off the event loop: " + refused.getMessage());
      return;
    }
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(built.stream());
      built.stream().resume();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Built on another thread while the context is busy, and consumed by that same busy task as soon
   * as it is built: the subscription the stream carried onto the context (its pause, its handlers
   * on upstream) runs after the consumer's first request, and must not void it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aStreamBuiltOffTheContextAndConsumedAtOnceDeliversEverything(StreamCase c) {
    // Its factory waits for the event bus, which the blocked context cannot serve; and a stream
    // opened off any context runs on a context of its own, not the test's.
    Assumptions.assumeFalse(c.acrossEventBus(), "built with the context's help");
    List<Integer> items = range(20);
    Probe<Integer> probe = new Probe<>(tc);
    try {
      tc.buildOffContextThenUse(() -> c.factory().build(tc, items, null), built -> probe.attach(built.stream()));
    } catch (IllegalStateException refused) {
      Assumptions.abort("refused off the event loop: " + refused.getMessage());
      return;
    }
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void handlersRunOnTheStreamsContextWhenAnotherContextSharesItsThread(StreamCase c) {
    List<Integer> items = range(8);
    Context other = tc.vertx.getOrCreateContext();
    Thread[] otherThread = {null};
    TestContext.await(runOn(other, () -> otherThread[0] = Thread.currentThread()));
    assertTrue(other != tc.context && otherThread[0] == tc.call(Thread::currentThread),
        "two contexts on the one event loop");
    Built built = build(c, items, null);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      built.stream().pause();
      probe.attach(built.stream());
    });
    // Every call below comes from the other context, on the same thread.
    TestContext.await(runOn(other, () -> built.stream().fetch(3)));
    settle(c);
    tc.run(() -> assertEquals(range(3), probe.items));
    TestContext.await(runOn(other, () -> built.stream().resume()));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aNullItemFailsTheStreamLoudly(StreamCase c) {
    List<Integer> items = java.util.Arrays.asList(1, 2, null, 4);
    Built built;
    try {
      built = build(c, items, null);
    } catch (NullPointerException refusedAtOnce) {
      assertTrue(refusedAtOnce.getMessage().contains("null"), refusedAtOnce.getMessage());
      return; // refused loudly where it was given (PushStream.push)
    }
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(built.stream()));
    probe.awaitTerminal();
    settle(c);
    tc.run(() -> {
      // The items before the null, but for those a function saw with it (a chunk holding it).
      assertTrue(probe.items.size() <= 2 && probe.items.equals(List.of(1, 2).subList(0, probe.items.size())),
          "items: " + probe.items);
      assertEquals(1, probe.failures.size(), "failures: " + probe.failures);
      c.assertFailure(NullPointerException.class, "null", probe.failures.get(0));
      assertEquals(0, probe.ends, "no end after a failure");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHandlerFetchingFromTheUpstreamStageLosesNothing(StreamCase c) {
    List<Integer> items = range(12);
    Built built = build(c, items, null);
    Assumptions.assumeTrue(built.upstream() != null, "a source: no stage of ours upstream");
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(item -> {
      if (item == 1) {
        built.upstream().fetch(2); // contract 5: handlers may call fetch on any stream of the chain
      }
    });
    tc.run(() -> probe.attach(built.stream()));
    probe.awaitTerminal();
    settle(c);
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce();
    });
  }

  private static io.vertx.core.Future<Void> runOn(Context context, Runnable action) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      action.run();
      done.complete();
    });
    return done.future();
  }

  /** Spends about {@code nanos} on the calling thread, as a slow handler does. */
  private static void busy(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}

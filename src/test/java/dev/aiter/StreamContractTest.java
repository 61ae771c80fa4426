package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.StreamCase;
import dev.aiter.support.StreamCase.Built;
import dev.aiter.support.StreamCases;
import dev.aiter.support.TestContext;
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

  @RegisterExtension
  static final TestContext tc = new TestContext();

  static Stream<StreamCase> cases() {
    return StreamCases.all();
  }

  private static List<Integer> range(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
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
    tc.settle();
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
    tc.settle();
    tc.run(() -> {
      assertEquals(range(3), probe.items, "fetch(3) yields 3 and waits");
      built.stream().fetch(0);
      built.stream().fetch(2);
    });
    tc.settle();
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
      tc.settle();
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
    tc.settle();
    tc.run(() -> {
      assertEquals(items, seen);
      built.stream().endHandler(v -> ends[0]++);
      assertEquals(1, ends[0], "the late end handler runs at once");
    });
    tc.settle();
    tc.run(() -> {
      built.stream().fetch(5);
      built.stream().resume();
      built.stream().pause();
      built.stream().endHandler(v -> ends[0]++);
    });
    tc.settle();
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
    tc.settle();
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
    tc.settle();
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
    tc.settle();
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
    tc.settle();
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
    tc.settle();
    tc.run(() -> {
      assertEquals(items, probe.items);
      assertEquals(List.of(bug), reported);
      assertEquals(1, probe.ends);
    });
  }
}

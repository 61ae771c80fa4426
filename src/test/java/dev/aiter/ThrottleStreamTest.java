package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.impl.StreamTimer;
import dev.aiter.impl.ThrottleStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code throttle(units, period[, weigher])}: a bucket that starts full and refills evenly, one item
 * held, no timer without demand or after the end. Time is checked as an order against the test's
 * own Vert.x timers (an item is never early, so what comes before a timer is bounded), never
 * against the clock.
 */
class ThrottleStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static void assertNoTimerLeft(StreamTimer timer) {
    assertEquals(0, timer.outstanding(), "timers set and neither fired nor cancelled");
    assertFalse(tc.vertx.cancelTimer(timer.lastId()), "Vert.x still had the stream's last timer");
  }

  @Test
  void aFullBucketGoesOutAtOnceThenOneItemPerRefill() {
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, range(1, 4), null));
    // 2 per 100 ms: two at once, then one every 50 ms.
    Aiter<Integer> out = tc.call(() -> source.throttle(2, 100, TimeUnit.MILLISECONDS));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> events.add("1 ms"));
      out.endHandler(v -> ended.complete(null));
      out.handler(x -> events.add("item " + x));
      // Set once item 3 waits on its timer (about 50 ms): this one fires after it.
      tc.vertx.setTimer(75, id -> events.add("75 ms"));
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(List.of("item 1", "item 2", "1 ms", "item 3", "75 ms", "item 4"), events);
      assertNoTimerLeft(((ThrottleStream<Integer>) out).timer());
    });
  }

  @Test
  void neverMoreThanUnitsPlusTheRefillComeBeforeATimer() {
    // 5 per 100 ms: before a timer set at the same moment for 100 ms, at most 5 + 5 (and one for
    // rounding): no item goes out before the bucket holds it, so none can come early.
    List<Integer> got = new ArrayList<>();
    int[] beforeTimer = {-1};
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      Aiter<Integer> out = Aiter.fromIterable(tc.context, range(1, 40)).throttle(5, 100, TimeUnit.MILLISECONDS);
      out.endHandler(v -> ended.complete(null));
      out.handler(got::add);
      tc.vertx.setTimer(100, id -> beforeTimer[0] = got.size());
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(range(1, 40), got);
      assertTrue(beforeTimer[0] >= 5 && beforeTimer[0] <= 11, "before the 100 ms timer: " + beforeTimer[0]);
    });
  }

  @Test
  void anItemHeavierThanUnitsGoesOutAloneOnceTheBucketIsFullAndLeavesItInDebt() {
    PushStream<String> source = tc.call(() -> Sources.pushed(tc, List.of("abcd", "x".repeat(25), "efgh"), null));
    ToLongFunction<String> length = String::length;
    // 10 characters per 100 ms: "abcd" at once, the 25 once the bucket is full again (40 ms),
    // then "efgh" once the debt of 15 is paid and 4 more came (190 ms later).
    Aiter<String> out = tc.call(() -> source.throttle(10, 100, TimeUnit.MILLISECONDS, length));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> events.add("1 ms"));
      out.endHandler(v -> ended.complete(null));
      out.handler(s -> {
        events.add(s.length() + " chars");
        if (s.length() == 25) {
          tc.vertx.setTimer(150, id -> events.add("150 ms after the 25"));
        }
      });
    });
    TestContext.await(ended);
    tc.run(() -> assertEquals(List.of("4 chars", "1 ms", "25 chars", "150 ms after the 25", "4 chars"), events));
  }

  @Test
  void itHoldsOneItemAndNoTimerWhileTheConsumerHasNoDemand() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 10), null);
    ThrottleStream<Integer> out = tc.call(() ->
        (ThrottleStream<Integer>) Aiter.fromIterator(tc.context, source).throttle(1, 1, TimeUnit.HOURS));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items, "the bucket held one");
      assertEquals(2, source.taken(), "one delivered, one held");
      assertEquals(1, out.timer().outstanding(), "the held item waits on a timer");
      out.pause();
      assertEquals(0, out.timer().outstanding(), "no demand: no timer");
      assertEquals(2, source.taken());
      out.fetch(5);
      assertEquals(1, out.timer().outstanding());
      out.handler(null);
      assertEquals(0, out.timer().outstanding());
      assertEquals(2, source.taken(), "never more than one held");
    });
  }

  @Test
  void theEndWaitsForTheHeldItemAndAFailureComesAfterIt() {
    RuntimeException cause = new RuntimeException("source");
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, range(1, 3), cause));
    ThrottleStream<Integer> out = tc.call(() -> (ThrottleStream<Integer>) source.throttle(1, 10, TimeUnit.MILLISECONDS));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 3), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertNoTimerLeft(out.timer());
    });
  }

  @Test
  void aThrowingOrNegativeWeigherFailsTheStream() {
    RuntimeException bug = new RuntimeException("weigher");
    Probe<Integer> thrown = new Probe<>(tc);
    tc.run(() -> thrown.attach(Aiter.fromIterable(tc.context, range(1, 3)).throttle(100, 1, TimeUnit.SECONDS, x -> {
      if (x == 2) {
        throw bug;
      }
      return 1;
    })));
    thrown.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), thrown.items);
      assertSame(bug, thrown.failures.get(0));
    });
    Probe<Integer> negative = new Probe<>(tc);
    tc.run(() -> negative.attach(Aiter.fromIterable(tc.context, range(1, 3)).throttle(100, 1, TimeUnit.SECONDS, x -> -x)));
    negative.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), negative.items);
      assertInstanceOf(IllegalArgumentException.class, negative.failures.get(0));
      assertTrue(negative.failures.get(0).getMessage().contains("-1"), negative.failures.get(0).getMessage());
    });
  }

  /**
   * The weigher throws on an item a handler fetched, weighed after upstream ended: the stream
   * fails (it used to end cleanly, the failure going to the context).
   */
  @Test
  void aWeigherThrowingAfterUpstreamEndedFailsTheStreamInsteadOfEndingIt() {
    RuntimeException bug = new RuntimeException("weigher");
    Aiter<Integer> up = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)).map(x -> x));
    Aiter<Integer> s = tc.call(() -> up.throttle(100, 1, TimeUnit.SECONDS, x -> {
      if (x == 3) {
        throw bug;
      }
      return 1;
    }));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 1) {
        up.fetch(2); // 2 and 3 come now, and the end after them
      }
    });
    tc.run(() -> probe.attach(s));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(List.of(bug), probe.failures);
    });
  }

  @Test
  void aGenerousBucketPassesEverythingAtOnce() {
    assertEquals(range(1, 1000), takeAll(tc, tc.call(() -> Aiter.fromIterable(tc.context, range(1, 1000))
        .throttle(1_000_000, 1, TimeUnit.SECONDS))));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "units", () -> source.throttle(0, 1, TimeUnit.SECONDS));
    assertRejected(IllegalArgumentException.class, "period", () -> source.throttle(1, 0, TimeUnit.SECONDS));
    assertRejected(NullPointerException.class, "unit", () -> source.throttle(1, 1, null));
    assertRejected(NullPointerException.class, "weigher", () -> source.throttle(1, 1, TimeUnit.SECONDS, null));
  }
}

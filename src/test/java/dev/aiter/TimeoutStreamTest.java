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
import dev.aiter.impl.TimeoutStream;
import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code timeout(delay)}: fails when nothing comes while the consumer has demand, counts no time
 * without demand, and leaves no timer behind. Time is checked as an order against the test's own
 * Vert.x timers, never against the clock.
 */
class TimeoutStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static TimeoutStream<Integer> timeout(Aiter<Integer> source, long millis) {
    return (TimeoutStream<Integer>) source.timeout(millis, TimeUnit.MILLISECONDS);
  }

  private static void assertNoTimerLeft(StreamTimer timer) {
    assertEquals(0, timer.outstanding(), "timers set and neither fired nor cancelled");
    assertFalse(tc.vertx.cancelTimer(timer.lastId()), "Vert.x still had the stream's last timer");
  }

  /** The consumer's events and the test's timers, in the order they happened. */
  private static Probe<Integer> recording(List<String> events) {
    return new Probe<Integer>(tc).onItem(x -> events.add("item " + x));
  }

  @Test
  void nothingComingWithinTheDelayFailsTheStreamNamingTheDelayAndStopsPulling() {
    FakeStream<Integer> fake = new FakeStream<>();
    TimeoutStream<Integer> out = tc.call(() -> timeout(Aiter.of(tc.context, fake), 50));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> late = new CompletableFuture<>();
    Probe<Integer> probe = recording(events);
    tc.run(() -> {
      probe.attach(out);
      out.exceptionHandler(t -> {
        events.add("failed");
        probe.failures.add(t);
      });
      tc.vertx.setTimer(10, id -> events.add("10 ms"));
      tc.vertx.setTimer(1_000, id -> {
        events.add("1 s");
        late.complete(null);
      });
    });
    TestContext.await(late);
    tc.run(() -> {
      assertEquals(List.of("10 ms", "failed", "1 s"), events);
      Throwable failure = probe.failures.get(0);
      assertInstanceOf(TimeoutException.class, failure);
      assertTrue(failure.getMessage().contains("50 milliseconds"), failure.getMessage());
      assertNoTimerLeft(out.timer());
      fake.emit(1); // a source that ignores the pause: nobody listens any more
      assertEquals(List.of(), probe.items);
    });
    assertEquals("pause", fake.calls().get(fake.calls().size() - 1), "no longer pulled");
  }

  @Test
  void itemsComingWithinTheDelayEachTimeKeepItAliveUntilTheEnd() {
    FakeStream<Integer> fake = new FakeStream<>();
    TimeoutStream<Integer> out = tc.call(() -> timeout(Aiter.of(tc.context, fake), 100));
    List<String> events = new ArrayList<>();
    Probe<Integer> probe = recording(events);
    tc.run(() -> {
      probe.attach(out);
      emitEvery(fake, 40, 1, 8); // 8 items 40 ms apart: 320 ms in all, more than 3 delays
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 8), probe.items);
      probe.assertEndedOnce();
      assertNoTimerLeft(out.timer());
    });
  }

  /** Emits {@code next}..{@code last} from a chain of timers, each {@code millis} after the one before, then ends. */
  private static void emitEvery(FakeStream<Integer> fake, long millis, int next, int last) {
    tc.vertx.setTimer(millis, id -> {
      fake.emit(next); // synchronous: the stream sees it in this very task
      if (next == last) {
        fake.end();
      } else {
        emitEvery(fake, millis, next + 1, last);
      }
    });
  }

  @Test
  void noTimeIsCountedWhileTheConsumerHasNoDemand() {
    FakeStream<Integer> fake = new FakeStream<>();
    TimeoutStream<Integer> out = tc.call(() -> timeout(Aiter.of(tc.context, fake), 30));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> late = new CompletableFuture<>();
    Probe<Integer> probe = recording(events);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.exceptionHandler(t -> events.add("failed: " + t.getMessage()));
      assertEquals(0, out.timer().outstanding(), "paused: no timer");
      tc.vertx.setTimer(200, id -> {
        events.add("200 ms");
        out.fetch(1);
        tc.vertx.setTimer(5, id2 -> events.add("5 ms later"));
        tc.vertx.setTimer(1_000, id2 -> {
          events.add("1 s later");
          late.complete(null);
        });
      });
    });
    TestContext.await(late);
    tc.run(() -> assertEquals(List.of("200 ms", "5 ms later", "failed: nothing came within 30 milliseconds", "1 s later"),
        events, "paused for 200 ms without failing; counted from the fetch"));
  }

  /**
   * A source that delivers within the fetch meets the demand before the fetch returns: the clock
   * must not be left counting with no demand (a consumer taking one item at a time and working on
   * it longer than the delay would fail for nothing).
   */
  @Test
  void anItemDeliveredWithinTheFetchLeavesNoTimeCountedWhenItMetTheDemand() {
    TimeoutStream<Integer> out = tc.call(() -> timeout(Aiter.fromIterable(tc.context, range(1, 3)), 30));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> late = new CompletableFuture<>();
    Probe<Integer> probe = recording(events);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.exceptionHandler(t -> events.add("failed: " + t.getMessage()));
      out.fetch(1);
      assertEquals(List.of("item 1"), events, "delivered within the fetch");
      assertEquals(0, out.timer().outstanding(), "the demand is met: no time counts");
      tc.vertx.setTimer(200, id -> {
        events.add("200 ms");
        out.fetch(2);
        out.fetch(1);
        late.complete(null);
      });
    });
    TestContext.await(late);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of("item 1", "200 ms", "item 2", "item 3"), events);
      assertEquals(1, probe.ends);
      assertNoTimerLeft(out.timer());
    });
  }

  @Test
  void theTimerIsCancelledWhenTheDemandIsMetAndSetAgainWhenItComesBack() {
    FakeStream<Integer> fake = new FakeStream<>();
    TimeoutStream<Integer> out = tc.call(() -> timeout(Aiter.of(tc.context, fake), 3_600_000));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(2);
      assertEquals(1, out.timer().outstanding());
      fake.emit(1);
      assertEquals(1, out.timer().outstanding(), "one more is due");
      fake.emit(2);
      assertEquals(0, out.timer().outstanding(), "the demand is met");
      out.fetch(1);
      assertEquals(1, out.timer().outstanding());
      out.handler(null);
      assertEquals(0, out.timer().outstanding(), "no handler, no demand");
    });
  }

  @Test
  void anUpstreamFailureWithinTheDelayPassesThroughAndCancelsTheTimer() {
    RuntimeException cause = new RuntimeException("source");
    PushStream<Integer> source = PushStream.create(tc.context);
    TimeoutStream<Integer> out = tc.call(() -> timeout(source, 3_600_000));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    source.push(1);
    tc.settle();
    tc.run(() -> assertEquals(1, out.timer().outstanding()));
    source.fail(cause);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertSame(cause, probe.failures.get(0));
      assertNoTimerLeft(out.timer());
    });
  }

  @Test
  void aStreamThatEndsInTimeJustPassesThrough() {
    Aiter<Integer> out = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 100)).timeout(1, TimeUnit.SECONDS));
    assertEquals(range(1, 100), takeAll(tc, out));
    tc.run(() -> assertNoTimerLeft(((TimeoutStream<Integer>) out).timer()));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "delay", () -> source.timeout(0, TimeUnit.SECONDS));
    assertRejected(IllegalArgumentException.class, "delay", () -> source.timeout(-5, TimeUnit.SECONDS));
    assertRejected(NullPointerException.class, "unit", () -> source.timeout(1, null));
  }
}

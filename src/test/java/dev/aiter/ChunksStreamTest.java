package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.impl.ChunksStream;
import dev.aiter.impl.StreamTimer;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code chunks(size, maxWait)}: full chunks at once, partial ones after maxWait and only with
 * demand, the last before the end or failure, and no timer left behind. Time is checked as an
 * order against the test's own Vert.x timers, never against the clock.
 */
class ChunksStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static ChunksStream<Integer> chunks(Aiter<Integer> source, int size, long maxWaitMillis) {
    return (ChunksStream<Integer>) source.chunks(size, maxWaitMillis, TimeUnit.MILLISECONDS);
  }

  /** No timer of the stream is set, and Vert.x has none under the last id it used. */
  private static void assertNoTimerLeft(StreamTimer timer) {
    assertEquals(0, timer.outstanding(), "timers set and neither fired nor cancelled");
    assertFalse(tc.vertx.cancelTimer(timer.lastId()), "Vert.x still had the stream's last timer");
  }

  @Test
  void fullChunksGoOutAtOnceAndTheLastPartialOneBeforeTheEnd() {
    ChunksStream<Integer> out = tc.call(() -> chunks(Aiter.fromIterable(tc.context, range(1, 7)), 3, 3_600_000));
    assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7)), takeAll(tc, out));
    tc.run(() -> assertNoTimerLeft(out.timer()));
  }

  @Test
  void aPartialChunkGoesOutOnceMaxWaitHasPassedAfterItsFirstItem() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ChunksStream<Integer> out = tc.call(() -> chunks(source, 10, 50));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> late = new CompletableFuture<>();
    tc.run(() -> {
      out.handler(chunk -> events.add("chunk " + chunk));
      source.push(1, 2);
      tc.vertx.setTimer(5, id -> events.add("5 ms"));
      tc.vertx.setTimer(1_000, id -> {
        events.add("1 s");
        late.complete(null);
      });
    });
    TestContext.await(late);
    tc.run(() -> {
      assertEquals(List.of("5 ms", "chunk [1, 2]", "1 s"), events);
      assertEquals(0, out.timer().outstanding(), "no items, no timer");
    });
  }

  @Test
  void withoutDemandTheChunkFillsUpToSizeWithoutATimerAndGoesOutWhenAskedIfItWaitedLongEnough() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ChunksStream<Integer> out = tc.call(() -> chunks(source, 3, 20));
    List<String> events = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    tc.run(() -> {
      out.pause();
      out.handler(chunk -> events.add("chunk " + chunk));
      out.fetch(1);
      source.push(1, 2, 3);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of("chunk [1, 2, 3]"), events);
      source.push(4); // a chunk with items, but no demand: no timer
      assertEquals(0, out.timer().outstanding());
      tc.vertx.setTimer(100, id -> {
        events.add("100 ms");
        source.push(5, 6, 7);
        events.add(source.size() + " left in the source");
        out.fetch(1); // it waited more than 20 ms already: it goes out now
        done.complete(null);
      });
    });
    TestContext.await(done);
    tc.run(() -> {
      assertEquals(List.of("chunk [1, 2, 3]", "100 ms", "1 left in the source", "chunk [4, 5, 6]"), events,
          "filled up to size while waiting (7 not pulled), out as soon as asked");
    });
  }

  @Test
  void theTimerRunsOnlyWhileAChunkHasItemsAndTheConsumerHasDemand() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ChunksStream<Integer> out = tc.call(() -> chunks(source, 5, 3_600_000));
    tc.run(() -> {
      out.handler(chunk -> { });
      assertEquals(0, out.timer().outstanding(), "no item yet");
      source.push(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(1, out.timer().outstanding(), "a chunk has an item and the consumer flows");
      out.pause();
      assertEquals(0, out.timer().outstanding(), "no demand");
      out.fetch(1);
      assertEquals(1, out.timer().outstanding(), "demand again, the chunk still partial");
      source.push(2, 3, 4, 5);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(0, out.timer().outstanding(), "the full chunk went out");
      out.handler(null);
      source.push(6);
    });
    tc.settle();
    tc.run(() -> assertEquals(0, out.timer().outstanding(), "no handler, no demand, no timer"));
  }

  @Test
  void demandCountsChunksAndUpstreamIsAskedOneChunkAhead() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 20), null);
    ChunksStream<Integer> out = tc.call(() -> chunks(Aiter.fromIterator(tc.context, source), 2, 3_600_000));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> {
      out.pause();
      probe.attach(out);
      out.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(List.of(1, 2), List.of(3, 4)), probe.items);
      assertEquals(6, source.taken(), "the next chunk is filled, no more");
    });
  }

  @Test
  void theLastPartialChunkGoesOutBeforeAFailureAndTheTimerIsCancelled() {
    RuntimeException cause = new RuntimeException("source");
    PushStream<Integer> source = PushStream.create(tc.context);
    ChunksStream<Integer> out = tc.call(() -> chunks(source, 5, 3_600_000));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    source.push(1, 2);
    tc.settle();
    tc.run(() -> assertEquals(1, out.timer().outstanding()));
    source.fail(cause);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(List.of(1, 2)), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertNoTimerLeft(out.timer());
    });
  }

  @Test
  void anEndWhileAChunkWaitsCancelsItsTimer() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ChunksStream<Integer> out = tc.call(() -> chunks(source, 5, 3_600_000));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(out));
    source.push(1);
    tc.settle();
    tc.run(() -> assertEquals(1, out.timer().outstanding()));
    source.stop();
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(List.of(1)), probe.items);
      probe.assertEndedOnce();
      assertNoTimerLeft(out.timer());
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "size", () -> source.chunks(0, 1, TimeUnit.SECONDS));
    assertRejected(IllegalArgumentException.class, "maxWait", () -> source.chunks(1, 0, TimeUnit.SECONDS));
    assertRejected(NullPointerException.class, "unit", () -> source.chunks(1, 1, null));
  }

  /**
   * A consumer that lets go of chunks within the handler that got a chunk (take(1)) leaves the
   * source where that chunk left it: a stream without a data handler pulls nothing (contract 3).
   * The refill after delivery pulled the next chunk's items for nobody (found in review).
   */
  @Test
  void aTakeThatLetGoOfChunksLeavesItsSourceWhereItWas() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    Aiter<List<Integer>> chunked = tc.call(() -> Aiter.fromIterator(tc.context, source).chunks(3, 1, TimeUnit.HOURS));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(chunked.take(1)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(List.of(1, 2, 3)), probe.items);
      probe.assertEndedOnce();
      assertEquals(3, source.taken(), "pulled after the consumer let go");
    });
  }
}

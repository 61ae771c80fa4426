package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.impl.MapStream;
import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.map beyond the contract kit: null results, bad input, where it may be made. */
class MapStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** A null result fails the stream after the items before it, and upstream is no longer pulled. */
  @Test
  void aFunctionReturningNullFailsTheStreamWithNullPointerException() {
    assertNullAtTheSecondItemFails(source -> source.map(x -> x == 2 ? null : x * 10));
  }

  /**
   * A null returned by a function before the last of maps in one stage fails the stream in the
   * same way; the next function never sees it.
   */
  @Test
  void aNullBetweenMapsInOneStageFailsTheStream() {
    assertNullAtTheSecondItemFails(source -> source.map(x -> x == 2 ? null : x).map(x -> x == null ? -1 : x * 10));
  }

  /** {@code mapped} of 1, 2, 3, 4 gives 10, then fails at 2 with a null item, pulling no more. */
  private static void assertNullAtTheSecondItemFails(Function<PushStream<Integer>, Aiter<Integer>> mapped) {
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1, 2, 3, 4), null));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(mapped.apply(source)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10), probe.items);
      assertEquals(1, probe.failures.size(), "failures");
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertEquals("a stream item must not be null", probe.failures.get(0).getMessage());
      assertEquals(0, probe.ends);
    });
    assertEquals(2, source.size(), "3 and 4 stay in the source: upstream is no longer pulled");
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "f", () -> Aiter.map(source, (Function<Integer, Integer>) null));
    assertRejected(NullPointerException.class, "f", () -> source.map((Function<Integer, Integer>) null));
    assertRejected(NullPointerException.class, "source", () -> Aiter.map((ReadStream<Integer>) null, x -> x));
  }

  @Test
  void mappingAForeignStreamOffAnyContextNamesTheOverloadTakingAContext() {
    assertEquals(null, Vertx.currentContext(), "this test runs off any context");
    IllegalStateException e = assertRejected(IllegalStateException.class, "Aiter.map",
        () -> Aiter.map(new FakeStream<Integer>(), x -> x));
    assertTrue(e.getMessage().contains("Aiter.of(Context, ReadStream)"), e.getMessage());
  }
  /**
   * A consumer pacing itself with fetch(1) in its handler: the demand reaches upstream before the
   * handler returns, so a synchronous source's loop goes on (issue 13, S3), and still one at a time.
   */
  @Test
  void aFetchInsideTheHandlerReachesUpstreamAtOnceAndOneForOne() {
    FakeStream<Integer> source = new FakeStream<>();
    Aiter<Integer> mapped = tc.call(() -> Aiter.map(Aiter.of(tc.context, source), x -> x * 10));
    Probe<Integer> probe = new Probe<>(tc);
    List<List<String>> upstreamCallsSeenInHandler = new java.util.ArrayList<>();
    probe.onItem(x -> {
      mapped.fetch(1);
      upstreamCallsSeenInHandler.add(source.calls());
    });
    tc.run(() -> {
      mapped.pause();
      probe.attach(mapped);
      mapped.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      source.emit(1);
      source.emit(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      assertEquals(2, fetched(upstreamCallsSeenInHandler.get(0)),
          "the first fetch and the handler's went upstream before the handler returned: "
          + upstreamCallsSeenInHandler.get(0));
      assertEquals(3, fetched(source.calls()), "one for one: " + source.calls());
    });
  }

  /**
   * A map over a map nobody has used takes its place: the consumer's handler is called from one
   * map stage however many maps the chain has (three stages would each show in the stack).
   */
  @Test
  void mapsInARowRunAsOneStage() {
    Probe<Integer> probe = new Probe<>(tc);
    List<Long> mapStagesOnTheStack = new ArrayList<>();
    probe.onItem(x -> mapStagesOnTheStack.add(Arrays.stream(new Throwable().getStackTrace())
        .filter(f -> f.getClassName().equals(MapStream.class.getName()) && f.getMethodName().equals("onItem"))
        .count()));
    tc.run(() -> probe.attach(Aiter.fromIterable(tc.context, List.of(1, 2, 3))
        .map(x -> x + 1).map(x -> x * 10).map(x -> x - 1)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(19, 29, 39), probe.items, "the functions in order");
      probe.assertEndedOnce();
      assertEquals(List.of(1L, 1L, 1L), mapStagesOnTheStack);
    });
  }

  /** A map that was taken over is consumed, as any stream an operator reads. */
  @Test
  void aMapTakenOverIsConsumed() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1)).map(x -> x + 1));
    tc.run(() -> first.map(x -> x * 10));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tc.call(() -> first.map(x -> x)));
    assertTrue(e.getMessage().contains("consumed by MapStream"), e.getMessage());
  }

  /**
   * An item a foreign stream sent from another thread to a map just before a map built over it
   * took its place (carried onto the context, behind the task building it) reaches the new map.
   */
  @Test
  void anItemOnItsWayToAMapTakenOverIsPassedOn() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> first = Aiter.map(fake, x -> x + 1);
      ForeignThreads.run(() -> fake.emit(1)); // carried onto the context, behind this task
      probe.attach(first.map(x -> x * 10));
    });
    tc.settle();
    tc.run(() -> {
      fake.emit(2);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(20, 30), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Maps in one stage over an adopted stream read the foreign stream in its place: released by a
   * take, they stay open and go on reading it; failed, they let go, and the adopted stream is free
   * again for another consumer.
   */
  @Test
  void mapsInOneStageOverAnAdoptedStreamGoOnAfterARelease() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(fake));
    Aiter<Integer> mapped = tc.call(() -> adopted.map(x -> x + 1).map(x -> {
      if (x == 5) {
        throw new IllegalArgumentException("five");
      }
      return x * 10;
    }));
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> {
      first.attach(mapped.take(2));
      fake.emit(1);
      fake.emit(2);
    });
    first.awaitTerminal();
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      assertEquals(List.of(20, 30), first.items);
      first.assertEndedOnce();
      second.attach(mapped);
      mapped.resume(); // the take paused it when it let go
      fake.emit(3);
      fake.emit(4);
    });
    second.awaitTerminal();
    Probe<Integer> third = new Probe<>(tc);
    tc.run(() -> {
      assertEquals(List.of(40), second.items);
      assertEquals("five", second.failures.get(0).getMessage());
      third.attach(adopted.map(x -> x));
      fake.emit(5);
      fake.end();
    });
    third.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(5), third.items);
      third.assertEndedOnce();
    });
  }

  private static long fetched(List<String> calls) {
    return calls.stream().filter(c -> c.startsWith("fetch("))
        .mapToLong(c -> Long.parseLong(c.substring("fetch(".length(), c.length() - 1))).sum();
  }
}

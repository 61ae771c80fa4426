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
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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
    assertTrue(e.getMessage().contains("consumed by map; map cannot"), e.getMessage());
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
   * An item a foreign stream sent from another thread to maps in one stage just before that stage
   * failed and handed upstream back (carried onto the context, behind the task where it failed)
   * reaches the map taken over, which reads upstream again: it is not lost.
   */
  @Test
  void anItemOnItsWayToAMapThatHandedUpstreamBackReachesTheMapTakenOver() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> first = new Probe<>(tc);
    AtomicReference<Aiter<Integer>> plusOne = new AtomicReference<>();
    tc.run(() -> {
      plusOne.set(Aiter.map(fake, x -> x + 1));
      first.attach(plusOne.get().map(x -> {
        if (x == 3) {
          throw new IllegalArgumentException("three");
        }
        return x * 10;
      }));
      fake.emit(1);
      ForeignThreads.run(() -> fake.emit(5)); // carried onto the context, behind this task
      fake.emit(2); // the stage fails and hands upstream back to plusOne
    });
    first.awaitTerminal();
    tc.settle();
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      assertEquals(List.of(20), first.items);
      assertEquals("three", first.failures.get(0).getMessage());
      second.attach(plusOne.get());
      plusOne.get().resume();
      fake.emit(7);
      fake.end();
    });
    second.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(6, 8), second.items, "the item on its way, then the next");
      second.assertEndedOnce();
    });
  }

  /**
   * Maps in one stage over an adopted stream read the foreign stream in its place: released by a
   * take, they stay open and go on reading it; failed, they let go as a chain of maps would, and
   * the map taken over reads the adopted stream again, free for another consumer.
   */
  @Test
  void mapsInOneStageOverAnAdoptedStreamGoOnAfterARelease() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(fake));
    Aiter<Integer> plusOne = tc.call(() -> adopted.map(x -> x + 1));
    Aiter<Integer> mapped = tc.call(() -> plusOne.map(x -> {
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
      third.attach(plusOne);
      plusOne.resume(); // the failed map paused it when it let go
      fake.emit(5);
      fake.end();
    });
    third.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(6), third.items);
      third.assertEndedOnce();
    });
  }

  /**
   * A map built off the context carries its subscription (pause, handlers on its upstream) onto
   * the context. A map built on the context before those tasks ran must not take its place: the
   * late tasks put the first map's handlers back on the upstream, in place of the new map's.
   */
  @Test
  void aMapBuiltOffTheContextIsNotTakenOverBeforeItHasSubscribed() {
    PushStream<Integer> source = tc.call(() -> PushStream.create(tc.context));
    Probe<Integer> probe = new Probe<>(tc);
    CountDownLatch built = new CountDownLatch(1);
    AtomicReference<Aiter<Integer>> first = new AtomicReference<>();
    AtomicReference<Aiter<Integer>> second = new AtomicReference<>();
    CompletableFuture<Void> attached = new CompletableFuture<>();
    tc.context.runOnContext(v -> {
      try {
        built.await();
        second.set(first.get().map(x -> x * 10));
        probe.attach(second.get());
        attached.complete(null);
      } catch (Throwable t) {
        attached.completeExceptionally(t);
      }
    });
    first.set(source.map(x -> x + 1)); // off the context: subscribing is queued behind the task above
    built.countDown();
    TestContext.await(attached);
    tc.settle();
    tc.run(() -> {
      // The demand asked before the first map's subscription came is not voided by its pause.
      source.push(1);
      source.push(2);
      source.stop();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(20, 30), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * A map that took another's place and fails lets go of it as a chain of maps would (contract 9):
   * the map taken over is free again for another consumer and goes on with the rest.
   */
  @Test
  void aMapIsFreeAgainAfterTheMapOverItFailed() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> x + 1));
    Probe<Integer> p1 = new Probe<>(tc);
    tc.run(() -> p1.attach(first.map(x -> {
      if (x == 3) {
        throw new IllegalArgumentException("three");
      }
      return x;
    })));
    p1.awaitTerminal();
    tc.run(() -> assertEquals(List.of(2), p1.items));
    Probe<Integer> p2 = new Probe<>(tc);
    tc.run(() -> p2.attach(first.map(x -> x * 10)));
    p2.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(40, 50), p2.items);
      p2.assertEndedOnce();
    });
  }

  /**
   * An event-bus consumer read by maps in one stage whose second function fails: the consumer is
   * the caller's and stays registered (contract 9), read again by the map taken over.
   */
  @Test
  void anEventBusConsumerStaysRegisteredWhenTheSecondMapFails() {
    String address = "fused-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(Aiter.map(consumer, Message::body).map(x -> {
        throw new IllegalStateException("boom");
      }));
    });
    TestContext.await(consumer.completion());
    tc.vertx.eventBus().send(address, 1);
    probe.awaitTerminal();
    tc.settle();
    assertTrue(consumer.isRegistered(), "still registered after the map failed");
    TestContext.await(consumer.unregister());
  }

  private static long fetched(List<String> calls) {
    return calls.stream().filter(c -> c.startsWith("fetch("))
        .mapToLong(c -> Long.parseLong(c.substring("fetch(".length(), c.length() - 1))).sum();
  }

  /**
   * Maps in one stage, the first map's own function failing: the first map fails too, as it would
   * in a chain, and pulls nothing more for a later consumer (the second map's failure alone hands
   * the source back, aMapIsFreeAgainAfterTheMapOverItFailed).
   */
  @Test
  void theMapWhoseFunctionFailedInOneStageFailsToo() {
    IllegalArgumentException two = new IllegalArgumentException("two");
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> {
      if (x == 2) {
        throw two;
      }
      return x;
    }));
    Probe<Integer> p1 = new Probe<>(tc);
    tc.run(() -> p1.attach(first.map(x -> x * 10)));
    p1.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10), p1.items);
      assertEquals(List.of(two), p1.failures);
    });
    Probe<Integer> p2 = new Probe<>(tc);
    tc.run(() -> {
      p2.attach(first);
      first.resume(); // released by the stage that read it: paused
    });
    p2.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), p2.items, "nothing after the item its function failed on");
      assertEquals(List.of(two), p2.failures);
      assertEquals(0, p2.ends);
    });
  }

  /**
   * Three maps in one stage, the middle one returning null: the middle map fails, and the first,
   * whose function succeeded, goes on with the rest for a later consumer.
   */
  @Test
  void inOneStageOnlyTheMapsFromTheFailingOneOnFail() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> x + 1));
    Aiter<Integer> second = tc.call(() -> first.map(x -> x == 3 ? null : x));
    Probe<Integer> p1 = new Probe<>(tc);
    tc.run(() -> p1.attach(second.map(x -> x * 10)));
    p1.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(20), p1.items);
      assertEquals(1, p1.failures.size());
      assertInstanceOf(NullPointerException.class, p1.failures.get(0));
    });
    Probe<Integer> p2 = new Probe<>(tc);
    tc.run(() -> {
      p2.attach(second);
      second.resume();
    });
    p2.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), p2.items);
      assertEquals(1, p2.failures.size(), "the map that returned null failed");
    });
    Probe<Integer> p3 = new Probe<>(tc);
    tc.run(() -> {
      p3.attach(first);
      first.resume(); // released by the stage that read it: paused
    });
    p3.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(4, 5), p3.items, "the first map's function did not fail: it goes on");
      p3.assertEndedOnce();
    });
  }

}

package dev.aiter;

import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatedStreamTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  /** A lazy range: nothing exists before it is asked for. */
  private static Iterator<Long> range(long end) {
    return LongStream.range(0, end).iterator();
  }

  @Test
  void portOfTestGatedAiter() {
    GatedStream<Long> gate = tc.call(() -> Aiter.fromIterator(tc.context, range(3_000_000_000L)).gated());
    gate.push(9);
    assertEquals(List.of(0L, 1L, 2L), take(tc, gate, 3));
    assertEquals(List.of(3L, 4L, 5L, 6L), take(tc, gate, 4));
    gate.push(11);
    gate.stop();
    assertEquals(LongStream.range(7, 20).boxed().toList(), takeAll(tc, gate));
  }

  @Test
  void creditsAreFetchedAtOnceAndTheConsumerPacesDelivery() {
    Sources.CountingIterator<Integer> source = Sources.counting(IntStream.range(0, 100).boxed().toList(), null);
    GatedStream<Integer> gate = tc.call(() -> Aiter.fromIterator(tc.context, source).gated());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      gate.pause();
      probe.attach(gate);
      gate.push(10);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(10, source.taken(), "the credits were fetched before the consumer asked");
      assertEquals(List.of(), probe.items);
      gate.fetch(4);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0, 1, 2, 3), probe.items);
      assertEquals(10, source.taken(), "buffers at most the credits granted and not delivered");
      gate.resume();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(IntStream.range(0, 10).boxed().toList(), probe.items, "no item beyond the credits");
      assertEquals(10, source.taken());
      assertEquals(0, probe.ends);
    });
  }

  @Test
  void stopEndsAfterTheAuthorisedItemsAndLaterCreditsAreIgnored() {
    PushStream<Integer> source = PushStream.create(tc.context);
    GatedStream<Integer> gate = tc.call(source::gated);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(gate);
      gate.push(3);
      source.push(1, 2);
      gate.stop();
      gate.push(100);
      source.push(3, 4, 5);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
      assertEquals(2, source.size(), "what the gate did not authorise stays in the source");
      assertTrue(!source.isStopped(), "the gate never stops the source handed to it");
    });
  }

  @Test
  void overAPushSourceOfItsContextItTakesOnlyWhatTheConsumerAsks() {
    PushStream<Integer> source = PushStream.create(tc.context);
    GatedStream<Integer> gate = tc.call(source::gated);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      source.push(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      gate.pause();
      probe.attach(gate);
      gate.push(6);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(10, source.size(), "the credits take nothing before the consumer asks");
      gate.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0, 1), probe.items);
      assertEquals(8, source.size());
      gate.resume();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0, 1, 2, 3, 4, 5), probe.items, "no item beyond the credits");
      assertEquals(4, source.size());
      gate.push(1);
    });
    Thread other = new Thread(() -> source.push(10)); // carried onto the context, then to the gate
    other.start();
    assertTrue(join(other));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), probe.items, "credits and items from another thread meet");
      gate.stop();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      probe.assertEndedOnce();
      assertEquals(4, source.size(), "7, 8, 9 and 10 stay in the source");
    });
  }

  @Test
  void aGateThatEndedLeavesItsPushSourceToTheNextConsumer() {
    PushStream<Integer> source = PushStream.create(tc.context);
    GatedStream<Integer> gate = tc.call(source::gated);
    Probe<Integer> first = new Probe<>(tc);
    Probe<Integer> next = new Probe<>(tc);
    tc.run(() -> {
      first.attach(gate);
      gate.push(2);
      source.push(1, 2, 3);
      gate.stop();
    });
    first.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2), first.items);
      next.attach(source);
      source.resume(); // a gate lets go of its source paused
      source.push(4);
      source.stop();
    });
    next.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(3, 4), next.items, "the source delivers to its new consumer, not to the gate");
      assertEquals(List.of(1, 2), first.items);
      next.assertEndedOnce();
    });
  }

  @Test
  void aDrainHandlerPausingTheConsumerIsHonouredOverAPushSource() {
    PushStream<Integer> source = PushStream.create(tc.context);
    GatedStream<Integer> gate = tc.call(source::gated);
    List<Integer> got = new ArrayList<>();
    tc.run(() -> {
      source.setWriteQueueMaxSize(2);
      source.push(1, 2);
      assertTrue(source.writeQueueFull()); // the drain handler is owed from now on
      source.drainHandler(v -> gate.pause());
      gate.handler(got::add);
      gate.pause();
      gate.push(2);
      gate.fetch(1); // takes 1: the queue is down to half, the drain handler pauses the gate
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), got);
      gate.fetch(1);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), got, "the pause voided no demand given after it"));
  }

  private static boolean join(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  /**
   * Made off the context, a gate given credits on the context before its subscription is in place
   * still fetches them: the subscription's pause used to void them, and the consumer waited for ever.
   */
  @Test
  void creditsGivenBeforeASubscriptionMadeOffTheContextAreNotLost() {
    Aiter<Integer> source = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.buildOffContextThenUse(source::gated, gate -> {
      probe.attach(gate);
      gate.push(3);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3), probe.items));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    GatedStream<Integer> gate = tc.call(() -> PushStream.<Integer>create(tc.context).gated());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gate.push(-1));
    assertTrue(e.getMessage().contains("count"), e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class, () -> Aiter.gated(null));
    assertTrue(npe.getMessage().contains("source"), npe.getMessage());
  }
}

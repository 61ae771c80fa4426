package dev.aiter;

import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.impl.SharableStreamImpl;
import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Aiter.sharable}: several consumers drain one source, each item to exactly one of them. */
class SharableStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  /** Consumers of {@code shared}, each with a probe, all paused. */
  private static List<Probe<Integer>> consumers(SharableStream<Integer> shared, List<Aiter<Integer>> streams, int n) {
    List<Probe<Integer>> probes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      probes.add(new Probe<>(tc));
    }
    tc.run(() -> {
      for (Probe<Integer> probe : probes) {
        Aiter<Integer> consumer = shared.consumer();
        consumer.pause();
        probe.attach(consumer);
        streams.add(consumer);
      }
    });
    return probes;
  }

  private static List<Integer> union(List<Probe<Integer>> probes) {
    List<Integer> all = new ArrayList<>();
    probes.forEach(p -> all.addAll(p.items));
    Collections.sort(all);
    return all;
  }

  private static void assertFair(List<Probe<Integer>> probes) {
    int most = probes.stream().mapToInt(p -> p.items.size()).max().orElseThrow();
    int least = probes.stream().mapToInt(p -> p.items.size()).min().orElseThrow();
    assertTrue(most - least <= 1, "served unevenly: " + probes.stream().map(p -> p.items.size()).toList());
  }

  @Test
  void pacedConsumersAreServedInTurnAndEachItemGoesToExactlyOne() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(0, 299), null);
    SharableStream<Integer> shared = tc.call(() -> Aiter.fromIterator(tc.context, source).sharable());
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    for (int i = 0; i < 3; i++) {
      // Each consumer asks for its next item a little later, as a consumer doing work does.
      Aiter<Integer> stream = streams.get(i);
      probes.get(i).onItem(x -> tc.context.runOnContext(v -> stream.fetch(1)));
    }
    tc.run(() -> streams.forEach(s -> s.fetch(1)));
    for (Probe<Integer> probe : probes) {
      probe.awaitTerminal();
    }
    tc.run(() -> {
      for (int i = 0; i < 3; i++) {
        int first = i;
        assertEquals(IntStream.iterate(first, x -> x < 300, x -> x + 3).boxed().toList(), probes.get(i).items,
            "consumer " + i + " gets items " + i + ", " + (i + 3) + ", ...");
        probes.get(i).assertEndedOnce();
      }
      assertEquals(range(0, 299), union(probes));
    });
  }

  @Test
  void flowingConsumersShareAPushSourceFairly() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    tc.run(() -> streams.forEach(Aiter::resume));
    int pushed = 0;
    for (int batch : new int[] {1, 2, 10, 7, 31}) {
      for (int k = 0; k < batch; k++) {
        source.push(pushed++);
      }
      tc.settle();
      int expected = pushed;
      tc.run(() -> {
        assertEquals(range(0, expected - 1), union(probes), "each item to exactly one consumer");
        assertFair(probes);
      });
    }
  }

  @Test
  void aPausedConsumerGetsNothingAndTheOthersCarryOn() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    tc.run(() -> streams.forEach(Aiter::resume));
    source.push(range(1, 9).toArray(Integer[]::new));
    tc.settle();
    tc.run(() -> {
      assertFair(probes);
      streams.get(1).pause();
    });
    int before = tc.call(() -> probes.get(1).items.size());

    source.push(range(10, 29).toArray(Integer[]::new));
    tc.settle();
    tc.run(() -> {
      assertEquals(before, probes.get(1).items.size(), "the paused consumer got nothing");
      assertEquals(range(1, 29), union(probes), "the others took everything");
      assertFair(List.of(probes.get(0), probes.get(2)));
      streams.get(1).resume();
    });

    source.push(range(30, 35).toArray(Integer[]::new));
    source.stop();
    for (Probe<Integer> probe : probes) {
      probe.awaitTerminal();
    }
    tc.run(() -> {
      assertTrue(probes.get(1).items.size() > before, "resumed, it is served again");
      assertEquals(range(1, 35), union(probes));
      probes.forEach(Probe::assertEndedOnce);
    });
  }

  @Test
  void aConsumerWaitingInLineIsServedWhenTheItemItAskedForWentToTheOneBefore() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 2);
    tc.run(() -> {
      streams.get(0).resume(); // first in line; asks the source for one item
      streams.get(1).fetch(1); // second in line
    });
    source.push(1, 2, 3);
    tc.settle();
    tc.run(() -> {
      // 1 to the first, who asks again (second in line now); 2 to the second, who asked first;
      // 3 must still come to the first, though the fetch it made went to the second.
      assertEquals(List.of(1, 3), probes.get(0).items);
      assertEquals(List.of(2), probes.get(1).items);
    });
    assertEquals(0, source.size());
  }

  @Test
  void theEndReachesEveryConsumer() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    tc.run(() -> {
      streams.get(0).resume();
      streams.get(1).fetch(1); // the third stays paused
    });
    source.push(1, 2, 3);
    source.stop();
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 3), union(probes));
      probes.forEach(Probe::assertEndedOnce);
    });
  }

  @Test
  void aFailureReachesEveryConsumerOnce() {
    RuntimeException cause = new RuntimeException("boom");
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    tc.run(() -> {
      streams.get(0).resume();
      streams.get(1).fetch(1);
    });
    source.push(1, 2, 3);
    source.fail(cause);
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 3), union(probes), "the items before the failure");
      for (Probe<Integer> probe : probes) {
        assertEquals(List.of(cause), probe.failures);
        assertEquals(0, probe.ends);
      }
    });
  }

  @Test
  void theSourceIsAskedForOneItemAtATime() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    SharableStream<Integer> shared = tc.call(() -> Aiter.fromIterator(tc.context, source).sharable());
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 3);
    int[][] fetches = {{0, 0, 0}, {2, 0, 0}, {0, 3, 1}, {5, 5, 5}, {0, 0, 20}};
    for (int[] fetch : fetches) {
      tc.run(() -> {
        for (int i = 0; i < 3; i++) {
          streams.get(i).fetch(fetch[i]);
        }
      });
      tc.settle();
      tc.run(() -> {
        int delivered = union(probes).size();
        assertTrue(source.taken() <= delivered + 1, "pulled " + source.taken() + " for " + delivered + " delivered");
      });
    }
    tc.run(() -> assertEquals(41, union(probes).size()));
  }

  @Test
  void anItemPulledForAConsumerThatPausedGoesToTheNextOneThatAsks() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 2);
    tc.run(() -> {
      streams.get(0).fetch(1); // asks the source for one item; none is there yet
      streams.get(0).pause();
    });
    source.push(1, 2);
    tc.settle();
    assertEquals(1, source.size(), "one item was pulled, and only one");
    tc.run(() -> {
      assertEquals(List.of(), union(probes));
      streams.get(1).fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probes.get(1).items, "the item in hand first, in order");
      assertEquals(List.of(), probes.get(0).items);
    });
  }

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.sharable(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }

  /** Issue 15, item 9: a consumer that drops its data handler leaves the line and the sharer. */
  @Test
  void consumersThatDropTheirHandlerAreLetGo() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    WeakReference<Aiter<Integer>> last = tc.call(() -> {
      Aiter<Integer> consumer = null;
      for (int i = 0; i < MANY; i++) {
        consumer = shared.consumer();
        consumer.handler(x -> { });
        consumer.fetch(1); // waits in line: the source has nothing yet
        consumer.handler(null);
      }
      return new WeakReference<>(consumer);
    });
    assertEquals(0, tc.call(() -> held(shared)), "consumers still held after dropping their handler");
    assertCollected(last);
    assertTheItemInHandGoesToTheNextConsumer(source, shared);
  }

  /** Issue 15, item 9: a {@code stoppable} over a consumer, once stopped, releases the consumer. */
  @Test
  void stoppedConsumersAreLetGo() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    WeakReference<Aiter<Integer>> last = tc.call(() -> {
      Aiter<Integer> consumer = null;
      for (int i = 0; i < MANY; i++) {
        consumer = shared.consumer();
        StoppableStream<Integer> stoppable = consumer.stoppable();
        stoppable.handler(x -> { });
        stoppable.fetch(1);
        stoppable.stop();
      }
      return new WeakReference<>(consumer);
    });
    assertEquals(0, tc.call(() -> held(shared)), "consumers still held after being stopped");
    assertCollected(last);
    assertTheItemInHandGoesToTheNextConsumer(source, shared);
  }

  /** Issue 15, item 9: a consumer never given a handler and dropped by its maker is garbage. */
  @Test
  void aConsumerNobodyHoldsIsCollected() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    WeakReference<Aiter<Integer>> dropped = tc.call(() -> new WeakReference<>(shared.consumer()));
    tc.settle();
    assertCollected(dropped);
    assertEquals(0, tc.call(() -> held(shared)));
  }

  /** Held weakly, a consumer without a data handler still learns of the end once it listens. */
  @Test
  void aConsumerWithoutADataHandlerStillGetsTheEnd() {
    PushStream<Integer> source = PushStream.create(tc.context);
    SharableStream<Integer> shared = tc.call(source::sharable);
    Aiter<Integer> consumer = tc.call(shared::consumer);
    int[] ends = {0};
    tc.run(() -> consumer.endHandler(v -> ends[0]++));
    source.stop();
    tc.settle();
    System.gc();
    tc.run(() -> assertEquals(1, ends[0], "the end reached a consumer with only an end handler"));
  }

  /**
   * Issue 15, item 7: a handler that fetches on the shared upstream makes it deliver more than the
   * sharer asked for; every item must still arrive exactly once, in order.
   */
  @Test
  void aHandlerThatFetchesUpstreamLosesNothing() {
    Aiter<Integer> upstream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 4)).map(x -> x));
    SharableStream<Integer> shared = tc.call(upstream::sharable);
    Probe<Integer> probe = new Probe<>(tc);
    probe.onItem(x -> {
      if (x == 1) {
        upstream.fetch(2);
      }
    });
    tc.run(() -> probe.attach(shared.consumer()));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 4), probe.items);
      probe.assertEndedOnce();
    });
  }

  /** The same, with two consumers taking turns: each item to exactly one of them. */
  @Test
  void aHandlerThatFetchesUpstreamLosesNothingWithTwoConsumers() {
    Aiter<Integer> upstream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 20)).map(x -> x));
    SharableStream<Integer> shared = tc.call(upstream::sharable);
    List<Aiter<Integer>> streams = new ArrayList<>();
    List<Probe<Integer>> probes = consumers(shared, streams, 2);
    probes.get(0).onItem(x -> upstream.fetch(3));
    tc.run(() -> streams.forEach(Aiter::resume));
    for (Probe<Integer> probe : probes) {
      probe.awaitTerminal();
    }
    tc.run(() -> {
      assertEquals(range(1, 20), union(probes), "each item to exactly one consumer");
      probes.forEach(Probe::assertEndedOnce);
    });
  }

  /** A null that a foreign source delivers fails the consumers; it is not dropped in silence. */
  @Test
  void aNullItemFromAForeignSourceFailsTheConsumer() {
    FakeStream<Integer> source = new FakeStream<>();
    SharableStream<Integer> shared = tc.call(() -> Aiter.sharable(source));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(shared.consumer()));
    tc.run(() -> {
      source.emit(1);
      source.emit(null);
      source.emit(3);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(1, probe.failures.size(), "failed once");
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertEquals("a stream item must not be null", probe.failures.get(0).getMessage());
      assertEquals(0, probe.ends);
    });
  }

  /** Enough consumers made and let go that holding on to them would show. */
  private static final int MANY = 20_000;

  /** Consumers the sharer holds on to, read on the context. */
  private static int held(SharableStream<Integer> shared) {
    return ((SharableStreamImpl<Integer>) shared).consumerCount();
  }

  /** Nothing but {@code ref} reaches its object: a few collections clear it. */
  private static void assertCollected(WeakReference<?> ref) {
    for (int attempt = 0; attempt < 20 && ref.get() != null; attempt++) {
      System.gc();
    }
    assertNull(ref.get(), "a consumer let go of is still reachable");
  }

  /**
   * Regression (found by the long search once chains were built off the context): a consumer made
   * off the context is filed when its handler is set and signalled again when its registration,
   * carried onto the context, runs; after the source failed, its failure came twice, the second
   * to the context.
   */
  @Test
  void aConsumerMadeOffTheContextFailsOnce() {
    IllegalStateException cause = new IllegalStateException("source failure");
    Probe<Integer> probe = new Probe<>(tc);
    List<Throwable> reported = new ArrayList<>();
    tc.run(() -> tc.context.exceptionHandler(reported::add));
    tc.buildOffContextThenUse(
        () -> Aiter.fromIterator(tc.context, Sources.counting(List.<Integer>of(), cause)).sharable().consumer(),
        probe::attach);
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      tc.context.exceptionHandler(null);
      assertEquals(List.of(cause), probe.failures);
      assertEquals(List.of(), reported, "reported to the context");
    });
  }

  /** After consumers were let go, a new one still gets every item, including one already pulled. */
  private static void assertTheItemInHandGoesToTheNextConsumer(PushStream<Integer> source, SharableStream<Integer> shared) {
    source.push(1); // asked for by a consumer since let go: in hand now
    tc.settle();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(shared.consumer()));
    source.push(2, 3);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(1, held(shared), "the one consumer with a handler");
    });
    source.stop();
    probe.awaitTerminal();
    tc.run(() -> {
      probe.assertEndedOnce();
      assertEquals(0, held(shared), "an ended consumer is let go");
    });
  }
}

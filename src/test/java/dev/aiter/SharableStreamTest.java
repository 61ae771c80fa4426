package dev.aiter;

import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
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
}

package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.impl.ForkStreamImpl;
import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Aiter.forker} and its forks: the seed's two tests, passive forks, stop, and memory. */
class ForkStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  // ------------------------------------------------------------------ aiter's test_aiter_forker

  @Test
  void aForkStartsWhereItsParentStood() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3, 4, 5);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));

    assertEquals(List.of(1, 2, 3), take(tc, forker, 3));
    ForkStream<Integer> fork = tc.call(forker::fork);
    source.push(7, 8, 9, 10, 11, 12, 13);
    source.stop();

    List<Integer> expected = List.of(4, 5, 7, 8, 9, 10, 11, 12, 13);
    assertEquals(expected, takeAll(tc, forker));
    assertEquals(expected, takeAll(tc, fork));
  }

  @Test
  void twoWaitingForksNeitherBlocksTheOther() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> fork = tc.call(forker::fork);
    Probe<Integer> first = new Probe<>(tc);
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      forker.pause();
      fork.pause();
      first.attach(forker);
      second.attach(fork);
      forker.fetch(1);
      fork.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), first.items);
      assertEquals(List.of(), second.items);
    });

    source.push(1);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), first.items);
      assertEquals(List.of(1), second.items);
    });
  }

  // ------------------------------------------------------------------ beyond the seed

  @Test
  void aPassiveForkOnlySeesWhatActiveForksPulled() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 10), null);
    ForkStream<Integer> forker = tc.call(() -> Aiter.fromIterator(tc.context, source).forker());
    ForkStream<Integer> passive = tc.call(() -> forker.fork(false));
    Probe<Integer> watcher = new Probe<>(tc);
    tc.run(() -> {
      forker.pause();
      forker.handler(x -> { });
      watcher.attach(passive); // flowing: it would take everything if it pulled
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(0, source.taken(), "a passive fork pulls nothing");
      assertEquals(List.of(), watcher.items);
      forker.fetch(3);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(3, source.taken());
      assertEquals(range(1, 3), watcher.items, "it sees what the active fork pulled");
    });
  }

  @Test
  void stoppingAForkEndsItAtOnceAndReleasesWhatItHeld() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(range(1, 10).toArray(Integer[]::new));
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> lagging = tc.call(forker::fork);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      lagging.pause();
      probe.attach(lagging);
      lagging.fetch(2);
    });
    assertEquals(range(1, 8), take(tc, forker, 8));
    tc.run(() -> {
      assertEquals(range(1, 2), probe.items);
      assertEquals(6, retained(forker), "items 3..8 are kept for the lagging fork");
      lagging.stop();
      assertEquals(1, probe.ends, "the end handler ran within stop()");
      assertEquals(0, retained(forker), "nothing is kept for a stopped fork");
      lagging.fetch(5);
      lagging.stop();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 2), probe.items, "nothing after stop, whatever the demand");
      probe.assertEndedOnce();
    });
    source.stop();
    assertEquals(range(9, 10), takeAll(tc, forker), "the other forks go on");
  }

  @Test
  void stopFromAnotherThreadIsCarriedOntoTheContext() {
    PushStream<Integer> source = PushStream.create(tc.context);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(forker));
    forker.stop(); // this test thread is not the context's
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
  }

  @Test
  void forkOffTheContextIsRefused() {
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(PushStream.<Integer>create(tc.context)));
    IllegalStateException e = assertThrows(IllegalStateException.class, forker::fork);
    assertTrue(e.getMessage().contains("context"), e.getMessage());
  }

  @Test
  void aLaggingForkGetsItsItemsBeforeTheSourceFailure() {
    RuntimeException cause = new RuntimeException("boom");
    PushStream<Integer> source = PushStream.create(tc.context);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> lagging = tc.call(forker::fork);
    Probe<Integer> ahead = new Probe<>(tc);
    Probe<Integer> behind = new Probe<>(tc);
    tc.run(() -> {
      lagging.pause();
      ahead.attach(forker);
      behind.attach(lagging);
    });
    source.push(1, 2, 3);
    source.fail(cause);
    ahead.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 3), ahead.items);
      assertEquals(List.of(cause), ahead.failures);
      assertEquals(List.of(), behind.failures, "the lagging fork has items before the failure");
      lagging.resume();
    });
    behind.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 3), behind.items);
      assertEquals(List.of(cause), behind.failures);
      assertEquals(0, behind.ends);
    });
  }

  @Test
  void aForkOfAnEndedForkerEndsAtOnce() {
    ForkStream<Integer> forker = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)).forker());
    assertEquals(range(1, 3), takeAll(tc, forker));
    ForkStream<Integer> late = tc.call(forker::fork);
    assertEquals(List.of(), takeAll(tc, late));
  }

  @Test
  void forkingOnceEveryForkWasStoppedIsRefusedRatherThanHanging() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    tc.run(forker::stop); // the only fork: the forker lets go of the source
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tc.call(forker::fork));
    assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    assertEquals(3, source.size(), "the source keeps its items");
  }

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.forker(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }

  /**
   * The memory test: 200,000 items through a fast fork and a slow one that consumes in
   * bursts. What both have passed is not kept: the forker keeps exactly the gap between them, and
   * nothing once the slow one catches up or is stopped; what both passed is garbage.
   */
  @Test
  void aLongStreamThroughAFastAndASlowForkKeepsOnlyTheGap() {
    int total = 200_000;
    List<WeakReference<Item>> passedByBoth = new ArrayList<>();
    Iterator<Item> items = IntStream.range(0, total).mapToObj(i -> {
      Item item = new Item(i);
      if (i % 10_000 == 0 && i < 100_000) {
        passedByBoth.add(new WeakReference<>(item));
      }
      return item;
    }).iterator();
    ForkStream<Item> fast = tc.call(() -> Aiter.fromIterator(tc.context, items).forker());
    ForkStream<Item> slow = tc.call(fast::fork);
    Counter fastCount = new Counter(fast);
    Counter slowCount = new Counter(slow);

    // Checkpoints: the fast fork runs 10,000 ahead each step, the slow one follows in bursts of
    // 7,000, so the gap grows by 3,000 a step.
    for (int step = 1; step <= 10; step++) {
      fastCount.fetchAndWait(10_000);
      slowCount.fetchAndWait(7_000);
      long gap = fastCount.count - slowCount.count;
      assertEquals(3_000L * step, gap);
      assertEquals(gap, tc.call(() -> retained(fast)), "kept after step " + step);
    }

    slowCount.fetchAndWait(fastCount.count - slowCount.count);
    assertEquals(100_000, slowCount.count);
    assertEquals(0, tc.call(() -> retained(fast)), "nothing kept once the slow fork caught up");
    assertCollected(passedByBoth);

    fastCount.fetchAndWait(50_000);
    assertEquals(50_000, tc.call(() -> retained(fast)));
    tc.run(slow::stop);
    assertEquals(0, tc.call(() -> retained(fast)), "nothing kept for a stopped fork");

    fastCount.fetchAndWait(total - fastCount.count);
    assertEquals(total, fastCount.count);
    assertEquals(0, tc.call(() -> retained(fast)));
  }

  private static long retained(ForkStream<?> fork) {
    return ((ForkStreamImpl<?>) fork).retained();
  }

  /** The items of {@code refs} were released: only weak references remain. */
  private static void assertCollected(List<WeakReference<Item>> refs) {
    for (int attempt = 0; attempt < 20 && refs.stream().anyMatch(r -> r.get() != null); attempt++) {
      System.gc();
    }
    for (WeakReference<Item> ref : refs) {
      assertNull(ref.get(), "an item both forks passed is still reachable");
    }
  }

  /** An item that is not cached by the JVM (as small Integers are), so it can be collected. */
  private record Item(int value) {
  }

  /** A consumer that keeps no items, only their count, and takes them in bursts. */
  private static final class Counter {
    private final ForkStream<Item> fork;
    private long count;
    private long target;
    private int outOfOrder;
    private CompletableFuture<Void> reached = CompletableFuture.completedFuture(null);

    Counter(ForkStream<Item> fork) {
      this.fork = fork;
      tc.run(() -> {
        fork.pause();
        fork.handler(item -> {
          if (item.value() != count) {
            outOfOrder++;
          }
          count++;
          if (count == target) {
            reached.complete(null);
          }
        });
      });
    }

    /** Fetches {@code n} and waits until they came. */
    void fetchAndWait(long n) {
      tc.run(() -> {
        target = count + n;
        reached = new CompletableFuture<>();
        fork.fetch(n);
      });
      TestContext.await(tc.call(() -> reached));
      tc.settle();
      tc.run(() -> {
        assertEquals(target, count, "no more than fetched");
        assertEquals(0, outOfOrder, "items out of order");
      });
    }
  }

  /** Regression (issue 15, item 10): stop() while the fork rested ended it a timer later. */
  @Test
  void stopWhileTheForkRestsEndsItAtOnce() {
    ForkStream<Long> forker = tc.call(() -> Aiter.forker(
        Aiter.fromIterator(tc.context, java.util.stream.LongStream.range(0, 3_000_000_000L).iterator())));
    CompletableFuture<Integer> endsRightAfterStop = new CompletableFuture<>();
    int[] ends = {0};
    tc.run(() -> {
      forker.endHandler(v -> ends[0]++);
      forker.handler(x -> { });
      // The timer can fire only once the flowing fork rests and lets the event loop go.
      tc.vertx.setTimer(1, id -> {
        forker.stop();
        endsRightAfterStop.complete(ends[0]);
      });
    });
    assertEquals(1, TestContext.await(endsRightAfterStop), "the end handler ran inside stop()");
  }
  /**
   * A passive fork's handler pauses the forker while the forker is pulling its next item (the
   * passive fork gets that item first): the forker delivers nothing past the pause, and its later
   * demand is met exactly. It delivered the item anyway, leaving its demand at -1, so the next
   * fetch(1) was swallowed (found in review).
   */
  @Test
  void aSiblingPausingAForkInsideItsPullLeavesItsLaterDemandExact() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3);
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> passive = tc.call(() -> forker.fork(false));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      passive.handler(x -> {
        if (x == 1) {
          forker.pause();
        }
      });
      forker.pause();
      probe.attach(forker);
      forker.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items, "paused after the fetch: nothing goes out");
      forker.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      forker.fetch(1);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), probe.items));
  }

  /**
   * Every fork of a forker over a foreign stream stopped: the forker lets go of that stream
   * (contract 9), its handlers with it. The forker's own adopter was released, never closed, and
   * kept its handlers on the caller's stream for ever (found in review).
   */
  @Test
  void stoppingEveryForkLetsGoOfAForeignSource() {
    FakeStream<Integer> fake = new FakeStream<>();
    ForkStream<Integer> fork = tc.call(() -> Aiter.forker(fake));
    tc.settle();
    assertTrue(fake.hasHandler(), "the forker reads it");
    tc.run(fork::stop);
    tc.settle();
    assertFalse(fake.hasHandler(), "the forker let go of its source");
  }
}

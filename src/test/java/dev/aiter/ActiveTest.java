package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Aiter.active}: drains its source eagerly into a push stream, whoever consumes. */
class ActiveTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  @Test
  void drainsTheSourceWithNoConsumerThenDeliversItAll() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    PushStream<Integer> active = tc.call(() -> Aiter.fromIterator(tc.context, source).active());
    tc.settle();
    assertEquals(100, source.taken(), "drained before any handler was set");
    assertEquals(100, active.size());
    assertTrue(active.isStopped(), "the source's end came through");
    assertEquals(range(1, 100), takeAll(tc, active));
  }

  @Test
  void aSourceFailureCarriesThroughAfterTheItems() {
    RuntimeException cause = new RuntimeException("boom");
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 5), cause);
    PushStream<Integer> active = tc.call(() -> Aiter.fromIterator(tc.context, source).active());
    tc.settle();
    assertEquals(5, active.size());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(active));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 5), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
  }

  @Test
  void aSlowConsumerDoesNotSlowTheDraining() {
    PushStream<Integer> source = PushStream.create(tc.context);
    PushStream<Integer> active = tc.call(source::active);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      active.pause();
      probe.attach(active);
      active.fetch(1);
    });
    source.push(range(1, 50).toArray(Integer[]::new));
    tc.settle();
    assertEquals(0, source.size(), "the source is drained");
    assertEquals(49, active.size(), "what the consumer has not asked for waits in the active stream");
    tc.run(() -> assertEquals(List.of(1), probe.items));
  }

  @Test
  void stoppingTheActiveStreamReleasesTheSource() {
    PushStream<Integer> source = PushStream.create(tc.context);
    PushStream<Integer> active = tc.call(source::active);
    source.push(1, 2);
    tc.settle();
    assertEquals(0, source.size());
    active.stop();
    tc.settle();
    source.push(3, 4);
    tc.settle();
    assertEquals(2, source.size(), "items pushed after the stop stay with the source");
    assertFalse(source.isStopped(), "the source is not the active stream's to stop");
    assertEquals(range(1, 2), takeAll(tc, active), "the active stream delivers what it took, then ends");
    source.stop();
    assertEquals(range(3, 4), takeAll(tc, source), "a new consumer reads the rest");
  }

  /**
   * Stopped from another thread just after its source got an item (carried onto the context ahead
   * of the release the stop queued): the item is taken, not dropped, and goes out before the end.
   */
  @Test
  void anItemOnItsWayWhenStoppedFromAnotherThreadIsDelivered() {
    PushStream<Integer> source = PushStream.create(tc.context);
    PushStream<Integer> active = tc.call(source::active);
    tc.settle();
    source.push(1); // from this thread: on its way to the context
    active.stop();
    tc.settle();
    assertEquals(0, source.size());
    assertEquals(List.of(1), takeAll(tc, active), "taken before the release: delivered, then the end");
  }

  /** first() on an active stream lets go of the source once it has its item: nothing more is pulled. */
  @Test
  void aConsumerLettingGoOfTheActiveStreamReleasesTheSource() {
    PushStream<Integer> source = PushStream.create(tc.context);
    PushStream<Integer> active = tc.call(source::active);
    Future<Integer> first = tc.call(active::first);
    source.push(1);
    tc.settle();
    assertEquals(1, TestContext.await(first));
    source.push(2, 3);
    tc.settle();
    assertEquals(2, source.size(), "items pushed after first() stay with the source");
    assertEquals(0, active.size(), "the active stream took nothing more");
  }

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.active(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }

  /**
   * Stopped from another thread while its source delivers, over and over: whichever instruction
   * of the source's delivery the stop lands between, no item is lost (the items delivered are
   * 1, 2, 3, ... with no gap) and the stream ends. A stop landing between the active stream's
   * look at isStopped() and its push used to throw the item away.
   */
  @Test
  void anItemRacingAStopFromAnotherThreadIsNeverLost() {
    for (int round = 0; round < 40; round++) {
      AtomicInteger produced = new AtomicInteger();
      Iterator<Integer> endless = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public Integer next() {
          return produced.incrementAndGet();
        }
      };
      PushStream<Integer> active = tc.call(() -> Aiter.fromIterator(tc.context, endless).active());
      while (produced.get() < 1000 + 37 * round) {
        Thread.onSpinWait();
      }
      active.stop();
      List<Integer> got = takeAll(tc, active);
      assertTrue(got.size() >= 1000, "round " + round + ": " + got.size());
      assertEquals(range(1, got.size()), got, "round " + round + ": no item lost");
    }
  }

  /**
   * An active stream over a foreign stream, stopped, lets go of that stream (contract 9), its
   * handlers with it: its own adopter was released, never closed (found in review).
   */
  @Test
  void stoppingAnActiveStreamLetsGoOfAForeignSource() {
    FakeStream<Integer> fake = new FakeStream<>();
    PushStream<Integer> active = tc.call(() -> Aiter.active(fake));
    tc.settle();
    assertTrue(fake.hasHandler(), "it drains the source");
    tc.run(active::stop);
    tc.settle();
    assertFalse(fake.hasHandler(), "it let go of its source");
  }
}

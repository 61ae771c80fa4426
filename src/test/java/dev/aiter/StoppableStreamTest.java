package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Aiter.stoppable}: stop ends at once, stops pulling, and leaves the source to its owner. */
class StoppableStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  @Test
  void stopEndsAtOnceThoughDemandAndItemsWait() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(range(1, 10).toArray(Integer[]::new));
    StoppableStream<Integer> stoppable = tc.call(source::stoppable);
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 3) {
        stoppable.stop(); // flowing, with seven items waiting
      }
    });
    tc.run(() -> probe.attach(stoppable));
    tc.run(() -> {
      assertEquals(range(1, 3), probe.items);
      assertEquals(1, probe.ends, "the end handler ran within stop()");
      stoppable.fetch(5);
      stoppable.resume();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 3), probe.items, "nothing after stop");
      probe.assertEndedOnce();
    });
  }

  @Test
  void stopLeavesAPushSourceUsable() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(range(1, 10).toArray(Integer[]::new));
    StoppableStream<Integer> stoppable = tc.call(source::stoppable);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      stoppable.pause();
      probe.attach(stoppable);
      stoppable.fetch(4);
    });
    tc.settle();
    tc.run(() -> {
      stoppable.stop();
      stoppable.fetch(10);
    });
    tc.settle();
    assertEquals(6, source.size(), "the source is no longer pulled");
    assertFalse(source.isStopped(), "nor stopped: it is the caller's");
    source.push(11);
    source.stop();
    assertEquals(range(5, 11), takeAll(tc, source), "a new consumer reads the rest");
    tc.run(() -> {
      assertEquals(range(1, 4), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void stopStopsPullingAnIteratorSource() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    StoppableStream<Integer> stoppable = tc.call(() -> Aiter.fromIterator(tc.context, source).stoppable());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      stoppable.pause();
      probe.attach(stoppable);
      stoppable.fetch(5);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(5, source.taken());
      stoppable.stop();
      stoppable.resume();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(5, source.taken(), "not pulled after stop");
      assertEquals(range(1, 5), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void stopFromAnotherThreadIsCarriedOntoTheContext() {
    PushStream<Integer> source = PushStream.create(tc.context);
    StoppableStream<Integer> stoppable = tc.call(source::stoppable);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stoppable));
    source.push(1, 2);
    tc.settle();
    stoppable.stop(); // this test thread is not the context's
    probe.awaitTerminal();
    source.push(3);
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 2), probe.items);
      probe.assertEndedOnce(); // also: the end handler ran on the context
    });
    assertEquals(1, source.size());
  }

  @Test
  void stopTwiceIsHarmless() {
    PushStream<Integer> source = PushStream.create(tc.context);
    StoppableStream<Integer> stoppable = tc.call(source::stoppable);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(stoppable);
      stoppable.stop();
      stoppable.stop();
    });
    stoppable.stop();
    tc.settle();
    tc.run(probe::assertEndedOnce);
  }

  @Test
  void stopAfterTheEndDoesNothing() {
    StoppableStream<Integer> stoppable = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)).stoppable());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stoppable));
    probe.awaitTerminal();
    tc.run(stoppable::stop);
    tc.settle();
    tc.run(() -> {
      assertEquals(range(1, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.stoppable(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }
}

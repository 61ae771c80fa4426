package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
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

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.active(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }
}

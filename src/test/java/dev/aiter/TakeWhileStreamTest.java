package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code takeWhile(p)}: items while p holds; the first that fails it ends the stream, undelivered. */
class TakeWhileStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void itemsWhileThePredicateHoldsThenTheEndAndUpstreamIsLetGoOf() {
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1, 2, 3, 10, 4, 5), null));
    assertEquals(List.of(1, 2, 3), takeAll(tc, tc.call(() -> source.takeWhile(x -> x < 5))));
    assertEquals(2, source.size(), "4 and 5 were never pulled");
  }

  @Test
  void theItemThatEndsItIsNotDeliveredAndNothingAfterIt() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> small = tc.call(() -> Aiter.of(tc.context, fake).takeWhile(x -> x < 5));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(small);
      fake.emit(1);
      fake.emit(7);
      fake.emit(2); // a source that ignores the pause: nobody listens any more
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals("pause", fake.calls().get(fake.calls().size() - 1), "no longer pulled");
  }

  @Test
  void aSourceThatEndsFirstEndsIt() {
    assertEquals(range(1, 4), takeAll(tc, tc.call(() -> Aiter.fromIterable(tc.context, range(1, 4)).takeWhile(x -> true))));
  }

  @Test
  void aThrowingPredicateFailsTheStream() {
    RuntimeException bug = new RuntimeException("predicate");
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.fromIterable(tc.context, range(1, 5)).takeWhile(x -> {
      if (x == 3) {
        throw bug;
      }
      return true;
    })));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(bug, probe.failures.get(0));
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "predicate", () -> source.takeWhile((Predicate<Integer>) null));
  }
}

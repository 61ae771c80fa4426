package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code skip(n)}: the rest after n, asked on top of the first demand, then one for one. */
class SkipStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void allButTheFirstN() {
    assertEquals(range(4, 10), takeAll(tc, tc.call(() -> Aiter.fromIterable(tc.context, range(1, 10)).skip(3))));
    assertEquals(range(1, 10), takeAll(tc, tc.call(() -> Aiter.fromIterable(tc.context, range(1, 10)).skip(0))));
    assertEquals(List.of(), takeAll(tc, tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)).skip(5))));
  }

  @Test
  void theSkippedItemsAreAskedOnTopOfTheFirstDemandThenOneForOne() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> rest = tc.call(() -> Aiter.of(tc.context, fake).skip(3));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      rest.pause();
      probe.attach(rest);
      rest.fetch(2);
    });
    tc.settle();
    assertEquals(List.of(5L), fake.fetches());
    tc.run(() -> {
      for (int i = 1; i <= 5; i++) {
        fake.emit(i);
      }
      rest.fetch(1);
    });
    tc.settle();
    assertEquals(List.of(5L, 1L), fake.fetches());
    tc.run(() -> assertEquals(List.of(4, 5), probe.items));
  }

  @Test
  void aPauseWhileSkippingAsksAgainForTheItemsStillToSkip() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> rest = tc.call(() -> Aiter.of(tc.context, fake).skip(3));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      rest.pause();
      probe.attach(rest);
      rest.fetch(1);
      fake.emit(1);
      rest.pause();
      rest.fetch(1);
    });
    tc.settle();
    assertEquals(List.of(4L, 3L), fake.fetches(), "1 + 3, then 1 + the 2 still to skip");
    tc.run(() -> {
      fake.emit(2);
      fake.emit(3);
      fake.emit(4);
      assertEquals(List.of(4), probe.items);
    });
  }

  @Test
  void pacedTheSourceIsTakenOnlyAsFarAsDelivered() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 20), null);
    Aiter<Integer> rest = tc.call(() -> Aiter.fromIterator(tc.context, source).skip(5));
    assertEquals(List.of(6, 7), take(tc, rest, 2));
    assertEquals(7, tc.call(source::taken));
  }

  @Test
  void aFailureWhileSkippingFailsTheStream() {
    RuntimeException cause = new RuntimeException("source");
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Sources.pushed(tc, List.of(1, 2), cause).skip(3)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(List.of(cause), probe.failures);
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "n", () -> source.skip(-1));
  }
}

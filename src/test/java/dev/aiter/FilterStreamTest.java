package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code filter}: order, the demand paid back for dropped items, failures, bad input. */
class FilterStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void keepsTheMatchingItemsInOrder() {
    Aiter<Integer> evens = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 20)).filter(x -> x % 2 == 0));
    assertEquals(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18, 20), takeAll(tc, evens));
  }

  @Test
  void theDemandOfEachDroppedItemIsAskedAgainSoTheConsumerGetsWhatItAskedFor() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 30), null);
    Aiter<Integer> multiplesOfThree = tc.call(() -> Aiter.fromIterator(tc.context, source).filter(x -> x % 3 == 0));
    assertEquals(List.of(3, 6, 9, 12), take(tc, multiplesOfThree, 4));
    assertEquals(12, tc.call(source::taken), "it took exactly what the four items needed");
  }

  @Test
  void paysBackOnePerDroppedItemWhenPacedAndNothingWhenFlowing() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> filtered = tc.call(() -> Aiter.of(tc.context, fake).filter(x -> x > 0));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      filtered.pause();
      probe.attach(filtered);
      filtered.fetch(2);
    });
    tc.settle();
    assertEquals(List.of(2L), fake.fetches());
    tc.run(() -> {
      fake.emit(-1);
      fake.emit(-2);
      fake.emit(5);
      fake.emit(-3);
      fake.emit(6);
    });
    tc.settle();
    assertEquals(List.of(2L, 1L, 1L, 1L), fake.fetches(), "one more for each of the three dropped");
    tc.run(() -> {
      assertEquals(List.of(5, 6), probe.items);
      filtered.resume();
      fake.emit(-4);
      fake.emit(7);
    });
    tc.settle();
    assertEquals(List.of(2L, 1L, 1L, 1L, Long.MAX_VALUE), fake.fetches(), "flowing: nothing to pay back");
    tc.run(() -> assertEquals(List.of(5, 6, 7), probe.items));
  }

  @Test
  void anItemDroppedWhilePausedIsNotPaidBack() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> filtered = tc.call(() -> Aiter.of(tc.context, fake).filter(x -> x > 0));
    tc.run(() -> {
      filtered.pause();
      filtered.handler(x -> { });
      filtered.fetch(1);
      filtered.pause();
      fake.emit(-1); // delivered after a pause the source had not yet seen
    });
    tc.settle();
    assertEquals(List.of(1L), fake.fetches(), "the consumer asks for nothing now");
  }

  @Test
  void aThrowingPredicateFailsTheStreamAfterTheItemsBeforeItAndLetsGoOfUpstream() {
    RuntimeException bug = new RuntimeException("predicate");
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, range(1, 6), null));
    Aiter<Integer> filtered = tc.call(() -> source.filter(x -> {
      if (x == 4) {
        throw bug;
      }
      return x != 2;
    }));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(filtered));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 3), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(bug, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
    assertEquals(2, source.size(), "5 and 6 stay in the source");
  }

  @Test
  void aSourceFailureComesAfterTheMatchingItemsBeforeIt() {
    RuntimeException cause = new RuntimeException("source");
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, range(1, 5), cause));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(source.filter(x -> x % 2 == 1)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 3, 5), probe.items);
      assertEquals(List.of(cause), probe.failures);
    });
  }

  @Test
  void anEndAfterDroppedItemsIsDelivered() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> filtered = tc.call(() -> Aiter.of(tc.context, fake).filter(x -> x > 0));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(filtered);
      fake.emit(-1);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    assertFalse(fake.hasHandler(), "upstream let go of");
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "predicate", () -> source.filter((Predicate<Integer>) null));
  }
}

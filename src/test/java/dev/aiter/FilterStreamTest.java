package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.impl.FilterStream;
import dev.aiter.impl.TakeStream;
import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

  /**
   * A take over a filter nobody has used takes its place: the consumer's handler is called from
   * one filter stage and no take stage, and the stream still ends after the nth matching item.
   */
  @Test
  void aTakeOverAFilterRunsAsOneStage() {
    Probe<Integer> probe = new Probe<>(tc);
    List<List<String>> stagesOnTheStack = new ArrayList<>();
    probe.onItem(x -> stagesOnTheStack.add(Arrays.stream(new Throwable().getStackTrace())
        .filter(f -> f.getMethodName().equals("onItem")
            && (f.getClassName().equals(FilterStream.class.getName())
                || f.getClassName().equals(TakeStream.class.getName())))
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1))
        .collect(Collectors.toList())));
    tc.run(() -> probe.attach(Aiter.fromIterable(tc.context, range(1, 20)).filter(x -> x % 2 == 0).take(3)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(2, 4, 6), probe.items);
      probe.assertEndedOnce();
      assertEquals(Collections.nCopies(3, List.of("FilterStream")), stagesOnTheStack);
    });
  }

  /**
   * filter then take in one stage asks upstream exactly as the two stages do, fetch for fetch: never
   * beyond what the take still wants, plus each dropped item again; paused at the nth item.
   */
  @Test
  void aFilterThenTakeInOneStageAsksUpstreamAsTheTwoStagesDo() {
    List<Object> oneStage = scriptedTake(filter -> filter.take(3));
    List<Object> twoStages = scriptedTake(filter -> new TakeStream<>(tc.context, filter, 3));
    assertEquals(twoStages, oneStage);
    assertEquals(List.of(4, 5, 6), oneStage.get(0), "the first three positive items");
  }

  /**
   * The same over a source that delivers inside {@code fetch} (the dropped items are then asked
   * again once the fetch returns): as many elements taken after each request, one stage or two.
   */
  @Test
  void overASourceThatDeliversInsideFetchTheOneStageTakesWhatTheTwoStagesTake() {
    List<Object> oneStage = scriptedTakeOverAnIterator(filter -> filter.take(4));
    List<Object> twoStages = scriptedTakeOverAnIterator(filter -> new TakeStream<>(tc.context, filter, 4));
    assertEquals(twoStages, oneStage);
    assertEquals(List.of(1, 2, 3, 4), oneStage.get(0));
  }

  /** Drives {@code take} over a filter of an iterator: the items, then the elements taken after each step. */
  private List<Object> scriptedTakeOverAnIterator(Function<Aiter<Integer>, Aiter<Integer>> take) {
    Sources.CountingIterator<Integer> source = Sources.counting(List.of(-1, -2, 1, -3, 2, -4, -5, 3, -6, 4, 5, 6), null);
    Probe<Integer> probe = new Probe<>(tc);
    List<Long> taken = new ArrayList<>();
    tc.run(() -> {
      Aiter<Integer> stage = take.apply(Aiter.fromIterator(tc.context, source).filter(x -> x > 0));
      stage.pause();
      probe.attach(stage);
      for (long n : new long[] {1, 2, 10}) {
        stage.fetch(n);
        taken.add(source.taken());
      }
    });
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    return List.of(probe.items, taken);
  }

  /**
   * A predicate that throws in filter-then-take as one stage fails the stage, and the filter it
   * took the place of, whose predicate it is: as in a chain, where the filter fails first.
   */
  @Test
  void aThrowingPredicateInOneStageFailsTheFilterTakenOverToo() {
    RuntimeException bug = new RuntimeException("predicate");
    Aiter<Integer> filtered = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 10)).filter(x -> {
      if (x == 3) {
        throw bug;
      }
      return true;
    }));
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> first.attach(filtered.take(5)));
    first.awaitTerminal();
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      assertEquals(List.of(1, 2), first.items);
      assertEquals(List.of(bug), first.failures);
      second.attach(filtered);
    });
    second.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), second.items, "the filter failed; it reads nothing more");
      assertEquals(List.of(bug), second.failures);
    });
  }

  /** Drives {@code take} over {@code Aiter.of(fake).filter(x > 0)}: the items, then upstream's calls. */
  private List<Object> scriptedTake(Function<Aiter<Integer>, Aiter<Integer>> take) {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> taken = take.apply(Aiter.of(tc.context, fake).filter(x -> x > 0));
      taken.pause();
      probe.attach(taken);
      taken.fetch(2);
      fake.emit(-1);
      fake.emit(4);
      taken.fetch(10);
      taken.pause();
      fake.emit(-2); // after a pause the source had not yet seen
      taken.resume();
      fake.emit(-3);
      fake.emit(5);
      fake.emit(6);
      fake.emit(7); // a source that ignores the pause: nobody listens any more
    });
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    List<String> calls = fake.calls();
    assertEquals("pause", calls.get(calls.size() - 1), "upstream paused at the nth item");
    return List.of(probe.items, fake.fetches());
  }

  /**
   * The filter a take took the place of is consumed; once the take has its n items, the filter
   * reads upstream again, paused and free for another consumer, as after a take of its own.
   */
  @Test
  void theFilterATakeTookThePlaceOfIsConsumedThenFreeAgain() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> filtered = tc.call(() -> Aiter.of(tc.context, fake).filter(x -> x > 0));
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> {
      first.attach(filtered.take(2));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> filtered.map(x -> x));
      assertTrue(e.getMessage().contains("consumed by take; map cannot"), e.getMessage());
      fake.emit(1);
      fake.emit(-1);
      fake.emit(2);
    });
    first.awaitTerminal();
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      assertEquals(List.of(1, 2), first.items);
      first.assertEndedOnce();
      second.attach(filtered);
      filtered.resume(); // the take paused it when it let go
      fake.emit(-2);
      fake.emit(3);
      fake.end();
    });
    second.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(3), second.items);
      second.assertEndedOnce();
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "predicate", () -> source.filter((Predicate<Integer>) null));
  }
}

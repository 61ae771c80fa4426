package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code concat}: one source after another; a source is touched only once the one before ended. */
class ConcatStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void theSourcesOneAfterAnotherEachToItsEnd() {
    Aiter<Integer> all = tc.call(() -> Aiter.concat(
        Aiter.fromIterable(tc.context, range(1, 3)),
        Aiter.fromIterable(tc.context, List.of()),
        Sources.pushed(tc, range(4, 6), null),
        Aiter.fromIterable(tc.context, range(7, 9))));
    assertEquals(range(1, 9), takeAll(tc, all));
  }

  @Test
  void aSourceIsTouchedOnlyOnceTheOneBeforeItHasEndedAndGetsTheDemandLeft() {
    FakeStream<Integer> first = new FakeStream<>();
    FakeStream<Integer> second = new FakeStream<>();
    Aiter<Integer> all = tc.call(() -> Aiter.concat(first, second));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      all.pause();
      probe.attach(all);
      all.fetch(3);
    });
    tc.settle();
    assertEquals(List.of(), second.calls(), "nothing asked of the second source yet");
    assertFalse(second.hasHandler(), "no handler set on it yet");
    assertEquals(List.of(3L), first.fetches());
    tc.run(() -> {
      first.emit(1);
      first.end();
    });
    tc.settle();
    assertTrue(second.hasHandler());
    assertEquals(List.of(2L), second.fetches(), "the two the first did not give");
    tc.run(() -> {
      second.emit(2);
      second.emit(3);
      second.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aFlowingConsumerResumesEachSourceInTurn() {
    FakeStream<Integer> first = new FakeStream<>();
    FakeStream<Integer> second = new FakeStream<>();
    Aiter<Integer> all = tc.call(() -> Aiter.concat(List.of(first, second)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(all);
      first.emit(1);
      first.end();
      second.emit(2);
      second.end();
    });
    probe.awaitTerminal();
    tc.run(() -> assertEquals(List.of(1, 2), probe.items));
    assertEquals(List.of(Long.MAX_VALUE), second.fetches());
  }

  @Test
  void aForeignSourceDeliveringOnAnotherThreadIsCarriedOntoTheContextInOrder() {
    FakeStream<Integer> first = new FakeStream<>();
    FakeStream<Integer> second = new FakeStream<>();
    Aiter<Integer> all = tc.call(() -> Aiter.concat(List.of(first, second)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(all));
    ForeignThreads.run(() -> {
      for (int i = 1; i <= 100; i++) {
        first.emit(i);
      }
      first.end();
    });
    tc.settle();
    assertTrue(second.hasHandler(), "the second source is read once the first's end reached the context");
    ForeignThreads.run(() -> {
      second.emit(101);
      second.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, 101), probe.items);
      assertEquals(1, probe.ends);
      assertEquals(0, probe.offContext, "every handler ran on the context");
    });
    assertFalse(first.hasHandler(), "the first source was let go of");
  }

  @Test
  void aFailureFailsTheWholeStreamAndTheSourcesNotYetReachedStayUntouched() {
    RuntimeException cause = new RuntimeException("second");
    FakeStream<Integer> third = new FakeStream<>();
    Aiter<Integer> all = tc.call(() -> Aiter.concat(
        Aiter.fromIterable(tc.context, range(1, 2)),
        Sources.pushed(tc, List.of(3), cause),
        third));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(all));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
    assertEquals(List.of(), third.calls());
    assertFalse(third.hasHandler());
  }

  /**
   * A later source that failed with nothing to deliver hands its failure over as soon as it is
   * subscribed, from within the subscription: the stream fails once with it, and nothing else
   * (a NullPointerException of the source let go of meanwhile) reaches the context.
   */
  @Test
  void aLaterSourceHoldingAFailureFailsTheStreamOnceAsItIsReached() {
    RuntimeException cause = new RuntimeException("held");
    List<Throwable> reported = new ArrayList<>();
    Aiter<Integer> all = tc.call(() -> Aiter.concat(
        Aiter.fromIterable(tc.context, range(1, 2)),
        Sources.pushed(tc, List.of(), cause),
        Aiter.fromIterable(tc.context, range(3, 4))));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      tc.context.exceptionHandler(reported::add);
      probe.attach(all);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      tc.context.exceptionHandler(null);
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.ends);
      assertEquals(List.of(), reported, "nothing but the stream's failure");
    });
  }

  /**
   * Every source of ours is consumed when the concat is made, not when it is reached: a second
   * consumer of a later source fails at once, and a concat over a source already consumed (or
   * given twice) fails at once and consumes none of the others.
   */
  @Test
  void everySourceIsConsumedAtOnceAndAConcatThatCannotBeMadeConsumesNone() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 2)));
    Aiter<Integer> later = tc.call(() -> Aiter.fromIterable(tc.context, range(3, 4)));
    Aiter<Integer> all = tc.call(() -> Aiter.concat(first, later));
    IllegalStateException second = assertThrows(IllegalStateException.class, () -> later.map(x -> x));
    assertTrue(second.getMessage().contains("already consumed by concat"), second.getMessage());

    Aiter<Integer> free = tc.call(() -> Aiter.fromIterable(tc.context, range(5, 6)));
    Aiter<Integer> taken = tc.call(() -> Aiter.fromIterable(tc.context, range(7, 8)));
    Aiter<Integer> mapped = tc.call(() -> taken.map(x -> x));
    assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.concat(free, taken)));
    assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.concat(free, free)));
    assertEquals(range(1, 4), takeAll(tc, all));
    assertEquals(range(5, 6), takeAll(tc, tc.call(() -> free.map(x -> x))), "consumed by neither concat that failed");
    assertEquals(range(7, 8), takeAll(tc, mapped));
  }

  /** The sources a failed concat never reached are free again, untouched: they flow for the next consumer. */
  @Test
  void theSourcesNotReachedAreFreeAgainAfterAFailure() {
    RuntimeException cause = new RuntimeException("first");
    Aiter<Integer> later = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    Aiter<Integer> all = tc.call(() -> Aiter.concat(Sources.pushed(tc, List.of(0), cause), later));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(all));
    probe.awaitTerminal();
    tc.run(() -> assertEquals(List.of(cause), probe.failures));
    assertEquals(range(2, 4), takeAll(tc, tc.call(() -> later.map(x -> x + 1))));
  }

  /**
   * A source of ours on another context, which concat adopts, is free again once concat lets go
   * of it (first() stops concat): its next consumer reads on. It stayed claimed by concat's
   * adopter, its handlers set, and a second consumer was refused (found in review).
   */
  @Test
  void aSourceOnAnotherContextIsFreeAgainOnceConcatLetsGo() {
    io.vertx.core.Context[] made = new io.vertx.core.Context[1];
    ForeignThreads.run(() -> made[0] = tc.vertx.getOrCreateContext());
    io.vertx.core.Context other = made[0];
    PushStream<Integer> elsewhere = PushStream.create(other);
    elsewhere.push(1, 2, 3);
    Aiter<Integer> empty = tc.call(() -> Aiter.fromIterable(tc.context, List.<Integer>of()));
    io.vertx.core.Future<Integer> first = tc.call(() -> Aiter.concat(empty, elsewhere).first());
    assertEquals(1, TestContext.await(first.toCompletionStage().toCompletableFuture()));
    tc.settle();
    CompletableFuture<io.vertx.core.Future<Integer>> next = new CompletableFuture<>();
    other.runOnContext(v -> next.complete(elsewhere.first()));
    assertEquals(2, TestContext.await(TestContext.await(next).toCompletionStage().toCompletableFuture()));
  }

  @Test
  void tenThousandEmptySourcesKeepTheStackFlat() {
    List<ReadStream<Integer>> sources = new ArrayList<>(Collections.nCopies(10_000, null));
    Aiter<Integer> all = tc.call(() -> {
      for (int i = 0; i < sources.size(); i++) {
        sources.set(i, Aiter.fromIterable(tc.context, i == 5_000 ? List.of(42) : List.of()));
      }
      return Aiter.concat(sources);
    });
    assertEquals(List.of(42), takeAll(tc, all));
  }

  @Test
  void concatWithAppendsAnother() {
    Aiter<Integer> all = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 2)).concatWith(Sources.pushed(tc, List.of(3), null)));
    assertEquals(range(1, 3), takeAll(tc, all));
  }

  /**
   * Built off the context, a concat subscribes later, on the context; its first source is
   * consumed at once all the same, so that a second consumer of it fails at once (and a concat
   * over a source already consumed fails at once too).
   */
  @Test
  void builtOffTheContextItConsumesItsFirstSourceAtOnce() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    Aiter<Integer> all = Aiter.concat(first, tc.call(() -> Aiter.fromIterable(tc.context, range(4, 5))));
    IllegalStateException second = assertThrows(IllegalStateException.class,
        () -> first.map(x -> x));
    assertTrue(second.getMessage().contains("already consumed by concat"), second.getMessage());
    Aiter<Integer> other = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 2)));
    Aiter<Integer> mapped = other.map(x -> x);
    assertThrows(IllegalStateException.class, () -> Aiter.concat(other, first));
    assertEquals(range(1, 5), takeAll(tc, all));
    assertEquals(range(1, 2), takeAll(tc, mapped));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "sources", () -> Aiter.concat(List.<ReadStream<Integer>>of()));
    assertRejected(NullPointerException.class, "sources[1]", () -> Aiter.concat(source, null));
    assertRejected(NullPointerException.class, "sources", () -> Aiter.concat((List<ReadStream<Integer>>) null));
    assertRejected(NullPointerException.class, "other", () -> source.concatWith(null));
  }

  /**
   * An Aiter of a duplicate of the context, read by concat on the context, is still asked one item
   * at a time: a pause from the context reaches it only in a task, so letting it flow would fill
   * concat's queue (found in review, after event-bus streams were taken to deliver here).
   */
  @Test
  void anAiterOfADuplicateOfTheContextIsAskedOneItemAtATime() {
    Context duplicate = ((ContextInternal) tc.context).duplicate();
    Sources.CountingIterator<Integer> items = Sources.counting(range(1, 10_000), null);
    Aiter<Integer> onDuplicate = Aiter.fromIterator(duplicate, items);
    Aiter<Integer> concat = tc.call(() -> Aiter.concat(Aiter.fromIterable(tc.context, List.of(0)), onDuplicate));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 5) {
        concat.pause();
      }
    });
    tc.run(() -> probe.attach(concat));
    tc.settle(20);
    tc.run(() -> assertEquals(range(0, 5), probe.items));
    assertTrue(items.taken() <= 7, "taken of the source: " + items.taken());
  }
}

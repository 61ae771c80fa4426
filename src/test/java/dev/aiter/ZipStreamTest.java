package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.FakeStream;
import dev.aiter.support.PlainStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** {@code Aiter.zip}: the seed's test, the combiner form, its bounds, its end and its failures. */
class ZipStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  /** aiter's test_azip: three plain iterables; the result ends with the shortest. */
  @Test
  void zipsThreeIterablesUpToTheShortest() {
    List<String> letters = "abcdefgh".chars().mapToObj(c -> String.valueOf((char) c)).toList();
    List<Integer> numbers = range(0, 19);
    List<String> strings = numbers.stream().map(String::valueOf).toList();
    Aiter<List<Object>> zipped = tc.call(() -> Aiter.<Object>zip(
        Aiter.fromIterable(tc.context, letters),
        Aiter.fromIterable(tc.context, numbers),
        Aiter.fromIterable(tc.context, strings)));

    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      expected.add(List.of(letters.get(i), i, String.valueOf(i)));
    }
    assertEquals(expected, takeAll(tc, zipped));
  }

  @Test
  void twoStreamsWithACombiner() {
    Aiter<String> zipped = tc.call(() -> Aiter.fromIterable(tc.context, List.of("a", "b", "c"))
        .zipWith(Aiter.fromIterable(tc.context, range(1, 5)), (s, n) -> s + n));
    assertEquals(List.of("a1", "b2", "c3"), takeAll(tc, zipped));

    Aiter<Integer> sums = tc.call(() -> Aiter.zip(Aiter.fromIterable(tc.context, range(1, 4)),
        Aiter.fromIterable(tc.context, range(10, 13)), Integer::sum));
    assertEquals(List.of(11, 13, 15, 17), takeAll(tc, sums));
  }

  @Test
  void aPacedConsumerIsAskedForNoMoreThanOneItemPerSourceAhead() {
    List<Sources.CountingIterator<Integer>> sources = List.of(
        Sources.counting(range(1, 50), null),
        Sources.counting(range(101, 150), null),
        Sources.counting(range(201, 250), null));
    Aiter<List<Integer>> zipped = tc.call(() -> Aiter.zip(
        sources.stream().map(s -> Aiter.fromIterator(tc.context, s)).toList()));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> {
      zipped.pause();
      probe.attach(zipped);
    });
    for (int rounds : new int[] {1, 2, 5, 9, 20}) {
      tc.run(() -> zipped.fetch(rounds - probe.items.size()));
      tc.settle();
      tc.run(() -> {
        assertEquals(rounds, probe.items.size());
        for (Sources.CountingIterator<Integer> source : sources) {
          assertTrue(source.taken() <= rounds + 1, "pulled " + source.taken() + " for " + rounds + " rounds");
        }
      });
    }
  }

  @Test
  void aFastSourceIsNotDrainedWhileAnotherHasNothing() {
    Sources.CountingIterator<Integer> fast = Sources.counting(range(1, 1000), null);
    PushStream<String> slow = PushStream.create(tc.context);
    Aiter<String> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterator(tc.context, fast), slow, (n, s) -> s + n));
    Probe<String> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(zipped)); // flowing
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertTrue(fast.taken() <= 1, "pulled " + fast.taken() + " with no round possible");
    });
    slow.push("a", "b", "c");
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of("a1", "b2", "c3"), probe.items);
      assertTrue(fast.taken() <= 4, "pulled " + fast.taken() + " for 3 rounds");
    });
  }

  @Test
  void onceASourceEndsTheOthersAreReleasedAndKeepWhatTheyGetLater() {
    PushStream<Integer> other = PushStream.create(tc.context);
    other.push(1, 2, 3, 4, 5);
    Aiter<String> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterable(tc.context, List.of("a", "b")), other,
        (s, n) -> s + n));
    assertEquals(List.of("a1", "b2"), takeAll(tc, zipped));

    assertEquals(3, other.size(), "only what the rounds needed was taken");
    other.push(6, 7);
    assertEquals(5, other.size(), "pushes after the zip ended stay with the source");
    tc.settle();
    assertEquals(5, other.size(), "and nobody takes them");
    assertTrue(!other.isStopped(), "the source is not the zip's to stop");
    other.stop();
    assertEquals(range(3, 7), takeAll(tc, other), "a new consumer reads the rest");
  }

  @Test
  void aSourceFailureFailsTheZipOnce() {
    RuntimeException cause = new RuntimeException("boom");
    PushStream<Integer> failing = Sources.pushed(tc, range(1, 3), cause);
    PushStream<Integer> other = PushStream.create(tc.context);
    other.push(range(11, 20).toArray(Integer[]::new));
    Aiter<Integer> zipped = tc.call(() -> Aiter.zip(failing, other, Integer::sum));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(zipped));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(12, 14, 16), probe.items, "the failure waits behind the round of item 3");
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.ends);
    });
    other.push(21);
    tc.settle();
    assertEquals(8, other.size(), "the other source gave the 3 rounds' items and no more");
  }

  @Test
  void aCombinerThatThrowsFailsTheZip() {
    IllegalStateException bug = new IllegalStateException("combiner");
    Sources.CountingIterator<Integer> first = Sources.counting(range(1, 10), null);
    Aiter<Integer> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterator(tc.context, first),
        Aiter.fromIterable(tc.context, range(1, 10)), (a, b) -> {
          if (a == 3) {
            throw bug;
          }
          return a * b;
        }));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(zipped));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 4), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(bug, probe.failures.get(0));
      assertEquals(0, probe.ends);
      assertEquals(3, first.taken(), "not pulled after the failure");
    });
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    Aiter<Integer> a = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    assertNamed(IllegalArgumentException.class, "sources", () -> Aiter.zip());
    assertNamed(IllegalArgumentException.class, "sources", () -> Aiter.zip(List.of()));
    assertNamed(NullPointerException.class, "sources", () -> Aiter.zip((List<Aiter<Integer>>) null));
    assertNamed(NullPointerException.class, "sources", () -> Aiter.zip((Aiter<Integer>[]) null));
    assertNamed(NullPointerException.class, "sources[1]", () -> Aiter.zip(Arrays.asList(a, null)));
    assertNamed(NullPointerException.class, "sources[0]", () -> Aiter.zip(null, a));
    assertNamed(NullPointerException.class, "combiner", () -> Aiter.zip(a, a, null));
    assertNamed(NullPointerException.class, "first", () -> Aiter.zip(null, a, Integer::sum));
    assertNamed(NullPointerException.class, "second", () -> Aiter.zip(a, null, Integer::sum));
    assertNamed(NullPointerException.class, "second", () -> a.zipWith(null, Integer::sum));
  }

  private static void assertNamed(Class<? extends RuntimeException> type, String name, Executable call) {
    RuntimeException e = assertThrows(type, call);
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  // ------------------------------------------------------------------ issue 15

  @Test
  void theSameStreamTwiceIsRefusedAtOnce() {
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.zip(s, s)));
    assertTrue(e.getMessage().contains("already consumed by zip; zip cannot consume it too"), e.getMessage());
  }

  /** A zip that cannot be made consumes none of its sources: the ones before the refused one stay free. */
  @Test
  void aZipThatCannotBeMadeLeavesEverySourceFree() {
    Aiter<Integer> free = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    Aiter<Integer> taken = tc.call(() -> Aiter.fromIterable(tc.context, range(4, 6)));
    Aiter<Integer> mapped = tc.call(() -> taken.map(x -> x));
    assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.zip(free, taken)));
    assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.zip(List.of(free, free))));
    assertEquals(range(1, 3), takeAll(tc, tc.call(() -> free.map(x -> x))), "consumed by neither zip that failed");
    assertEquals(range(4, 6), takeAll(tc, mapped));
  }

  /** A zip over a source that already ended is over at once: it touches no source after it. */
  @Test
  void aZipOverAnEndedSourceLeavesTheSourcesAfterItUntouched() {
    PushStream<Integer> ended = PushStream.create(tc.context);
    ended.stop();
    tc.settle();
    FakeStream<Integer> later = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.zip(ended, later, (a, b) -> a + b)));
    tc.settle();
    tc.run(probe::assertEndedOnce);
    assertFalse(later.hasHandler(), "never subscribed");
  }

  /** A source that failed while an ended one is spent too fails the zip, whatever the order. */
  @Test
  void aFailedSourceWinsOverAnEndedOneSpentAtTheSameRound() {
    RuntimeException boom = new RuntimeException("boom");
    PushStream<Integer> a = PushStream.create(tc.context);
    PushStream<Integer> b = PushStream.create(tc.context);
    Aiter<Integer> z = tc.call(() -> Aiter.zip(a, b, (x, y) -> x + y));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      z.pause();
      probe.attach(z);
      z.fetch(1); // asks both sources for one item
      z.pause();
    });
    tc.run(() -> {
      a.push(1);
      a.stop();
      b.push(10);
      b.fail(boom);
    });
    tc.run(() -> z.fetch(1));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(11), probe.items);
      assertEquals(List.of(boom), probe.failures);
      assertEquals(0, probe.ends);
    });
  }

  /** Regression (item 7): a handler fetching from a zipped stage lost item 2 and the last round. */
  @Test
  void aHandlerFetchingFromAZippedStageLosesNothing() {
    Aiter<Integer> a = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> x));
    Aiter<Integer> b = tc.call(() -> Aiter.fromIterable(tc.context, List.of(10, 20, 30, 40)));
    Aiter<List<Integer>> zipped = tc.call(() -> Aiter.zip(a, b));
    Probe<List<Integer>> probe = new Probe<List<Integer>>(tc).onItem(round -> {
      if (round.get(0) == 1) {
        a.fetch(2);
      }
    });
    tc.run(() -> probe.attach(zipped));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(List.of(1, 10), List.of(2, 20), List.of(3, 30), List.of(4, 40)), probe.items);
      probe.assertEndedOnce();
    });
  }

  /** Regression (item 6): a combiner returning null lost its round silently. */
  @Test
  void aCombinerReturningNullFailsTheStream() {
    Aiter<Integer> a = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3)));
    Aiter<Integer> b = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3)));
    Aiter<Integer> zipped = tc.call(() -> Aiter.zip(a, b, (x, y) -> x == 2 ? null : x + y));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(zipped));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(2), probe.items);
      assertEquals(1, probe.failures.size());
      assertTrue(probe.failures.get(0) instanceof NullPointerException);
      assertEquals(0, probe.ends);
    });
  }
  /** A flowing consumer that pauses in its handler: the rounds stop there, none asked beyond it. */
  @Test
  void aConsumerPausingInItsHandlerIsAskedNoFurtherRound() {
    Sources.CountingIterator<Integer> first = Sources.counting(range(1, 50), null);
    Sources.CountingIterator<Integer> second = Sources.counting(range(101, 150), null);
    Aiter<Integer> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterator(tc.context, first),
        new PlainStream<>(Aiter.fromIterator(tc.context, second)), Integer::sum));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(sum -> {
      if (sum == 106) {
        zipped.pause();
      }
    });
    tc.run(() -> probe.attach(zipped)); // flowing
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(102, 104, 106), probe.items);
      assertEquals(3, first.taken(), "items taken of the first source");
      assertEquals(3, second.taken(), "items taken of the second source");
      zipped.fetch(2);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(102, 104, 106, 108, 110), probe.items));
  }

  /**
   * A round completed while the consumer was paused by code its asks ran (a source whose fetch
   * pauses the zip) waits, is delivered first when the consumer asks again, and nothing more is
   * asked meanwhile.
   */
  @Test
  void aRoundHeldUpWhileItWasAskedWaitsFirstInLine() {
    Sources.CountingIterator<Integer> first = Sources.counting(range(1, 10), null);
    boolean[] pauseOnNextCall = {false};
    List<Aiter<Integer>> zippedRef = new ArrayList<>();
    ReadStream<Integer> second = new PlainStream<>(Aiter.fromIterable(tc.context, range(101, 110)), () -> {
      if (pauseOnNextCall[0]) {
        pauseOnNextCall[0] = false;
        zippedRef.get(0).pause();
      }
    });
    Aiter<Integer> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterator(tc.context, first), second, Integer::sum));
    zippedRef.add(zipped);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      zipped.pause();
      probe.attach(zipped);
      zipped.fetch(3);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(102, 104, 106), probe.items);
      pauseOnNextCall[0] = true;
      zipped.resume(); // its next ask of the second source pauses the zip again
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(102, 104, 106), probe.items, "nothing delivered while paused");
      assertEquals(4, first.taken(), "the held round's item, and no more");
      zipped.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(102, 104, 106, 108), probe.items, "the held round first");
      assertEquals(4, first.taken(), "the held round answered the fetch: nothing asked beyond it");
      zipped.resume();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(102, 104, 106, 108, 110, 112, 114, 116, 118, 120), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * A 1 ms timer set as a flowing zip of two endless sources starts fires before a million rounds
   * have gone out (the rounds yield the event loop to timers), and the rounds go on when asked
   * again. The bound is a count, not a time.
   */
  @Test
  void aLongFlowingZipLetsATimerInAndGoesOnAfter() {
    CountingRange left = new CountingRange(3_000_000_000L);
    CountingRange right = new CountingRange(3_000_000_000L);
    long[] count = {0};
    long[] awaited = {-1};
    CompletableFuture<Long> atTimer = new CompletableFuture<>();
    CompletableFuture<Void> reached = new CompletableFuture<>();
    Aiter<Long> zipped = tc.call(() -> Aiter.zip(Aiter.fromIterator(tc.context, left),
        new PlainStream<>(Aiter.fromIterator(tc.context, right)), Long::sum));
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> {
        zipped.pause();
        atTimer.complete(count[0]);
      });
      zipped.handler(item -> {
        if (++count[0] == awaited[0]) {
          reached.complete(null);
        }
      });
    });
    long recorded = TestContext.await(atTimer);
    tc.settle();
    tc.run(() -> {
      assertTrue(recorded > 0, "the rounds had started");
      assertTrue(recorded < 1_000_000, "rounds out before the 1 ms timer ran: " + recorded);
      assertEquals(recorded, count[0], "nothing after the pause");
      awaited[0] = recorded + 5;
      zipped.fetch(5); // the zip may still rest: its rounds go on when its rest timer runs
    });
    TestContext.await(reached);
    tc.settle();
    tc.run(() -> assertEquals(recorded + 5, count[0], "five more rounds when asked, and no more"));
    assertTrue(left.taken() <= recorded + 6, "taken of the first source: " + left.taken());
    assertTrue(right.taken() <= recorded + 6, "taken of the second source: " + right.taken());
  }

  /**
   * A zip (of a list) of a passive fork and its forker: asking the forker brings the fork's item
   * too, within that ask, while the rounds are handed out. Every round goes out (found in review:
   * the zip looked at the fork before asking the forker, and stalled with a round in hand).
   */
  @Test
  void aZipOfAPassiveForkAndItsForkerHandsOutEveryRound() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3);
    source.stop();
    ForkStream<Integer> forker = tc.call(() -> Aiter.forker(source));
    ForkStream<Integer> passive = tc.call(() -> forker.fork(false));
    Aiter<List<Integer>> zipped = tc.call(() -> Aiter.zip(List.of(passive, forker)));
    Probe<List<Integer>> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(zipped));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(List.of(1, 1), List.of(2, 2), List.of(3, 3)), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * A consumer that stops the zip in its handler at the round that held a failed source's last
   * item hears nothing more, and nothing goes to the context: a stopped stream drops its end or
   * failure (found in review: the failure came after the round and was reported to the context).
   */
  @Test
  void aFailureBehindTheRoundAConsumerStoppedAtIsNotReported() {
    List<Throwable> reported = new ArrayList<>();
    FakeStream<Integer> failing = new FakeStream<>();
    CompletableFuture<Integer> first = new CompletableFuture<>();
    tc.run(() -> {
      tc.context.exceptionHandler(reported::add);
      Aiter<Integer> zipped = Aiter.zip(failing, Aiter.fromIterable(tc.context, List.of(10, 20)), Integer::sum);
      failing.emit(1);
      failing.fail(new IllegalStateException("boom"));
      zipped.first().onComplete(r -> first.complete(r.succeeded() ? r.result() : -1));
    });
    assertEquals(11, TestContext.await(first));
    tc.settle();
    tc.run(() -> {
      tc.context.exceptionHandler(null);
      assertEquals(List.of(), reported, "nothing reported to the context");
    });
  }
}

package dev.aiter;

import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.EagerRange;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.PlainStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Aiter.join} and {@code flatMap}: the seed's two tests, demand, contexts, end, failure. */
class JoinStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();


  private static <T extends Comparable<T>> List<T> sorted(List<T> items) {
    List<T> copy = new ArrayList<>(items);
    Collections.sort(copy);
    return copy;
  }

  // ------------------------------------------------------------------ aiter's test_join_aiters

  @Test
  void joinsTwoSourcesKeepingEachOnesOrder() {
    List<Character> letters = "abcdefg".chars().mapToObj(c -> (char) c).toList();
    Aiter<Object> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, List.<Aiter<?>>of(
        Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)),
        Aiter.fromIterable(tc.context, letters)))));

    List<Object> all = takeAll(tc, joined);
    assertEquals(11, all.size(), all.toString());
    assertEquals(List.of(1, 2, 3, 4), all.stream().filter(x -> x instanceof Integer).toList());
    assertEquals(letters, all.stream().filter(x -> x instanceof Character).toList());
  }

  @Test
  @SuppressWarnings("unchecked") // push(a, b) of generic streams: the array is only read
  void nothingIsDroppedWhenManyEventsArriveAtOnce() {
    PushStream<PushStream<Integer>> outer = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(outer));
    List<PushStream<Integer>> children = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      children.add(PushStream.create(tc.context));
    }

    children.get(0).push(100);
    outer.push(children.get(0));
    assertEquals(List.of(100), take(tc, joined, 1));

    children.get(0).push(101);
    children.get(1).push(200, 201);
    outer.push(children.get(1));
    assertEquals(List.of(101, 200, 201), sorted(take(tc, joined, 3)));

    outer.push(children.get(2), children.get(3), children.get(4));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      children.get(i).push((i + 1) * 100, (i + 1) * 100 + 1);
      expected.add((i + 1) * 100);
      expected.add((i + 1) * 100 + 1);
    }
    assertEquals(expected, sorted(take(tc, joined, 10)));

    children.get(4).push(5000);
    outer.stop();
    assertEquals(List.of(5000), take(tc, joined, 1));

    for (PushStream<Integer> child : children) {
      child.push(99);
      child.stop();
    }
    assertEquals(Collections.nCopies(5, 99), takeAll(tc, joined));
  }

  // ------------------------------------------------------------------ beyond the seed

  @Test
  void aPausedConsumerStopsEveryInnerStream() {
    int inners = 4;
    int perInner = 100;
    List<PushStream<Integer>> sources = new ArrayList<>();
    for (int i = 0; i < inners; i++) {
      PushStream<Integer> source = PushStream.create(tc.context);
      for (int k = 0; k < perInner; k++) {
        source.push(i * 1000 + k);
      }
      sources.add(source);
    }
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, sources)));
    Probe<Integer> probe = new Probe<>(tc);
    probe.onItem(x -> {
      if (probe.items.size() % 25 == 0) {
        joined.pause(); // from inside the handler, every 25 items
      }
    });
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
    });
    tc.settle();
    for (PushStream<Integer> source : sources) {
      assertEquals(perInner, source.size(), "nothing is taken before the consumer asks");
    }

    for (int round = 1; round <= 8; round++) {
      tc.run(joined::resume); // runs until the handler pauses again
      tc.settle();
      int expected = 25 * round;
      tc.run(() -> {
        assertEquals(expected, probe.items.size());
        for (int i = 0; i < inners; i++) {
          int inner = i;
          long delivered = probe.items.stream().filter(x -> x / 1000 == inner).count();
          long gave = perInner - sources.get(i).size();
          assertTrue(gave <= delivered + 1, "paused, inner " + i + " gave " + gave + " for " + delivered + " delivered");
        }
      });
    }

    sources.forEach(PushStream::stop);
    tc.run(() -> {
      probe.onItem(x -> { });
      joined.resume();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(inners * perInner, probe.items.size());
      for (int i = 0; i < inners; i++) {
        int inner = i;
        assertEquals(range(inner * 1000, inner * 1000 + perInner - 1),
            probe.items.stream().filter(x -> x / 1000 == inner).toList(), "inner " + i + "'s order");
      }
      probe.assertEndedOnce();
    });
  }

  @Test
  void aPacedConsumerTakesAtMostOneItemPerInnerAhead() {
    List<PushStream<Integer>> sources = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PushStream<Integer> source = PushStream.create(tc.context);
      for (int k = 0; k < 50; k++) {
        source.push(i * 1000 + k);
      }
      source.stop();
      sources.add(source);
    }
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, sources)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
    });
    for (int delivered : new int[] {1, 2, 7, 30, 100}) {
      tc.run(() -> joined.fetch(delivered - probe.items.size()));
      tc.settle();
      tc.run(() -> {
        assertEquals(delivered, probe.items.size());
        int gave = sources.stream().mapToInt(s -> 50 - s.size()).sum();
        assertTrue(gave <= delivered + sources.size(), "gave " + gave + " for " + delivered);
      });
    }
  }

  /** Inner streams that never end: a consumer asking one item at a time still reaches each in turn. */
  @Test
  void aConsumerAskingOneAtATimeReachesEveryInnerStreamInTurn() {
    List<PushStream<Integer>> sources = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PushStream<Integer> source = PushStream.create(tc.context);
      for (int k = 0; k < 10; k++) {
        source.push(i * 1000 + k);
      }
      sources.add(source); // never stopped: each could feed the consumer forever
    }
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, sources)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
    });
    for (int i = 0; i < 9; i++) {
      tc.run(() -> joined.fetch(1));
      tc.settle();
    }
    tc.run(() -> {
      assertEquals(9, probe.items.size());
      for (int i = 0; i < 3; i++) {
        int inner = i;
        long delivered = probe.items.stream().filter(x -> x / 1000 == inner).count();
        assertTrue(delivered >= 2, "inner " + i + " delivered " + delivered + " of " + probe.items);
      }
    });
  }

  /**
   * Inner streams delivering on another context (a stream of ours there, or a plain stream over
   * it): a paced consumer still takes at most one item per inner stream ahead. They flowed on
   * resume(), and each sent all it had before the pause reached it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ours", "plain"})
  void innerStreamsOnAnotherContextAreHeldToOneItemAheadEach(String kind) {
    List<Context> homes = new ArrayList<>();
    List<PushStream<Integer>> sources = new ArrayList<>();
    List<ReadStream<Integer>> inners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Context[] made = new Context[1];
      ForeignThreads.run(() -> made[0] = tc.vertx.getOrCreateContext());
      PushStream<Integer> source = PushStream.create(made[0]);
      for (int k = 0; k < 50; k++) {
        source.push(i * 1000 + k);
      }
      homes.add(made[0]);
      sources.add(source);
      inners.add(kind.equals("ours") ? source : new PlainStream<>(source));
    }
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, inners)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
    });
    for (int delivered : new int[] {1, 2, 7, 30}) {
      tc.run(() -> joined.fetch(delivered - probe.items.size()));
      for (int round = 0; round < 5; round++) { // every context's queue, through a few times
        for (Context home : homes) {
          CompletableFuture<Void> passed = new CompletableFuture<>();
          home.runOnContext(v -> passed.complete(null));
          TestContext.await(passed);
        }
        tc.settle();
      }
      tc.run(() -> {
        assertEquals(delivered, probe.items.size());
        int gave = sources.stream().mapToInt(s -> 50 - s.size()).sum();
        assertTrue(gave <= delivered + sources.size(), "gave " + gave + " for " + delivered);
      });
    }
  }

  /**
   * A plain inner stream that delivers inside each fetch(1) it is paced with: the next item is
   * asked after the call returns, not from inside the delivery, so the stack stays flat.
   */
  @Test
  void aPlainInnerStreamDeliveringInsideItsFetchDoesNotGrowTheStack() {
    int n = 200_000;
    Probe<Integer> probe = new Probe<Integer>(tc).countingStackDepth();
    tc.run(() -> probe.attach(Aiter.join(Aiter.fromIterable(tc.context, List.of(new EagerRange(n))))));
    probe.awaitTerminal();
    tc.run(() -> {
      probe.assertEndedOnce();
      assertEquals(n, probe.count);
      assertTrue(probe.deepestStack < 300, "frames on the stack at a delivery: " + probe.deepestStack);
    });
  }

  @Test
  void innerStreamsOnOtherContextsAreCarriedOntoTheJoins() {
    Context second = tc.vertx.getOrCreateContext(); // off any context: a new one
    try (TestContext otherVertx = new TestContext()) {
      PushStream<Integer> nearby = PushStream.create(second);
      PushStream<Integer> remote = PushStream.create(otherVertx.context);
      Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, List.of(nearby, remote))));
      // A paced consumer: each item asks for the next one.
      Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> joined.fetch(1));
      tc.run(() -> {
        joined.pause();
        probe.attach(joined);
        joined.fetch(1);
      });
      int n = 2000;
      second.runOnContext(v -> {
        range(1, n).forEach(nearby::push);
        nearby.stop();
      });
      otherVertx.run(() -> {
        range(1, n).forEach(x -> remote.push(-x));
        remote.stop();
      });
      probe.awaitTerminal();
      tc.run(() -> {
        assertEquals(range(1, n), probe.items.stream().filter(x -> x > 0).toList());
        assertEquals(range(1, n).stream().map(x -> -x).toList(), probe.items.stream().filter(x -> x < 0).toList());
        probe.assertEndedOnce(); // also: every handler ran on the join's context
      });
    }
  }

  @Test
  @SuppressWarnings("unchecked") // push(a, b) of generic streams: the array is only read
  void endsOnlyWhenTheOuterAndEveryInnerStreamEnded() {
    PushStream<PushStream<Integer>> outer = PushStream.create(tc.context);
    PushStream<Integer> a = PushStream.create(tc.context);
    PushStream<Integer> b = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(outer));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    outer.push(a, b);
    a.push(1);
    b.push(2);

    outer.stop();
    tc.settle();
    tc.run(() -> assertEquals(0, probe.ends, "the outer ended, the inners did not"));
    a.stop();
    tc.settle();
    tc.run(() -> assertEquals(0, probe.ends, "b has not ended"));
    b.push(3);
    b.stop();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), sorted(probe.items));
      probe.assertEndedOnce();
    });
  }

  @Test
  void innerStreamsEndingFirstWaitForTheOuter() {
    PushStream<PushStream<Integer>> outer = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(outer));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    PushStream<Integer> a = PushStream.create(tc.context);
    a.push(1, 2);
    a.stop();
    outer.push(a);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(0, probe.ends, "more inner streams may come");
    });
    PushStream<Integer> b = PushStream.create(tc.context);
    b.push(3);
    b.stop();
    outer.push(b);
    outer.stop();
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void anInnerFailureFailsTheJoinOnceAndReleasesTheOthers() {
    RuntimeException cause = new RuntimeException("inner");
    PushStream<Integer> failing = PushStream.create(tc.context);
    PushStream<Integer> other = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, List.of(failing, other))));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    failing.push(1, 2);
    other.push(10);
    tc.settle();
    failing.fail(cause);
    probe.awaitTerminal();
    other.push(11, 12);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 10), sorted(probe.items));
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.ends);
      assertEquals(0, probe.offContext);
    });
    assertEquals(2, other.size(), "the other inner stream is no longer pulled");
    assertTrue(!other.isStopped(), "nor stopped: it is the caller's");
  }

  @Test
  void anOuterFailureFailsTheJoinAfterTheItemsBeforeIt() {
    RuntimeException cause = new RuntimeException("outer");
    PushStream<PushStream<Integer>> outer = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(outer));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    PushStream<Integer> a = PushStream.create(tc.context);
    a.push(1, 2);
    outer.push(a);
    tc.settle();
    outer.fail(cause);
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.ends);
    });
  }

  /** aiter's tutorial: {@code join_aiters(map_aiter(f, server))}, a stream per connection. */
  @Test
  void flatMapReadsLikeTheTutorialsJoinOfMap() {
    PushStream<PushStream<String>> connections = PushStream.create(tc.context);
    Aiter<String> lines = tc.call(() -> connections.flatMap(connection -> connection.map(String::toUpperCase)));
    Probe<String> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(lines));

    PushStream<String> alice = PushStream.create(tc.context);
    PushStream<String> bob = PushStream.create(tc.context);
    connections.push(alice);
    alice.push("hello", "from");
    connections.push(bob);
    bob.push("hi");
    alice.push("alice");
    bob.push("bob");
    alice.stop();
    bob.stop();
    connections.stop();

    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(5, probe.items.size(), probe.items.toString());
      List<String> fromAlice = List.of("HELLO", "FROM", "ALICE");
      assertEquals(fromAlice, probe.items.stream().filter(fromAlice::contains).toList());
      assertEquals(List.of("HI", "BOB"), probe.items.stream().filter(s -> !fromAlice.contains(s)).toList());
      probe.assertEndedOnce();
    });
  }

  /** Regression (found by the Reactive Streams TCK, rule 1.9): a failure must not wait for demand. */
  @Test
  void anInnerFailureReachesAConsumerThatHasNotAskedYet() {
    RuntimeException cause = new RuntimeException("inner failed");
    PushStream<Integer> inner = tc.call(() -> PushStream.<Integer>create(tc.context));
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, List.of(inner))));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
      inner.fail(cause);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, inner.size());
    });
  }

  @Test
  void aNullSourceIsRefusedNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.join(null));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
    Aiter<Integer> items = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    NullPointerException f = assertThrows(NullPointerException.class, () -> items.flatMap(null));
    assertTrue(f.getMessage().contains("f"), f.getMessage());
  }

  // ------------------------------------------------------------------ issue 15, item 4

  /** Regression: a paused join took every inner stream of its outer stream, whatever the demand. */
  @Test
  void innerStreamsAreTakenFromTheOuterOnlyAsDemandReachesThem() {
    int n = 1_000_000;
    Sources.CountingIterator<Integer> outerSource = Sources.counting(IntStream.range(0, n).boxed().toList(), null);
    Aiter<Integer> joined = tc.call(() -> Aiter.fromIterator(tc.context, outerSource)
        .flatMap(x -> Aiter.fromIterable(tc.context, List.of(x, x))));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      joined.pause();
      probe.attach(joined);
      joined.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0), probe.items);
      assertTrue(outerSource.taken() <= 2, "took " + outerSource.taken() + " inner streams for one item");
      joined.fetch(4);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(5, probe.items.size());
      assertTrue(outerSource.taken() <= 6, "took " + outerSource.taken() + " inner streams for five items");
    });
  }

  /** Regression: flatMap flowing held every inner stream taken, and went quadratic. */
  @Test
  void aFlowingFlatMapHoldsNoMoreThanOneInnerStreamAhead() {
    int n = 200_000;
    Sources.CountingIterator<Integer> outerSource = Sources.counting(IntStream.range(0, n).boxed().toList(), null);
    long[] delivered = {0};
    long[] worst = {0};
    Aiter<Integer> chain = tc.call(() -> Aiter.fromIterator(tc.context, outerSource)
        .flatMap(x -> Aiter.fromIterable(tc.context, List.of(x)))
        .map(x -> x + 1));
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      chain.exceptionHandler(ended::completeExceptionally);
      chain.endHandler(v -> ended.complete(null));
      chain.handler(x -> {
        delivered[0]++;
        worst[0] = Math.max(worst[0], outerSource.taken() - delivered[0]);
      });
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(n, delivered[0]);
      assertTrue(worst[0] <= 1, "inner streams taken beyond those delivered: " + worst[0]);
    });
  }

  @Test
  void theSameStreamTwiceIsRefusedLoudly() {
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    Aiter<Integer> joined = tc.call(() -> Aiter.join(Aiter.fromIterable(tc.context, List.of(s, s))));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(1, probe.failures.size(), "failures: " + probe.failures);
      assertTrue(probe.failures.get(0) instanceof IllegalStateException, probe.failures.get(0).toString());
      assertTrue(probe.failures.get(0).getMessage().contains("one consumer"), probe.failures.get(0).getMessage());
    });
  }

  /**
   * An inner stream another consumer owns fails the join and stays that consumer's: the join used
   * to release it on its way out, stripping the other consumer's handlers.
   */
  @Test
  void anInnerStreamOfAnotherConsumerFailsTheJoinAndStaysItsOwn() {
    PushStream<Integer> inner = PushStream.create(tc.context);
    Probe<Integer> owner = new Probe<>(tc);
    tc.run(() -> owner.attach(inner.map(x -> x * 10)));
    PushStream<ReadStream<Integer>> outer = PushStream.create(tc.context);
    Aiter<Integer> joined = tc.call(() -> Aiter.join(outer));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(joined));
    outer.push(inner);
    probe.awaitTerminal();
    inner.push(1);
    tc.settle();
    tc.run(() -> {
      assertEquals(1, probe.failures.size(), "failures: " + probe.failures);
      assertTrue(probe.failures.get(0).getMessage().contains("already consumed by map"), probe.failures.get(0).getMessage());
      assertEquals(List.of(10), owner.items, "the owner still reads it");
    });
  }
}

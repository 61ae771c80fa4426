package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.mapFilter beyond the contract kit: filtering repays demand, long iterables stay lazy. */
class MapFilterStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /**
   * fetch(2) over [[], [], [1], [], [2, 3], [4]]: each empty list used a unit of demand, which is
   * asked of upstream again, so exactly [1, 2] come out; 3 stays in hand and [4] in the source.
   */
  @Test
  void theDemandOfEachDroppedItemIsAskedOfUpstreamAgain() {
    PushStream<List<Integer>> source = PushStream.create(tc.context);
    for (List<Integer> list : List.of(List.<Integer>of(), List.<Integer>of(), List.of(1), List.<Integer>of(),
        List.of(2, 3), List.of(4))) {
      source.push(list);
    }
    Probe<Integer> probe = new Probe<>(tc);
    Aiter<Integer> stream = tc.call(() -> source.mapFilter(list -> list));
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
      stream.fetch(2);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), probe.items, "and then it waits"));
    assertEquals(1, source.size(), "upstream pulled exactly 5");

    tc.run(() -> stream.fetch(1));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3), probe.items));
    assertEquals(1, source.size(), "3 came from the list in hand");

    tc.run(() -> stream.fetch(1));
    source.stop();
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3, 4), probe.items);
      probe.assertEndedOnce();
    });
  }

  /** A million elements from one upstream item go out one per unit of demand. */
  @Test
  void aLongIterableGoesOutOnePerUnitOfDemand() {
    int n = 1_000_000;
    CountingRange range = new CountingRange(n);
    Iterable<Long> once = () -> range;
    PushStream<Iterable<Long>> source = PushStream.create(tc.context);
    source.push(once);
    source.push(List.of(-1L));
    source.stop();
    Probe<Long> probe = new Probe<>(tc);
    Aiter<Long> stream = tc.call(() -> source.mapFilter(iterable -> iterable));
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
      stream.fetch(3);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(0L, 1L, 2L), probe.items));
    assertEquals(3, range.taken(), "the rest stays in hand, not taken");
    assertEquals(1, source.size(), "upstream pulled exactly 1");

    long[] next = {3};
    long[] outOfOrder = {0};
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      stream.handler(x -> {
        long expected = next[0] < n ? next[0] : -1L; // then the next upstream item
        if (x != expected) {
          outOfOrder[0]++;
        }
        next[0]++;
      });
      stream.endHandler(v -> ended.complete(null));
      stream.resume();
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(n + 1, next[0], "items");
      assertEquals(0, outOfOrder[0], "items out of order");
      assertEquals(List.of(), probe.failures);
    });
  }

  /** A null iterable fails the stream with an NPE naming the function; upstream is let go. */
  @Test
  void aFunctionReturningNullFailsTheStreamNamingTheFunction() {
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1, 2, 3), null));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(source.mapFilter(x -> x == 2 ? null : List.of(x))));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(1, probe.failures.size(), "failures");
      NullPointerException npe = assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertTrue(npe.getMessage().contains("mapFilter function"), npe.getMessage());
      assertEquals(0, probe.ends);
    });
    assertEquals(1, source.size(), "3 stays in the source: upstream is no longer pulled");
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "f",
        () -> Aiter.mapFilter(source, (Function<Integer, List<Integer>>) null));
    assertRejected(NullPointerException.class, "f",
        () -> source.mapFilter((Function<Integer, List<Integer>>) null));
    assertRejected(NullPointerException.class, "source",
        () -> Aiter.mapFilter((ReadStream<Integer>) null, x -> List.of(x)));
  }

  // ------------------------------------------------------------------ issue 15

  /** Regression (item 5): dropping a long run never let a 1 ms timer in until the run was over. */
  @Test
  void droppingALongRunYieldsTheEventLoop() {
    long n = 3_000_000;
    List<String> order = new ArrayList<>();
    Aiter<Long> kept = tc.call(() -> Aiter.fromIterator(tc.context, LongStream.range(0, n).iterator())
        .mapFilter(x -> x == n - 1 ? List.of(x) : List.<Long>of()));
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> order.add("timer"));
      kept.endHandler(v -> {
        order.add("end");
        ended.complete(null);
      });
      kept.handler(x -> order.add("item " + x));
    });
    TestContext.await(ended);
    tc.run(() -> assertEquals(List.of("timer", "item " + (n - 1), "end"), order));
  }

  /** Regression (item 6): a null element was skipped silently. */
  @Test
  void aNullElementFailsTheStream() {
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3))
        .mapFilter(x -> java.util.Arrays.asList(x, x == 2 ? null : -x)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(s));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, -1, 2), probe.items);
      assertEquals(1, probe.failures.size());
      assertTrue(probe.failures.get(0) instanceof NullPointerException);
      assertEquals(0, probe.ends);
    });
  }

  /** Regression (item 7): a handler fetching from mapFilter's upstream lost the items it got. */
  @Test
  void aHandlerFetchingFromTheUpstreamLosesNothing() {
    Aiter<Integer> up = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> x));
    Aiter<Integer> s = tc.call(() -> up.mapFilter(x -> List.of(x, -x)));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == -1) {
        up.fetch(2);
      }
    });
    tc.run(() -> probe.attach(s));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, -1, 2, -2, 3, -3, 4, -4), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Items a handler fetched from upstream wait while an iterable is in hand; upstream then ends.
   * They used to wait for ever (the stream ending stopped them, and the end waited behind them).
   */
  @Test
  void itemsFetchedByAHandlerStillGoOutWhenUpstreamEndsBehindThem() {
    Aiter<Integer> up = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3)).map(x -> x));
    Aiter<Integer> s = tc.call(() -> up.mapFilter(x -> x == 2 ? new LinkedList<>(List.of(x, -x)) : List.of(x, -x)));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == -1) {
        up.fetch(2); // 2 and 3 come now, and the end after them
      }
    });
    tc.run(() -> probe.attach(s));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, -1, 2, -2, 3, -3), probe.items);
      probe.assertEndedOnce();
    });
  }

  /** A null element met after upstream ended fails the stream: it used to end it cleanly. */
  @Test
  void aNullElementAfterUpstreamEndedFailsTheStreamInsteadOfEndingIt() {
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2))
        .mapFilter(x -> java.util.Arrays.asList(x, x == 2 ? null : -x)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(s));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, -1, 2), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(1, probe.failures.size());
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
    });
  }

  /** A failure while items a handler fetched wait: they are dropped and the failure goes out (it hung). */
  @Test
  void aFailureWhileFetchedItemsWaitDropsThemAndFails() {
    Aiter<Integer> up = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2, 3, 4)).map(x -> x));
    Aiter<Integer> s = tc.call(() -> up.mapFilter(x -> java.util.Arrays.asList(x, x == 1 ? null : -x)));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 1) {
        up.fetch(2);
      }
    });
    tc.run(() -> probe.attach(s));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(1, probe.failures.size());
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
    });
  }

  /**
   * Items a handler fetched wait behind the list in hand when upstream fails: they came before the
   * failure, so they go out first and the failure after them (contract 7). It hung: the items were
   * neither delivered nor dropped, and the failure waited behind them.
   */
  @Test
  void anUpstreamFailureBehindFetchedItemsComesAfterThem() {
    PushStream<Integer> up = tc.call(() -> PushStream.<Integer>create(tc.context));
    Aiter<Integer> s = tc.call(() -> up.mapFilter(x -> List.of(x, -x)));
    RuntimeException boom = new RuntimeException("boom");
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 1) {
        up.fetch(1); // 2 comes now, while -1 is still in hand
        up.fail(boom);
      }
    });
    tc.run(() -> {
      up.push(1, 2);
      probe.attach(s);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, -1, 2, -2), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(List.of(boom), probe.failures);
    });
  }

  /**
   * The elements of a list go out in one loop while a flowing consumer has demand: a consumer
   * pausing inside that loop gets no more (also when it pauses on the list's last element and the
   * next iterable is not a list read by index), and the rest comes one per unit of demand, in
   * order.
   */
  @Test
  void aConsumerPausingInsideAListGetsNothingMore() {
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, List.<List<Integer>>of(
        List.of(1, 2, 3), new LinkedList<>(List.of(4, 5)), List.of(6, 7, 8, 9))).mapFilter(list -> list));
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 3 || x == 7) {
        s.pause();
      }
    });
    tc.run(() -> probe.attach(s));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3), probe.items, "paused on the list's last element"));
    tc.run(() -> s.fetch(1));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3, 4), probe.items));
    tc.run(s::resume);
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), probe.items, "paused inside a list"));
    tc.run(() -> s.fetch(1));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), probe.items));
    tc.run(s::resume);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), probe.items);
      probe.assertEndedOnce();
    });
  }

  /** A long list handed to a flowing consumer in one loop still lets a 1 ms timer in before its end. */
  @Test
  void aLongListGoingOutInOneLoopYieldsTheEventLoop() {
    int n = 3_000_000;
    List<Integer> big = Collections.nCopies(n, 1);
    List<String> order = new ArrayList<>();
    int[] count = {0};
    // Another list follows, so the upstream is still open while the first one goes out.
    Aiter<Integer> s = tc.call(() -> Aiter.fromIterable(tc.context, List.of(big, List.of(1)))
        .mapFilter(list -> list));
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> order.add("timer after " + (count[0] == 0 ? "none" : count[0] < n ? "some" : "all")));
      s.endHandler(v -> {
        order.add("end after " + count[0]);
        ended.complete(null);
      });
      s.handler(x -> count[0]++);
    });
    TestContext.await(ended);
    tc.run(() -> assertEquals(List.of("timer after some", "end after " + (n + 1)), order));
  }
}

package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.fromIterable / fromIterator: lazy, yielding, failing in order, and where they run. */
class FromIterableTest {

  private static final long THREE_BILLION = 3_000_000_000L;

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void theIteratorIsAdvancedOnlyOnDemand() {
    CountingRange range = new CountingRange(THREE_BILLION);
    Probe<Long> probe = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Long> stream = Aiter.fromIterator(tc.context, range);
      stream.pause();
      probe.attach(stream);
      stream.fetch(5);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), probe.items);
      assertEquals(0, probe.ends);
    });
    assertEquals(5, range.taken(), "next() calls");
  }

  /**
   * A 1 ms timer set as a flowing three-billion-item emission starts fires before a million items
   * have gone out: the emission yields the event loop to timers. The bound is a count, not a time.
   */
  @Test
  void aLongFlowingRunLetsATimerIn() {
    CountingRange range = new CountingRange(THREE_BILLION);
    long[] count = {0};
    CompletableFuture<Long> atTimer = new CompletableFuture<>();
    Aiter<Long> stream = tc.call(() -> Aiter.fromIterator(tc.context, range));
    tc.run(() -> {
      tc.vertx.setTimer(1, id -> {
        stream.pause();
        atTimer.complete(count[0]);
      });
      stream.handler(item -> count[0]++);
    });
    long recorded = TestContext.await(atTimer);
    tc.settle();
    tc.run(() -> {
      assertTrue(recorded > 0, "the emission had started");
      assertTrue(recorded < 1_000_000, "items out before the 1 ms timer ran: " + recorded);
      assertEquals(recorded, count[0], "nothing after the pause");
    });
    assertEquals(recorded, range.taken(), "nothing taken beyond what went out");
  }

  @Test
  void nextThrowingFailsTheStreamWithThatExceptionAfterTheItemsBeforeIt() {
    RuntimeException cause = new RuntimeException("next broke");
    Sources.CountingIterator<Integer> iterator = Sources.counting(List.of(1, 2, 3), cause);
    Probe<Integer> probe = new Probe<>(tc);
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterator(tc.context, iterator));
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
      stream.fetch(3);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(List.of(), probe.failures, "next() is not called without demand");
      stream.fetch(1);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
  }

  @Test
  void hasNextThrowingFailsTheStreamWithThatExceptionAfterTheItemsBeforeIt() {
    IllegalStateException cause = new IllegalStateException("hasNext broke");
    Iterator<Integer> iterator = new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        if (next > 2) {
          throw cause;
        }
        return true;
      }

      @Override
      public Integer next() {
        return next++;
      }
    };
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.fromIterator(tc.context, iterator)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
  }

  /** The first hasNext() runs as the stream is made: its failure waits for the consumer. */
  @Test
  void hasNextThrowingAtOnceReachesTheConsumerAttachedAfterwards() {
    IllegalStateException cause = new IllegalStateException("hasNext broke at once");
    Iterator<Integer> iterator = new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw cause;
      }

      @Override
      public Integer next() {
        throw new AssertionError("next() without hasNext()");
      }
    };
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.fromIterator(tc.context, iterator)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.ends);
    });
  }

  /**
   * An iterable's iterator() is the user's code, as hasNext() is: what it throws fails the stream,
   * reported once to the consumer that attaches afterwards, instead of escaping from the factory.
   */
  @Test
  void anIterableWhoseIteratorThrowsFailsTheStreamWithThatException() {
    IllegalStateException cause = new IllegalStateException("iterator() broke");
    Iterable<Integer> broken = () -> {
      throw cause;
    };
    Probe<Integer> onContext = new Probe<>(tc);
    tc.run(() -> onContext.attach(Aiter.fromIterable(tc.context, broken)));
    Probe<Integer> ofVertx = new Probe<>(tc);
    Aiter<Integer> made = tc.call(() -> Aiter.fromIterable(tc.vertx, broken));
    tc.run(() -> ofVertx.attach(made));
    onContext.awaitTerminal();
    ofVertx.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      for (Probe<Integer> probe : List.of(onContext, ofVertx)) {
        assertEquals(List.of(), probe.items);
        assertEquals(List.of(cause), probe.failures);
        assertEquals(0, probe.ends);
      }
    });
  }

  /** An iterable whose iterator() returns null fails the stream with an error that says so. */
  @Test
  void anIterableWhoseIteratorIsNullFailsTheStreamSayingSo() {
    Iterable<Integer> broken = () -> null;
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.fromIterable(tc.context, broken)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(1, probe.failures.size(), "failures: " + probe.failures);
      assertTrue(probe.failures.get(0) instanceof NullPointerException, "failure: " + probe.failures.get(0));
      assertTrue(probe.failures.get(0).getMessage().contains("iterator()"), probe.failures.get(0).getMessage());
      assertEquals(0, probe.ends);
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    List<Integer> list = List.of(1);
    Iterator<Integer> iterator = list.iterator();
    assertRejected(NullPointerException.class, "vertx", () -> Aiter.fromIterable((Vertx) null, list));
    assertRejected(NullPointerException.class, "context", () -> Aiter.fromIterable((Context) null, list));
    assertRejected(NullPointerException.class, "iterable", () -> Aiter.fromIterable(tc.vertx, (Iterable<Integer>) null));
    assertRejected(NullPointerException.class, "iterable", () -> Aiter.fromIterable(tc.context, (Iterable<Integer>) null));
    assertRejected(NullPointerException.class, "vertx", () -> Aiter.fromIterator((Vertx) null, iterator));
    assertRejected(NullPointerException.class, "context", () -> Aiter.fromIterator((Context) null, iterator));
    assertRejected(NullPointerException.class, "iterator", () -> Aiter.fromIterator(tc.vertx, (Iterator<Integer>) null));
    assertRejected(NullPointerException.class, "iterator", () -> Aiter.fromIterator(tc.context, (Iterator<Integer>) null));
  }

  /** Made from the test thread with only a Vertx: it makes a context and runs all on it. */
  @Test
  void fromIterableOfVertxOffAnyContextMakesAContext() {
    assertEquals(null, Vertx.currentContext(), "this test runs off any context");
    Aiter<Long> stream = Aiter.fromIterable(tc.vertx, LongStream.range(0, 100).boxed().toList());
    List<Long> items = Collections.synchronizedList(new ArrayList<>());
    Set<Context> contexts = ConcurrentHashMap.newKeySet();
    Set<Boolean> onEventLoop = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    stream.endHandler(v -> {
      contexts.add(Vertx.currentContext());
      ended.complete(null);
    });
    stream.handler(item -> {
      contexts.add(Vertx.currentContext());
      onEventLoop.add(Context.isOnEventLoopThread());
      items.add(item);
    });
    TestContext.await(ended);
    assertEquals(LongStream.range(0, 100).boxed().toList(), items);
    assertEquals(1, contexts.size(), "one context for every handler");
    assertNotNull(contexts.iterator().next());
    assertEquals(Set.of(true), onEventLoop);
  }
}

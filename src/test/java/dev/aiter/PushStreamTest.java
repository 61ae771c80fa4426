package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PushStream: aiter's push_aiter, its failure, its threads, and its WriteStream side. */
class PushStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static <T> List<T> drainIterator(Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }

  /** The cause a Vert.x future failed with, waiting for it (with the usual timeout). */
  private static Throwable failureOf(Future<?> future) {
    CompletableFuture<Throwable> cause = new CompletableFuture<>();
    future.onComplete(ar -> cause.complete(ar.failed() ? ar.cause() : null));
    Throwable t = TestContext.await(cause);
    assertNotNull(t, "the future should have failed");
    return t;
  }

  // ------------------------------------------------------------------ aiter's own test

  @Test
  void portOfAitersTestPushAiter() {
    PushStream<Integer> q = PushStream.create(tc.context);
    assertEquals(0, q.size());
    q.push(5, 4);
    assertEquals(2, q.size());
    q.push(3);
    assertEquals(3, q.size());
    q.stop();
    assertTrue(q.isStopped());
    assertThrows(IllegalStateException.class, () -> q.push(2));

    assertEquals(List.of(5, 4, 3), drainIterator(q.availableIterator()));
    assertEquals(3, q.size(), "peeking consumes nothing");
    assertTrue(q.isItemAvailable());
    assertTrue(q.isLenAtLeast(3));
    assertFalse(q.isLenAtLeast(4));

    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(q));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(5, 4, 3), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals(0, q.size());
    assertFalse(q.isItemAvailable());
  }

  // ------------------------------------------------------------------ stop and fail

  @Test
  void failDeliversTheItemsBeforeItAsDemandAllowsThenTheCauseOnce() {
    PushStream<Integer> q = PushStream.create(tc.context);
    RuntimeException cause = new RuntimeException("source broke");
    q.push(1, 2);
    q.fail(cause);
    assertTrue(q.isStopped());
    assertEquals(2, q.size(), "the items before the failure are kept");

    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      q.pause();
      probe.attach(q);
      q.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(List.of(), probe.failures, "the failure waits behind item 2");
      q.fetch(1);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size(), "failures");
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends, "no end after a failure");
      assertEquals(0, probe.offContext);
    });
  }

  /**
   * A failure reached before anyone consumes waits for the consumer, as an end does (contract 6):
   * a stream failed on its context before a consumer or an operator is attached still reaches
   * that consumer, so a pipe or an operator chain built on it completes instead of hanging.
   */
  @Test
  void aFailureReachedBeforeTheConsumerAttachesReachesIt() {
    RuntimeException cause = new RuntimeException("failed before anyone listened");
    Probe<Integer> direct = new Probe<>(tc);
    Probe<Integer> throughMap = new Probe<>(tc);
    CompletableFuture<Throwable> pipe = new CompletableFuture<>();
    tc.run(() -> {
      PushStream<Integer> q1 = PushStream.create(tc.context);
      q1.fail(cause);
      direct.attach(q1);

      PushStream<Integer> q2 = PushStream.create(tc.context);
      q2.fail(cause);
      Aiter<Integer> mapped = q2.map(x -> x);
      throughMap.attach(mapped);

      PushStream<Integer> q3 = PushStream.create(tc.context);
      q3.fail(cause);
      q3.pipeTo(PushStream.create(tc.context)).onComplete(ar -> pipe.complete(ar.cause()));
    });
    direct.awaitTerminal();
    throughMap.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(cause), direct.failures);
      assertEquals(List.of(cause), throughMap.failures);
      assertEquals(0, direct.ends + throughMap.ends);
    });
    assertSame(cause, TestContext.await(pipe), "the pipe fails with the cause");
  }

  @Test
  void pushOrFailAfterStopOrFailThrowsAndStopTwiceIsHarmless() {
    PushStream<Integer> failed = PushStream.create(tc.context);
    failed.push(1);
    failed.fail(new RuntimeException("first"));
    assertThrows(IllegalStateException.class, () -> failed.push(2));
    assertThrows(IllegalStateException.class, () -> failed.push(2, 3));
    assertThrows(IllegalStateException.class, () -> failed.fail(new RuntimeException("second")));
    failed.stop(); // harmless: the failure stays
    assertEquals(1, failed.size(), "a refused push adds nothing");

    PushStream<Integer> stopped = PushStream.create(tc.context);
    stopped.push(1);
    stopped.stop();
    stopped.stop();
    assertThrows(IllegalStateException.class, () -> stopped.push(2));
    assertThrows(IllegalStateException.class, () -> stopped.fail(new RuntimeException("late")));
    assertEquals(1, stopped.size());

    Probe<Integer> onFailed = new Probe<>(tc);
    Probe<Integer> onStopped = new Probe<>(tc);
    tc.run(() -> {
      onFailed.attach(failed);
      onStopped.attach(stopped);
    });
    onFailed.awaitTerminal();
    onStopped.awaitTerminal();
    stopped.stop(); // after the end as well
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), onFailed.items);
      assertEquals("first", onFailed.failures.get(0).getMessage());
      assertEquals(1, onFailed.failures.size());
      assertEquals(0, onFailed.ends);
      assertEquals(List.of(1), onStopped.items);
      onStopped.assertEndedOnce();
    });
  }

  // ------------------------------------------------------------------ threads

  /**
   * Four plain threads push at once while the context consumes: flowing (batch 0), or paced from
   * the handler with fetch(1) or fetch(10). Every item comes exactly once and each thread's items
   * keep their order. Odd threads push pairs through the varargs form.
   */
  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {0, 1, 10})
  void fourThreadsPushingAtOnceLoseNothingAndKeepEachThreadsOrder(int batch) {
    int threads = 4;
    int perThread = 50_000;
    int tagBase = 1_000_000;
    PushStream<Integer> q = PushStream.create(tc.context);
    Probe<Integer> probe = new Probe<>(tc);
    if (batch > 0) {
      probe.onItem(item -> {
        if (probe.items.size() % batch == 0) {
          q.fetch(batch);
        }
      });
    }
    tc.run(() -> {
      if (batch > 0) {
        q.pause();
      }
      probe.attach(q);
      if (batch > 0) {
        q.fetch(batch);
      }
    });

    ForeignThreads.runTogether(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        if (t % 2 == 1 && i + 1 < perThread) {
          q.push(t * tagBase + i, t * tagBase + i + 1);
          i++;
        } else {
          q.push(t * tagBase + i);
        }
      }
    });
    q.stop();

    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(threads * perThread, probe.items.size(), "items");
      int[] next = new int[threads];
      for (int tagged : probe.items) {
        int t = tagged / tagBase;
        int i = tagged % tagBase;
        assertEquals(next[t], i, "thread " + t + "'s items in order, each once");
        next[t]++;
      }
      probe.assertEndedOnce();
    });
  }

  /**
   * Items pushed on the stream's own context (the lock-free path) are seen by queries from another
   * thread: size, and a snapshot in order; and an item pushed from another thread before a push on
   * the context is delivered before it.
   */
  @Test
  void queriesFromAnotherThreadSeePushesMadeOnTheContextAndOrderFollowsHappensBefore() {
    PushStream<Integer> q = PushStream.create(tc.context);
    q.push(1); // from this (foreign) thread
    tc.run(() -> q.push(2, 3)); // on the context, after it
    assertEquals(3, q.size());
    assertEquals(List.of(1, 2, 3), drainIterator(q.availableIterator()));
    tc.run(() -> assertEquals(List.of(1, 2, 3), drainIterator(q.availableIterator())));
    assertTrue(q.isLenAtLeast(3));
    assertFalse(q.isLenAtLeast(4));

    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      q.pause();
      probe.attach(q);
      q.fetch(2);
    });
    tc.settle();
    assertEquals(1, q.size());
    assertEquals(List.of(3), drainIterator(q.availableIterator()));
    q.stop();
    tc.run(() -> q.resume());
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals(0, q.size());
  }

  /**
   * While the context pushes and delivers without a lock, snapshots taken from another thread are
   * each a run of consecutive items in push order (never torn, never reordered).
   */
  @Test
  void snapshotsFromAnotherThreadWhileTheContextPushesAndDeliversAreConsistent() throws Exception {
    int total = 200_000;
    PushStream<Integer> q = PushStream.create(tc.context);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      q.pause();
      probe.attach(q);
      // Push in steps, delivering part of each step, until every item is pushed.
      int[] next = {0};
      Runnable[] step = new Runnable[1];
      step[0] = () -> {
        for (int k = 0; k < 1_000 && next[0] < total; k++) {
          q.push(next[0]++);
        }
        q.fetch(700);
        if (next[0] < total) {
          tc.context.runOnContext(v -> step[0].run());
        } else {
          q.stop();
          q.resume();
        }
      };
      step[0].run();
    });
    int snapshots = 0;
    while (!q.isStopped() || q.size() > 0) {
      List<Integer> seen = drainIterator(q.availableIterator());
      for (int i = 1; i < seen.size(); i++) {
        assertEquals(seen.get(i - 1) + 1, (int) seen.get(i), "a snapshot is consecutive items in order");
      }
      snapshots++;
    }
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(total, probe.items.size());
      for (int i = 0; i < total; i++) {
        assertEquals(i, (int) probe.items.get(i));
      }
      probe.assertEndedOnce();
    });
    assertTrue(snapshots > 0);
  }

  @Test
  void handlersRunOnTheContextWhenPushesComeFromOtherThreads() {
    PushStream<Integer> q = PushStream.create(tc.context);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(q));
    RuntimeException cause = new RuntimeException("from a foreign thread");
    ForeignThreads.run(() -> {
      for (int i = 1; i <= 100; i++) {
        q.push(i);
      }
      q.fail(cause);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(100, probe.items.size());
      assertEquals(List.of(cause), probe.failures);
      assertEquals(0, probe.offContext, "handler calls off the context");
    });
  }

  @Test
  void createOfVertxOnAContextRunsOnThatContext() {
    PushStream<Integer> q = tc.call(() -> PushStream.create(tc.vertx));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(q));
    ForeignThreads.run(() -> {
      q.push(1, 2, 3);
      q.stop();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  // ------------------------------------------------------------------ WriteStream

  @Test
  void asAWriteStreamWriteSucceedsEndStopsAndWriteAfterEndFails() {
    PushStream<Integer> q = PushStream.create(tc.context);
    TestContext.await(q.write(1));
    assertEquals(1, q.size(), "a succeeded write is buffered");
    TestContext.await(q.end());
    assertTrue(q.isStopped(), "end() stops");
    Throwable late = failureOf(q.write(2));
    assertInstanceOf(IllegalStateException.class, late);
    assertEquals(1, q.size());

    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(q));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void whatTheDrainHandlerThrowsGoesToTheContextNotToTheConsumer() {
    PushStream<Integer> q = PushStream.create(tc.context);
    List<Throwable> reported = new ArrayList<>();
    RuntimeException bug = new RuntimeException("the writer's drain handler");
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      tc.context.exceptionHandler(reported::add);
      q.setWriteQueueMaxSize(2);
      q.push(1, 2);
      assertTrue(q.writeQueueFull()); // the drain handler is owed from now on
      q.drainHandler(v -> {
        throw bug;
      });
      probe.attach(q); // delivers both: the queue is down to half, the drain handler runs and throws
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(List.of(), probe.failures, "the stream is open: the writer's bug is not its failure");
      assertEquals(List.of(bug), reported, "reported once, to the context");
      q.push(3);
      q.stop();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aDrainHandlerThatPausesTheStreamIsHonoured() {
    PushStream<Integer> q = PushStream.create(tc.context);
    List<Integer> items = new ArrayList<>();
    tc.run(() -> {
      q.setWriteQueueMaxSize(2);
      q.push(1, 2);
      assertTrue(q.writeQueueFull()); // the drain handler is owed from now on
      q.drainHandler(v -> q.pause());
      q.pause();
      q.handler(items::add);
      q.fetch(1); // delivers 1: the queue is down to half, the drain handler pauses the stream
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), items);
      q.fetch(1);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), items, "the pause voided no demand given after it"));
  }

  @Test
  void theDrainHandlerRunsOnTheContextOnceAFullQueueIsDeliveredDownToHalf() {
    PushStream<Integer> q = PushStream.create(tc.context);
    q.setWriteQueueMaxSize(4);
    List<Integer> items = new ArrayList<>();
    List<Thread> drains = new ArrayList<>();
    Thread contextThread = tc.call(Thread::currentThread);
    tc.run(() -> {
      q.pause();
      q.handler(items::add);
      q.drainHandler(v -> drains.add(Thread.currentThread()));
    });
    for (int i = 1; i <= 3; i++) {
      q.write(i);
    }
    assertFalse(q.writeQueueFull(), "3 of 4");
    q.write(4);
    assertTrue(q.writeQueueFull(), "4 of 4");

    tc.run(() -> q.fetch(1));
    tc.settle();
    tc.run(() -> assertEquals(List.of(), drains, "3 left: not yet half"));
    assertFalse(q.writeQueueFull());
    tc.run(() -> q.fetch(1));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(contextThread), drains, "2 left: drained once, on the context");
      q.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3, 4), items);
      assertEquals(1, drains.size(), "the drain is owed once per full queue");
    });

    for (int i = 5; i <= 8; i++) {
      q.write(i);
    }
    assertTrue(q.writeQueueFull());
    tc.run(() -> q.fetch(2));
    tc.settle();
    tc.run(() -> assertEquals(2, drains.size(), "full again, drained again"));
  }

  /**
   * A pipe on another thread asks writeQueueFull, pauses its source and only then sets its drain
   * handler; a queue drained in between used to leave the drain owed to nobody, and the pipe
   * paused for ever. The drain now waits for the handler.
   */
  @Test
  void aDrainHandlerSetAfterTheQueueDrainedStillRuns() {
    PushStream<Integer> q = PushStream.create(tc.context);
    q.setWriteQueueMaxSize(2);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      q.pause();
      probe.attach(q);
    });
    q.write(1);
    q.write(2);
    assertTrue(q.writeQueueFull(), "the pipe pauses its source now");
    tc.run(q::resume);
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), probe.items, "drained before the drain handler is set"));
    List<Thread> drains = new ArrayList<>();
    Thread contextThread = tc.call(Thread::currentThread);
    q.drainHandler(v -> drains.add(Thread.currentThread()));
    tc.settle();
    tc.run(() -> assertEquals(List.of(contextThread), drains, "owed, and run once, on the context"));
  }

  /**
   * A source piped into a push stream whose consumer is paused: the pipe pauses the source once
   * the write queue (16) is full, nothing is lost, and the source resumes only as the consumer
   * drains the queue (the pipe's own drain handler is the only thing that resumes it).
   */
  @Test
  void pipeToAPushStreamIsFlowControlled() {
    int n = 1000;
    int maxSize = 16;
    CountingRange range = new CountingRange(n);
    PushStream<Long> q = PushStream.create(tc.context);
    q.setWriteQueueMaxSize(maxSize);
    Probe<Long> probe = new Probe<>(tc);
    int[] mostBuffered = {0};
    probe.onItem(item -> mostBuffered[0] = Math.max(mostBuffered[0], q.size()));
    CompletableFuture<Void> piped = new CompletableFuture<>();
    tc.run(() -> {
      Aiter<Long> source = Aiter.fromIterator(tc.context, range);
      q.pause();
      probe.attach(q);
      source.pipeTo(q).onComplete(ar -> {
        if (ar.succeeded()) {
          piped.complete(null);
        } else {
          piped.completeExceptionally(ar.cause());
        }
      });
    });
    tc.settle();
    // The pipe pauses the source in the handler of the item that fills the queue (the 16th).
    // Vert.x's PipeImpl.to() then calls source.resume() once after installing its handler; a
    // synchronous source has already filled the queue by then, so that resume lets exactly one
    // more item through before the pipe pauses it again: hence the slack of one.
    long pulled = range.taken();
    assertTrue(q.writeQueueFull(), "the write queue is full");
    assertTrue(pulled >= maxSize && pulled <= maxSize + 1, "pulled while the consumer is paused: " + pulled);
    assertEquals(pulled, q.size(), "everything pulled is buffered, nothing lost");
    assertFalse(piped.isDone());
    tc.settle();
    assertEquals(pulled, range.taken(), "the paused pipe pulls nothing more");

    // Consume 10: the queue goes below half, the pipe's drain handler resumes the source, which
    // refills the queue up to the limit and is paused again.
    tc.run(() -> q.fetch(10));
    tc.settle();
    long refilled = range.taken();
    tc.run(() -> {
      assertEquals(LongStream.rangeClosed(0, 9).boxed().toList(), probe.items);
      assertTrue(refilled > pulled, "the source resumed after the drain: " + refilled);
      assertEquals(refilled, probe.items.size() + q.size(), "nothing lost");
      assertTrue(q.size() <= maxSize + 1, "buffered " + q.size());
      q.resume();
    });

    TestContext.await(piped);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(LongStream.range(0, n).boxed().toList(), probe.items);
      probe.assertEndedOnce();
      assertTrue(mostBuffered[0] <= maxSize + 1, "most buffered while flowing: " + mostBuffered[0]);
    });
    assertEquals(n, range.taken());
    assertTrue(q.isStopped(), "the pipe ended the push stream");
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    PushStream<Integer> q = PushStream.create(tc.context);
    assertRejected(NullPointerException.class, "item", () -> q.push((Integer) null));
    assertRejected(NullPointerException.class, "items", () -> q.push((Integer[]) null));
    assertRejected(NullPointerException.class, "items", () -> q.push(1, null, 3));
    assertEquals(0, q.size(), "a push with a null element adds none of its items");
    assertRejected(NullPointerException.class, "cause", () -> q.fail(null));
    assertFalse(q.isStopped(), "a refused fail does not stop");
    assertRejected(NullPointerException.class, "data", () -> q.write(null));
    assertRejected(IllegalArgumentException.class, "maxSize", () -> q.setWriteQueueMaxSize(0));
    assertRejected(IllegalArgumentException.class, "maxSize", () -> q.setWriteQueueMaxSize(-1));
    assertRejected(IllegalArgumentException.class, "amount", () -> q.fetch(-1));
    assertRejected(NullPointerException.class, "vertx", () -> PushStream.create((Vertx) null));
    assertRejected(NullPointerException.class, "context", () -> PushStream.create((Context) null));
  }
}

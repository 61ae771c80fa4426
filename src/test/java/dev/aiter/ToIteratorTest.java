package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.toIterator: a blocking iterator for threads that may block; refused where it would hang. */
class ToIteratorTest {

  /** The most the iterator may have fetched and not handed out (its documented batch). */
  private static final int BATCH = 64;

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void fromTheTestThreadItYieldsEverythingInOrder() {
    List<Long> expected = LongStream.range(0, 1000).boxed().toList();
    Iterator<Long> iterator = Aiter.toIterator(Aiter.fromIterable(tc.context, expected));
    List<Long> seen = new ArrayList<>();
    while (iterator.hasNext()) {
      seen.add(iterator.next());
    }
    assertEquals(expected, seen);
    assertFalse(iterator.hasNext(), "still ended");
    assertThrows(NoSuchElementException.class, iterator::next);
  }

  /**
   * What the source gave minus what the iterator handed out never exceeds one batch, also once
   * the context has had every chance to fetch more.
   */
  @Test
  void itNeverFetchesMoreThanABatchAhead() {
    int n = 1000;
    CountingRange range = new CountingRange(n);
    Iterator<Long> iterator = Aiter.toIterator(Aiter.fromIterator(tc.context, range));
    tc.settle();
    assertTrue(range.taken() > 0, "it fetches ahead");
    assertTrue(range.taken() <= BATCH, "fetched before any next(): " + range.taken());
    for (int taken = 1; taken <= n; taken++) {
      assertEquals((long) taken - 1, iterator.next());
      if (taken % 50 == 0) {
        tc.settle();
      }
      long ahead = range.taken() - taken;
      assertTrue(ahead <= BATCH, "fetched ahead after " + taken + ": " + ahead);
    }
    assertFalse(iterator.hasNext());
    assertEquals(n, range.taken());
  }

  @Test
  void aFailureIsRethrownAfterTheItemsBeforeIt() {
    RuntimeException cause = new RuntimeException("stream broke");
    Iterator<Integer> iterator = Aiter.toIterator(tc.call(() -> Sources.pushed(tc, List.of(1, 2), cause)));
    assertEquals(1, iterator.next());
    assertEquals(2, iterator.next());
    assertSame(cause, assertThrows(RuntimeException.class, iterator::hasNext));
    assertSame(cause, assertThrows(RuntimeException.class, iterator::next), "and again");
  }

  /** A stream that failed before toIterator was called: hasNext rethrows instead of blocking. */
  @Test
  void aFailureReachedBeforeTheCallIsRethrown() {
    RuntimeException cause = new RuntimeException("failed before the call");
    PushStream<Integer> stream = tc.call(() -> {
      PushStream<Integer> q = PushStream.create(tc.context);
      q.fail(cause);
      return q;
    });
    tc.settle();
    Iterator<Integer> iterator = Aiter.toIterator(stream);
    assertSame(cause, assertTimeoutPreemptively(Duration.ofSeconds(TestContext.TIMEOUT_SECONDS),
        () -> assertThrows(RuntimeException.class, iterator::hasNext)), "rethrown, not blocking");
  }

  @Test
  void aCheckedFailureIsRethrownWrappedInACompletionException() {
    IOException cause = new IOException("read failed");
    Iterator<Integer> iterator = Aiter.toIterator(tc.call(() -> Sources.pushed(tc, List.of(1), cause)));
    assertEquals(1, iterator.next());
    CompletionException e = assertThrows(CompletionException.class, iterator::hasNext);
    assertSame(cause, e.getCause());
  }

  @Test
  void onAnEventLoopThreadItThrowsAtOnceAndLeavesTheStreamAlone() {
    List<Integer> items = List.of(1, 2, 3);
    Aiter<Integer> stream = tc.call(() -> Sources.pushed(tc, items, null));
    tc.run(() -> assertThrows(IllegalStateException.class, () -> Aiter.toIterator(stream)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(items, probe.items, "the refused call took nothing");
      probe.assertEndedOnce();
    });
  }

  /** A worker context is not an event loop, but blocking it would block the stream's delivery. */
  @Test
  void onTheStreamsOwnWorkerContextItThrowsAtOnce() {
    CompletableFuture<Throwable> refused = new CompletableFuture<>();
    Deployable worker = context -> {
      PushStream<Integer> stream = PushStream.create(context);
      stream.push(1);
      try {
        Aiter.toIterator(stream);
        refused.complete(null);
      } catch (Throwable t) {
        refused.complete(t);
      }
      return Future.succeededFuture();
    };
    String id = TestContext.await(tc.vertx.deployVerticle(worker,
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    try {
      assertInstanceOf(IllegalStateException.class, TestContext.await(refused));
    } finally {
      TestContext.await(tc.vertx.undeploy(id));
    }
  }

  @Test
  void aNullStreamIsRejectedNamingTheArgument() {
    assertRejected(NullPointerException.class, "stream", () -> Aiter.toIterator((ReadStream<Integer>) null));
  }
}

package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aiter.support.CountingRange;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.aiter.support.FakeStream;
import dev.aiter.support.PlainStream;

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

  /**
   * Issue 15, item 8: a raw stream made on a worker context delivers there, on the worker thread
   * the iterator would block: refused at once (it used to block until interrupted).
   */
  @Test
  void onAWorkerContextARawStreamIsRefusedAtOnce() {
    Throwable refused = onWorker(context -> {
      MessageConsumer<Integer> consumer = context.owner().eventBus().consumer(address());
      Aiter.toIterator(consumer);
    });
    assertInstanceOf(IllegalStateException.class, refused);
  }

  /** On a worker context, an Aiter of another context cannot need the blocked thread: it works. */
  @Test
  void onAWorkerContextAnAiterOfAnotherContextIsIterated() {
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 200)));
    List<Integer> seen = new ArrayList<>();
    assertNull(onWorker(context -> {
      Aiter.toIterator(stream).forEachRemaining(seen::add);
    }));
    assertEquals(range(1, 200), seen);
  }

  /**
   * In {@code executeBlocking} on the stream's own event-loop context the event loop stays free to
   * deliver, so blocking is safe there: it iterates, an Aiter and a raw stream alike.
   */
  @Test
  void insideExecuteBlockingOnTheStreamsOwnContextItIterates() {
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 200)));
    List<Integer> seen = TestContext.await(tc.context.executeBlocking(() -> {
      List<Integer> items = new ArrayList<>();
      Aiter.toIterator(stream).forEachRemaining(items::add);
      return items;
    }));
    assertEquals(range(1, 200), seen);

    String address = address();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().consumer(address));
    List<Integer> received = TestContext.await(tc.context.executeBlocking(() -> {
      Iterator<Message<Integer>> iterator = Aiter.toIterator(consumer);
      TestContext.await(consumer.completion());
      for (int i = 1; i <= 100; i++) {
        tc.vertx.eventBus().send(address, i);
      }
      List<Integer> items = new ArrayList<>();
      while (items.size() < 100) {
        items.add(iterator.next().body());
      }
      return items;
    }));
    TestContext.await(consumer.unregister());
    assertEquals(range(1, 100), received);
  }

  /** A stream has one consumer: a second toIterator fails at once instead of starving the first. */
  @Test
  void aSecondIteratorOnTheSameStreamIsRefusedAtOnce() {
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 100)));
    Iterator<Integer> first = Aiter.toIterator(stream);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aiter.toIterator(stream));
    assertTrue(e.getMessage().contains("already consumed by toIterator"), e.getMessage());
    List<Integer> seen = new ArrayList<>();
    first.forEachRemaining(seen::add);
    assertEquals(range(1, 100), seen, "the first iterator is untouched");
  }

  /**
   * In a virtual-thread verticle the iterator waits with {@code Future.await}, which lets the
   * verticle's context run meanwhile: a message consumer of that verticle, and a push stream of its
   * context fed by a task queued there, are iterated instead of deadlocking (issue 15, item 8).
   * Virtual threads need JDK 21 or later; on JDK 17 this test is skipped.
   */
  @Test
  void inAVirtualThreadVerticleItIteratesStreamsOfThatVerticle() {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    String address = address();
    CompletableFuture<List<Integer>> received = new CompletableFuture<>();
    CompletableFuture<List<Integer>> pushed = new CompletableFuture<>();
    Deployable verticle = context -> {
      try {
        MessageConsumer<Integer> consumer = context.owner().eventBus().consumer(address);
        Iterator<Message<Integer>> messages = Aiter.toIterator(consumer);
        Future.await(consumer.completion());
        for (int i = 1; i <= 100; i++) {
          context.owner().eventBus().send(address, i);
        }
        List<Integer> items = new ArrayList<>();
        while (items.size() < 100) {
          items.add(messages.next().body());
        }
        Future.await(consumer.unregister());
        received.complete(items);

        PushStream<Integer> stream = PushStream.create(context);
        stream.push(1, 2, 3);
        // Runs only while the iterator awaits: the verticle's context is free then, not blocked.
        context.runOnContext(v -> {
          for (int i = 4; i <= 200; i++) {
            stream.push(i);
          }
          stream.stop();
        });
        List<Integer> all = new ArrayList<>();
        Aiter.toIterator(stream).forEachRemaining(all::add);
        pushed.complete(all);
      } catch (Throwable t) {
        received.completeExceptionally(t);
        pushed.completeExceptionally(t);
      }
      return Future.succeededFuture();
    };
    String id = TestContext.await(tc.vertx.deployVerticle(verticle,
        new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)));
    try {
      assertEquals(range(1, 100), TestContext.await(received));
      assertEquals(range(1, 200), TestContext.await(pushed));
    } finally {
      TestContext.await(tc.vertx.undeploy(id));
    }
  }

  private static final AtomicInteger addresses = new AtomicInteger();

  private static String address() {
    return "to-iterator-test." + addresses.incrementAndGet();
  }

  /** Runs {@code block} in the start of a worker verticle: what it threw, or null. */
  private static Throwable onWorker(Consumer<Context> block) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Deployable worker = context -> {
      try {
        block.accept(context);
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
      return Future.succeededFuture();
    };
    String id = TestContext.await(tc.vertx.deployVerticle(worker,
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    try {
      return TestContext.await(outcome);
    } finally {
      TestContext.await(tc.vertx.undeploy(id));
    }
  }

  /**
   * Inside executeBlocking of an event-loop context, a stream that is not an Aiter is called on
   * that context's event loop, never from the blocked worker (contract 1); a null it delivers
   * fails the iteration after the items before it.
   */
  @Test
  void insideExecuteBlockingAPlainStreamIsCalledOnItsEventLoop() {
    FakeStream<Integer> fake = new FakeStream<>();
    List<String> offLoop = java.util.Collections.synchronizedList(new ArrayList<>());
    PlainStream<Integer> plain = new PlainStream<>(fake, () -> {
      if (!Context.isOnEventLoopThread()) {
        offLoop.add(Thread.currentThread().getName());
      }
    });
    List<Object> seen = TestContext.await(tc.context.executeBlocking(() -> {
      Iterator<Integer> iterator = Aiter.toIterator(plain);
      tc.context.runOnContext(v -> {
        for (int i = 0; i < 40; i++) {
          fake.emit(i);
        }
        fake.emit(null);
      });
      List<Object> out = new ArrayList<>();
      try {
        while (iterator.hasNext()) {
          out.add(iterator.next());
        }
      } catch (NullPointerException e) {
        out.add("failed");
      }
      return out;
    }));
    List<Object> expected = new ArrayList<>(range(0, 39));
    expected.add("failed");
    assertEquals(expected, seen);
    assertEquals(List.of(), offLoop);
  }

  /**
   * Off any Vert.x context (here, the test's thread) a stream that is not an Aiter is refused at
   * once, untouched, naming the adoption that says where it lives: it was driven from this thread
   * beside its own event loop (found in review). Adopted first, it is iterated.
   */
  @Test
  void offAnyContextAStreamThatIsNotAnAiterIsRefusedUntouched() {
    FakeStream<Integer> fake = new FakeStream<>();
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Aiter.toIterator(fake));
    assertTrue(refused.getMessage().contains("Aiter.of(Context, ReadStream)"), refused.getMessage());
    tc.settle();
    assertEquals(List.of(), fake.calls(), "untouched");

    Iterator<Integer> iterator = Aiter.toIterator(Aiter.of(tc.context, fake));
    tc.run(() -> {
      fake.emit(1);
      fake.emit(2);
      fake.end();
    });
    List<Integer> seen = new ArrayList<>();
    iterator.forEachRemaining(seen::add);
    assertEquals(List.of(1, 2), seen);
  }
}

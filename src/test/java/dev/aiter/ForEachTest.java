package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.aiter.support.Take.takeAll;

/** {@code forEach(handler)}: every item, flowing, then a future for the end or the failure. */
class ForEachTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static Throwable failureOf(Future<?> future) {
    try {
      TestContext.await(future);
    } catch (CompletionException e) {
      return e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the future succeeded");
  }

  @Test
  void everyItemInOrderOnTheContextThenTheFutureCompletes() {
    List<Integer> seen = new ArrayList<>();
    Thread contextThread = tc.call(Thread::currentThread);
    List<Thread> threads = new ArrayList<>();
    Future<Void> done = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 1000)).forEach(x -> {
      seen.add(x);
      threads.add(Thread.currentThread());
    }));
    TestContext.await(done);
    tc.run(() -> {
      assertEquals(range(1, 1000), seen);
      assertTrue(threads.stream().allMatch(t -> t == contextThread), "on the stream's context");
    });
  }

  @Test
  void itFlowsEvenOverAPausedStream() {
    List<Integer> seen = new ArrayList<>();
    Aiter<Integer> paused = tc.call(() -> Sources.pushed(tc, range(1, 5), null).pause());
    TestContext.await(tc.call(() -> paused.forEach(seen::add)));
    tc.run(() -> assertEquals(range(1, 5), seen));
  }

  @Test
  void theStreamsFailureFailsTheFutureAfterTheItemsBeforeIt() {
    RuntimeException cause = new RuntimeException("source");
    List<Integer> seen = new ArrayList<>();
    Future<Void> done = tc.call(() -> Sources.pushed(tc, range(1, 3), cause).forEach(seen::add));
    assertSame(cause, failureOf(done));
    tc.run(() -> assertEquals(range(1, 3), seen));
  }

  @Test
  void aHandlerThatThrowsFailsTheFutureWithItAndStopsTheStream() {
    RuntimeException bug = new RuntimeException("handler");
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> stream = tc.call(() -> Aiter.of(tc.context, fake));
    List<Integer> seen = new ArrayList<>();
    Future<Void> done = tc.call(() -> stream.forEach(x -> {
      seen.add(x);
      if (x == 2) {
        throw bug;
      }
    }));
    tc.run(() -> {
      fake.emit(1);
      fake.emit(2);
      fake.emit(3); // a source that ignores the pause: nobody listens any more
    });
    assertSame(bug, failureOf(done));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2), seen));
    assertTrue(!fake.hasHandler(), "the stream let go of its source");
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "handler", () -> source.forEach((Handler<Integer>) null));
  }

  /** A handler that throws ends the forEach; the PushStream it read stays the caller's (contract 9). */
  @Test
  void aThrowingHandlerLeavesAPushSourceUsable() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3);
    RuntimeException boom = new RuntimeException("boom");
    Future<Void> done = tc.call(() -> source.forEach(x -> {
      throw boom;
    }));
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> TestContext.await(done));
    assertSame(boom, e instanceof CompletionException ? e.getCause() : e);
    source.push(4);
    source.stop();
    assertEquals(List.of(2, 3, 4), takeAll(tc, source), "the rest, for a new consumer");
  }

  /**
   * A stream whose end went to an earlier consumer delivers nothing more (contract 8): a terminal
   * over it is refused at once instead of waiting for ever.
   */
  @Test
  void aStreamThatDeliveredItsEndIsRefusedAtOnce() {
    Aiter<Integer> source = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2)));
    TestContext.await(tc.call(() -> source.takeWhile(x -> x < 10).forEach(x -> { })));
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> tc.call(() -> source.forEach(x -> { })));
    assertTrue(e.getMessage().contains("forEach cannot consume it"), e.getMessage());
    assertTrue(e.getMessage().contains("already delivered its end"), e.getMessage());
  }
}

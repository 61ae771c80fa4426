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
}

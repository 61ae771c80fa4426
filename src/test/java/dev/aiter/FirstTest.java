package dev.aiter;

import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.aiter.support.Take.takeAll;

/** {@code first()}: the first item and the stream stopped; empty and failed streams fail the future. */
class FirstTest {

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
  void theFirstItemAndNothingMoreIsTaken() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    assertEquals(1, TestContext.await(tc.call(() -> Aiter.fromIterator(tc.context, source).map(x -> x).first())));
    tc.settle();
    assertEquals(1, tc.call(source::taken), "exactly one taken from the source");
  }

  @Test
  void itAsksForOneItemThenStopsAndLetsGoOfUpstream() {
    FakeStream<Integer> fake = new FakeStream<>();
    Future<Integer> first = tc.call(() -> Aiter.of(tc.context, fake).first());
    tc.settle();
    assertEquals(List.of(1L), fake.fetches());
    tc.run(() -> {
      fake.emit(7);
      fake.emit(8); // a source that ignores the pause
    });
    assertEquals(7, TestContext.await(first));
    assertFalse(fake.hasHandler(), "the adopted stream stopped and let go of its source");
  }

  @Test
  void anEmptyStreamFailsWithNoSuchElementException() {
    Future<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, List.<Integer>of()).first());
    assertInstanceOf(NoSuchElementException.class, failureOf(first));
  }

  @Test
  void aFailedStreamFailsWithItsFailure() {
    RuntimeException cause = new RuntimeException("source");
    Future<Integer> first = tc.call(() -> Sources.pushed(tc, List.<Integer>of(), cause).first());
    assertSame(cause, failureOf(first));
  }

  /**
   * A PushStream is the caller's (contract 9): first() lets go of it without closing it, so it
   * takes pushes and a stop, and a new consumer reads the rest, as after take(1).
   */
  @Test
  void firstLeavesAPushSourceUsable() {
    PushStream<Integer> source = PushStream.create(tc.context);
    source.push(1, 2, 3);
    assertEquals(1, TestContext.await(tc.call(source::first)));
    assertFalse(source.isStopped());
    source.push(4);
    source.stop();
    assertEquals(List.of(2, 3, 4), takeAll(tc, source));
  }
}

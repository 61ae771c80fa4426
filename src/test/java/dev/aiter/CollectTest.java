package dev.aiter;

import static dev.aiter.support.Items.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code collect(collector)}: every item into the collector, flowing; the future has its result at
 * the end, or the stream's failure, also one reached before the call.
 */
class CollectTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static Throwable failureOf(Future<?> future) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> TestContext.await(future));
    return e instanceof CompletionException ? e.getCause() : e;
  }

  @Test
  void collectsEveryItemInOrder() {
    Future<List<Integer>> all = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 500)).collect(Collectors.toList()));
    assertEquals(range(1, 500), TestContext.await(all));
  }

  /** A failure the stream holds before collect is called fails the future (Vert.x's own went to the context). */
  @Test
  void aFailureReachedBeforeTheCallFailsTheFuture() {
    RuntimeException boom = new RuntimeException("boom");
    Future<List<Integer>> all = tc.call(() -> {
      PushStream<Integer> source = PushStream.create(tc.context);
      source.push(1);
      source.fail(boom);
      return source.collect(Collectors.toList());
    });
    assertSame(boom, failureOf(all));
  }

  @Test
  void aFunctionThatThrowsUpstreamFailsTheFuture() {
    RuntimeException boom = new RuntimeException("boom");
    Future<List<Integer>> all = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1, 2))
        .<Integer>map(x -> {
          throw boom;
        })
        .collect(Collectors.toList()));
    assertSame(boom, failureOf(all));
  }

  /** Called off the context: the handlers are set in order there, so the failure still reaches it. */
  @Test
  void offTheContextAFailureStillFailsTheFuture() {
    RuntimeException boom = new RuntimeException("boom");
    Aiter<Integer> failed = Sources.pushed(tc, range(1, 3), boom);
    assertSame(boom, failureOf(failed.collect(Collectors.toList())));
  }

  /** An accumulator that throws fails the future and stops the stream, as a forEach handler does. */
  @Test
  void anAccumulatorThatThrowsFailsTheFutureAndStopsPulling() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    RuntimeException boom = new RuntimeException("boom");
    Collector<Integer, ?, List<Integer>> throwingAtThree = Collector.<Integer, List<Integer>>of(
        java.util.ArrayList::new, (list, x) -> {
          if (x == 3) {
            throw boom;
          }
          list.add(x);
        }, (a, b) -> a);
    Future<List<Integer>> all = tc.call(() -> Aiter.fromIterator(tc.context, source).collect(throwingAtThree));
    assertSame(boom, failureOf(all));
    tc.settle();
    assertEquals(3, tc.call(source::taken), "nothing pulled after the item the accumulator failed on");
  }

  /** A stream has one consumer: a second collect is refused at once, naming both. */
  @Test
  void aSecondConsumerIsRefusedNamingCollect() {
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    tc.call(() -> stream.collect(Collectors.toList()));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tc.call(() -> stream.forEach(x -> { })));
    assertTrue(e.getMessage().contains("already consumed by collect"), e.getMessage());
  }

  @Test
  void aNullCollectorIsRefusedNamingTheArgument() {
    Aiter<Integer> stream = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    NullPointerException e = assertThrows(NullPointerException.class, () -> stream.collect(null));
    assertTrue(e.getMessage().contains("collector"), e.getMessage());
  }
}

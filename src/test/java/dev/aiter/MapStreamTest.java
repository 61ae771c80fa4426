package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.map beyond the contract kit: null results, bad input, where it may be made. */
class MapStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** A null result fails the stream after the items before it, and upstream is no longer pulled. */
  @Test
  void aFunctionReturningNullFailsTheStreamWithNullPointerException() {
    PushStream<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1, 2, 3, 4), null));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(source.map(x -> x == 2 ? null : x * 10)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10), probe.items);
      assertEquals(1, probe.failures.size(), "failures");
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
    assertEquals(2, source.size(), "3 and 4 stay in the source: upstream is no longer pulled");
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "f", () -> Aiter.map(source, (Function<Integer, Integer>) null));
    assertRejected(NullPointerException.class, "f", () -> source.map((Function<Integer, Integer>) null));
    assertRejected(NullPointerException.class, "source", () -> Aiter.map((ReadStream<Integer>) null, x -> x));
  }

  @Test
  void mappingAForeignStreamOffAnyContextNamesTheOverloadTakingAContext() {
    assertEquals(null, Vertx.currentContext(), "this test runs off any context");
    IllegalStateException e = assertRejected(IllegalStateException.class, "Aiter.map",
        () -> Aiter.map(new FakeStream<Integer>(), x -> x));
    assertTrue(e.getMessage().contains("Aiter.of(Context, ReadStream)"), e.getMessage());
  }
  /**
   * A consumer pacing itself with fetch(1) in its handler: the demand reaches upstream before the
   * handler returns, so a synchronous source's loop goes on (issue 13, S3), and still one at a time.
   */
  @Test
  void aFetchInsideTheHandlerReachesUpstreamAtOnceAndOneForOne() {
    FakeStream<Integer> source = new FakeStream<>();
    Aiter<Integer> mapped = tc.call(() -> Aiter.map(Aiter.of(tc.context, source), x -> x * 10));
    Probe<Integer> probe = new Probe<>(tc);
    List<List<String>> upstreamCallsSeenInHandler = new java.util.ArrayList<>();
    probe.onItem(x -> {
      mapped.fetch(1);
      upstreamCallsSeenInHandler.add(source.calls());
    });
    tc.run(() -> {
      mapped.pause();
      probe.attach(mapped);
      mapped.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      source.emit(1);
      source.emit(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      assertEquals(2, fetched(upstreamCallsSeenInHandler.get(0)),
          "the first fetch and the handler's went upstream before the handler returned: "
          + upstreamCallsSeenInHandler.get(0));
      assertEquals(3, fetched(source.calls()), "one for one: " + source.calls());
    });
  }

  private static long fetched(List<String> calls) {
    return calls.stream().filter(c -> c.startsWith("fetch("))
        .mapToLong(c -> Long.parseLong(c.substring("fetch(".length(), c.length() - 1))).sum();
  }
}

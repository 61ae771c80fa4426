package dev.aiter;

import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreloadStreamTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  @Test
  void portOfTestPreloadAiter() {
    PushStream<Integer> source = Sources.pushed(tc, range(0, 1000), null);
    assertEquals(1000, source.size());
    Aiter<Integer> preloaded = tc.call(() -> source.preload(50));
    tc.settle();
    assertEquals(1000, source.size(), "nothing is pulled before it is asked for");
    assertEquals(List.of(0), take(tc, preloaded, 1));
    tc.settle();
    assertEquals(949, source.size());
    assertEquals(range(1, 11), take(tc, preloaded, 10));
    tc.settle();
    assertEquals(939, source.size());
    assertEquals(range(11, 1000), takeAll(tc, preloaded));
    assertEquals(0, source.size());
  }

  @Test
  void neverTakesMoreThanNBeyondWhatWasDeliveredAndAsked() {
    int n = 7;
    Sources.CountingIterator<Integer> source = Sources.counting(range(0, 5000), null);
    Aiter<Integer> preloaded = tc.call(() -> Aiter.fromIterator(tc.context, source).preload(n));
    long[] delivered = {0};
    long[] worst = {0};
    List<Integer> seen = new java.util.ArrayList<>();
    java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    tc.run(() -> {
      preloaded.pause();
      preloaded.endHandler(v -> ended.complete(null));
      preloaded.handler(item -> {
        delivered[0]++;
        seen.add(item);
        // Outstanding demand is 0 here: the consumer asks again only after this check.
        worst[0] = Math.max(worst[0], source.taken() - delivered[0]);
        preloaded.fetch(1);
      });
      preloaded.fetch(1);
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(range(0, 5000), seen);
      assertTrue(worst[0] <= n, "pulled beyond delivered: " + worst[0]);
      // In the handler the item being handed out has left the buffer, and its replacement is asked
      // for once the consumer has it (after the handler): n - 1 ahead there, at the least.
      assertEquals(n - 1, worst[0], "and it does keep n ahead");
    });
  }

  @Test
  void keepsNAheadWhileTheConsumerIsPaused() {
    PushStream<Integer> source = Sources.pushed(tc, range(0, 100), null);
    Aiter<Integer> preloaded = tc.call(() -> source.preload(5));
    assertEquals(range(0, 3), take(tc, preloaded, 3));
    tc.settle();
    assertEquals(100 - 3 - 5, source.size());
  }

  @Test
  void rejectsASizeThatIsNotPositive() {
    PushStream<Integer> source = PushStream.create(tc.context);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aiter.preload(source, 0));
    assertTrue(e.getMessage().contains("n must be > 0"), e.getMessage());
    assertThrows(NullPointerException.class, () -> Aiter.preload(null, 3));
  }

  // ------------------------------------------------------------------ issue 10

  /**
   * Regression: a flowing consumer slower than its source let preload(64) take hundreds of
   * thousands of items ahead (the stream rested, upstream flowed on). Now at most 64 ahead of what
   * it delivered, in a chain of two preloads too.
   */
  @Test
  void aSlowFlowingConsumerKeepsPreloadWithinItsBuffer() {
    int n = 100_000;
    Sources.CountingIterator<Integer> source = Sources.counting(range(0, n), null);
    Aiter<Integer> chain = tc.call(() -> Aiter.fromIterator(tc.context, source)
        .preload(64).map(x -> x + 1).preload(64));
    long[] delivered = {0};
    long[] worst = {0};
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      chain.exceptionHandler(ended::completeExceptionally);
      chain.endHandler(v -> ended.complete(null));
      chain.handler(x -> {
        delivered[0]++;
        worst[0] = Math.max(worst[0], source.taken() - delivered[0]);
        long until = System.nanoTime() + 2_000; // about 2 microseconds an item
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      });
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(n, delivered[0]);
      assertTrue(worst[0] <= 128, "taken ahead of delivery: " + worst[0] + ", declared 64 + 64");
    });
  }

  /**
   * A consumer that lets go of preload within the handler of its first item (take(1)) leaves the
   * source where the preload left it, n taken: a stream without a data handler pulls nothing
   * (contract 3). The top-up after delivery pulled one more for nobody (found in review).
   */
  @Test
  void aTakeThatLetGoOfPreloadLeavesItsSourceWhereItWas() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(0, 100), null);
    Aiter<Integer> preloaded = tc.call(() -> Aiter.fromIterator(tc.context, source).preload(3));
    List<Integer> got = take(tc, preloaded.take(1), 1);
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(0), got);
      assertEquals(3, source.taken(), "pulled after the consumer let go");
    });
  }
}

package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten million items through a six-stage chain with random pauses: zero loss, and the live heap
 * after a full GC at the end within a small bound of the start. Runs only with {@code -Psoak}.
 */
@Tag("soak")
class SoakTest {

  private static final long ITEMS = 10_000_000L;

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void tenMillionItemsThroughSixStagesWithRandomPauses() {
    long before = liveHeap();
    try (TestContext tc = new TestContext()) {
      long[] count = {0};
      long[] sum = {0};
      CompletableFuture<Void> ended = new CompletableFuture<>();
      Random random = new Random(7);
      tc.run(() -> {
        Aiter<Long> chain = Aiter.fromIterator(tc.context, LongStream.range(0, ITEMS).iterator())
            .map(x -> x + 1)                                             // 1
            .mapFilter(x -> x % 10 == 0 ? List.of(x, -x) : List.of(x))   // 2
            .preload(64)                                                 // 3
            .mapAsync(Future::succeededFuture, 8)                        // 4
            .stoppable()                                                 // 5
            .map(x -> x < 0 ? 0 : x);                                    // 6
        chain.exceptionHandler(ended::completeExceptionally);
        chain.endHandler(v -> ended.complete(null));
        chain.handler(x -> {
          count[0]++;
          sum[0] += x;
          if (random.nextInt(50_000) == 0) {
            chain.pause();
            tc.vertx.setTimer(1 + random.nextInt(3), id -> chain.resume());
          }
        });
      });
      TestContext.await(ended.orTimeout(25, TimeUnit.MINUTES));
      long expectedCount = ITEMS + ITEMS / 10;
      assertEquals(expectedCount, count[0], "zero loss");
      assertEquals(ITEMS * (ITEMS + 1) / 2, sum[0], "every item once");
    }
    long after = liveHeap();
    System.out.printf("soak: live heap %d KiB before, %d KiB after%n", before / 1024, after / 1024);
    assertTrue(after - before < 16L * 1024 * 1024,
        "live heap grew by " + (after - before) / 1024 + " KiB");
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}

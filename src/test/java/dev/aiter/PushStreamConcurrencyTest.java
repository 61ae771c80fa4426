package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many producer threads against one {@link PushStream}, each mixing {@code push}, {@code push(...)}
 * and {@code write} at random, while foreign threads also pace the consumer with {@code fetch},
 * {@code pause} and {@code resume}: no item is lost or duplicated, and each thread's items keep
 * their order. The default build runs a short randomized round; {@code -Pstress} a long one.
 */
class PushStreamConcurrencyTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  @Test
  void manyThreadsPushWhileOthersPaceTheConsumer() throws Exception {
    run(8, 20_000, 1);
  }

  @Test
  @Tag("stress")
  void manyThreadsPushWhileOthersPaceTheConsumerForLong() throws Exception {
    for (int round = 0; round < 50; round++) {
      run(16, 50_000, round);
    }
  }

  private void run(int producers, int perThread, long seed) throws Exception {
    PushStream<long[]> push = PushStream.create(tc.context);
    long[] next = new long[producers];
    List<String> errors = new ArrayList<>();
    long[] received = {0};
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      push.endHandler(v -> ended.complete(null));
      push.exceptionHandler(ended::completeExceptionally);
      push.handler(item -> {
        int thread = (int) item[0];
        if (item[1] != next[thread]) {
          errors.add("thread " + thread + ": expected " + next[thread] + " got " + item[1]);
        }
        next[thread] = item[1] + 1;
        received[0]++;
      });
    });
    CyclicBarrier start = new CyclicBarrier(producers + 2);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < producers; t++) {
      int thread = t;
      Random random = new Random(seed * 1000 + t);
      threads.add(new Thread(() -> {
        await(start);
        int i = 0;
        while (i < perThread) {
          switch (random.nextInt(3)) {
            case 0 -> push.push(new long[] {thread, i++});
            case 1 -> {
              int n = Math.min(1 + random.nextInt(5), perThread - i);
              long[][] batch = new long[n][];
              for (int k = 0; k < n; k++) {
                batch[k] = new long[] {thread, i++};
              }
              push.push(batch);
            }
            default -> push.write(new long[] {thread, i++});
          }
        }
      }, "producer-" + t));
    }
    // A foreign thread that pauses and fetches at random while the producers run.
    Thread pacer = new Thread(() -> {
      Random random = new Random(seed);
      await(start);
      for (int k = 0; k < 2_000; k++) {
        switch (random.nextInt(3)) {
          case 0 -> push.pause();
          case 1 -> push.fetch(random.nextInt(50));
          default -> push.resume();
        }
      }
    }, "pacer");
    threads.forEach(Thread::start);
    pacer.start();
    start.await();
    for (Thread thread : threads) {
      thread.join();
    }
    pacer.join();
    push.stop();
    push.resume();
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), "per-thread order");
      assertEquals((long) producers * perThread, received[0], "every item exactly once");
      for (long n : next) {
        assertEquals(perThread, n);
      }
      assertTrue(push.isStopped());
      assertEquals(0, push.size());
    });
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

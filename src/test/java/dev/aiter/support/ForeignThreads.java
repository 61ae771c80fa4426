package dev.aiter.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Plain Java threads (no Vert.x context) for tests that drive streams from outside. */
public final class ForeignThreads {

  private ForeignThreads() {
  }

  /**
   * Runs {@code body(i)} on {@code count} new threads released together by one latch, waits for
   * all of them (failing the test after {@link TestContext#TIMEOUT_SECONDS}) and fails the test if
   * any of them threw.
   */
  public static void runTogether(int count, IntConsumer body) {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          body.accept(index);
        } catch (Throwable t) {
          thrown.add(t);
        }
      }, "foreign-" + i);
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    try {
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(TestContext.TIMEOUT_SECONDS));
        assertFalse(thread.isAlive(), thread.getName() + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while joining", e);
    }
    assertEquals(List.of(), List.copyOf(thrown), "what the foreign threads threw");
  }

  /** Runs {@code body} on one new thread and waits for it. */
  public static void run(Runnable body) {
    runTogether(1, i -> body.run());
  }
}

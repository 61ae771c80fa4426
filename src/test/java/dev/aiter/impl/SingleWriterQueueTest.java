package dev.aiter.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SingleWriterQueue}: order and size through growth and wrap-around on the writer's side,
 * and what another thread sees while the writer adds and polls without a lock.
 */
class SingleWriterQueueTest {

  @Test
  void keepsOrderThroughGrowthAndWrapAround() {
    SingleWriterQueue<Integer> q = new SingleWriterQueue<>();
    int next = 0;
    int expected = 0;
    // Adds and polls interleaved, so that the array grows while its items wrap around its end.
    for (int round = 0; round < 200; round++) {
      for (int k = 0; k < round % 37 + 3; k++) {
        q.add(next++);
      }
      for (int k = 0; k < round % 29; k++) {
        Integer item = q.poll();
        if (item == null) {
          break;
        }
        assertEquals(expected++, item);
      }
      assertEquals(next - expected, q.size());
      assertEquals(next - expected, q.sizeFromOtherThread());
      assertArrayEquals(range(expected, next), q.toArray());
      assertArrayEquals(range(expected, next), q.toArrayFromOtherThread());
    }
    while (!q.isEmpty()) {
      assertEquals(expected++, q.poll());
    }
    assertNull(q.poll());
    assertEquals(next, expected);
    assertEquals(0, q.toArrayFromOtherThread().length);
  }

  @Test
  void countersThatWrapAroundIntKeepSizeAndOrder() {
    SingleWriterQueue<Integer> q = new SingleWriterQueue<>(Integer.MAX_VALUE - 40);
    for (int i = 0; i < 100; i++) {
      q.add(i);
    }
    assertEquals(100, q.size());
    assertEquals(100, q.sizeFromOtherThread());
    assertArrayEquals(range(0, 100), q.toArrayFromOtherThread());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, q.poll());
      assertEquals(99 - i, q.size());
    }
    assertTrue(q.isEmpty());
  }

  /**
   * The writer adds and polls on its own thread, growing the array, reusing slots and wrapping its
   * counters around {@code int}; what another thread counts and copies meanwhile is the queue at
   * one moment of its call: consecutive items in order, nothing polled before the call, nothing
   * added before it missing, and a size between what the writer had surely and at most done.
   */
  @Test
  @Timeout(60)
  void whatAnotherThreadSeesIsTheQueueAtOneMomentOfItsCall() throws Exception {
    int total = 2_000_000;
    SingleWriterQueue<Integer> q = new SingleWriterQueue<>(Integer.MAX_VALUE - total / 2);
    // The writer's progress, each published with a release store (no monitor, which would order
    // the writer's stores for it): adds and polls begun, then done.
    AtomicInteger addsBegun = new AtomicInteger();
    AtomicInteger addsDone = new AtomicInteger();
    AtomicInteger pollsBegun = new AtomicInteger();
    AtomicInteger pollsDone = new AtomicInteger();
    Thread writer = new Thread(() -> {
      int added = 0;
      int polled = 0;
      while (added < total) {
        // Bursts of adds longer than the polls, so the array grows, then polls that catch up.
        int burst = (added / 1000) % 7 == 0 ? 300 : 40;
        for (int k = 0; k < burst && added < total; k++) {
          addsBegun.lazySet(added + 1);
          q.add(added++);
          addsDone.lazySet(added);
        }
        while (q.size() > (added / 1000) % 50) {
          pollsBegun.lazySet(polled + 1);
          q.poll();
          pollsDone.lazySet(++polled);
        }
      }
    }, "writer");
    writer.start();
    long looks = 0;
    while (writer.isAlive()) {
      int addsDoneBefore = addsDone.get();
      int pollsDoneBefore = pollsDone.get();
      Object[] seen = q.toArrayFromOtherThread();
      int pollsBegunAfter = pollsBegun.get();
      for (int i = 0; i < seen.length; i++) {
        assertNotNull(seen[i], "an item, never a cleared slot");
        if (i > 0) {
          assertEquals((int) seen[i - 1] + 1, (int) seen[i], "consecutive items in order");
        }
      }
      if (seen.length > 0) {
        assertTrue((int) seen[0] >= pollsDoneBefore, "nothing polled before the call");
        assertTrue((int) seen[seen.length - 1] >= addsDoneBefore - 1, "every add that returned before");
      } else {
        assertTrue(pollsBegunAfter >= addsDoneBefore, "empty only if everything added before was polled");
      }
      addsDoneBefore = addsDone.get();
      pollsDoneBefore = pollsDone.get();
      int size = q.sizeFromOtherThread();
      int addsBegunAfter = addsBegun.get();
      pollsBegunAfter = pollsBegun.get();
      assertTrue(size >= addsDoneBefore - pollsBegunAfter, "a size at one moment: not below what surely was");
      assertTrue(size <= addsBegunAfter - pollsDoneBefore, "a size at one moment: not above what at most was");
      looks++;
    }
    writer.join();
    assertTrue(looks > 0);
  }

  private static Object[] range(int from, int to) {
    Object[] items = new Object[to - from];
    for (int i = from; i < to; i++) {
      items[i - from] = i;
    }
    return items;
  }
}

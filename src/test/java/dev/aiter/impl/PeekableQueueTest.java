package dev.aiter.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PeekableQueue}: order and size through growth and wrap-around on the owner's side, and
 * what another thread sees while the owner adds and polls without a lock.
 */
class PeekableQueueTest {

  @Test
  void keepsOrderThroughGrowthAndWrapAround() {
    PeekableQueue<Integer> q = new PeekableQueue<>();
    int next = 0;
    int expected = 0;
    // Interleave adds and polls so that the head is never at slot 0 when the array grows.
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
      assertEquals(next - expected, q.sizeSeenElsewhere());
      assertArrayEquals(range(expected, next), q.toArray());
      assertArrayEquals(range(expected, next), q.snapshotSeenElsewhere());
    }
    while (!q.isEmpty()) {
      assertEquals(expected++, q.poll());
    }
    assertNull(q.poll());
    assertEquals(next, expected);
    assertEquals(0, q.snapshotSeenElsewhere().length);
  }

  @Test
  void countersThatWrapAroundIntKeepSizeAndOrder() {
    PeekableQueue<Integer> q = new PeekableQueue<>(Integer.MAX_VALUE - 40);
    for (int i = 0; i < 100; i++) {
      q.add(i);
    }
    assertEquals(100, q.size());
    assertEquals(100, q.sizeSeenElsewhere());
    assertArrayEquals(range(0, 100), q.snapshotSeenElsewhere());
    for (int i = 0; i < 100; i++) {
      assertEquals(i, q.poll());
      assertEquals(99 - i, q.size());
    }
    assertTrue(q.isEmpty());
  }

  /**
   * The owner adds and polls on its own thread, growing the array and reusing slots; each snapshot
   * another thread takes is consecutive items in order, and holds every item added before the
   * snapshot began and not yet polled after it ended.
   */
  @Test
  @Timeout(60)
  void snapshotsElsewhereAreNeverTornAndMissNothingReturned() throws Exception {
    int total = 2_000_000;
    PeekableQueue<Integer> q = new PeekableQueue<>();
    // Published by the owner: adds once returned, polls once begun.
    int[] counts = new int[2];
    Object publish = new Object();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread owner = new Thread(() -> {
      int polled = 0;
      for (int added = 0; added < total; ) {
        // Bursts of adds longer than the polls, so the array grows, then polls that catch up.
        int burst = (added / 1000) % 7 == 0 ? 300 : 40;
        for (int k = 0; k < burst && added < total; k++) {
          q.add(added++);
          synchronized (publish) {
            counts[0] = added;
          }
        }
        while (q.size() > (added / 1000) % 50) {
          polled++;
          synchronized (publish) {
            counts[1] = polled; // before the poll: a snapshot may see the head move at once
          }
          q.poll();
        }
      }
    }, "owner");
    owner.start();
    long snapshots = 0;
    while (owner.isAlive()) {
      int addedBefore;
      synchronized (publish) {
        addedBefore = counts[0];
      }
      Object[] seen = q.snapshotSeenElsewhere();
      int polledBegunAfter;
      synchronized (publish) {
        polledBegunAfter = counts[1];
      }
      for (int i = 0; i < seen.length; i++) {
        assertNotNull(seen[i], "an item, never a cleared slot");
        if (i > 0) {
          assertEquals((int) seen[i - 1] + 1, (int) seen[i], "consecutive items in order");
        }
      }
      if (seen.length > 0) {
        assertTrue((int) seen[seen.length - 1] >= addedBefore - 1, "every add that returned before");
      } else {
        assertTrue(polledBegunAfter >= addedBefore, "empty only if everything added before was polled");
      }
      snapshots++;
    }
    owner.join();
    assertTrue(snapshots > 0);
  }

  private static Object[] range(int from, int to) {
    Object[] items = new Object[to - from];
    for (int i = from; i < to; i++) {
      items[i - from] = i;
    }
    return items;
  }
}

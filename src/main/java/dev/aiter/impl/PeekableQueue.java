package dev.aiter.impl;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A first-in first-out queue without bound that one thread at a time changes (its owner: a
 * stream's context, or a holder of the owner's lock) while any other thread may count and copy it
 * without a lock. {@link PushStreamImpl} keeps its items in two of them.
 *
 * <p>Why not an {@code ArrayDeque} behind a sequence number: the owner here pays what an
 * {@code ArrayDeque} pays and nothing more, plain stores ordered by fences (free on x86 but for
 * the order they keep), where a sequence number adds two read-modify-writes of one field per add
 * and per poll, a chain through memory from item to item. Readers validate what they copied by
 * the head instead: {@code head} and {@code tail} are counters that only grow (they wrap around
 * {@code int}; only differences are compared), a slot is cleared or reused only after the head
 * has passed it, and the owner publishes the head before it clears the slot. So a reader that
 * copied slots and then sees the head still at or before a slot knows that slot was an item.
 *
 * <p>Buffers: without bound; the array doubles when full and never shrinks.
 */
final class PeekableQueue<T> {

  private static final Object[] NONE = {};
  private static final int INITIAL_CAPACITY = 16;

  /** The slots, a power of two long; replaced (never changed again) when it grows. */
  private Object[] items = new Object[INITIAL_CAPACITY];
  /** The count of items ever polled: the next to poll is at {@code head & mask}. */
  private int head;
  /** The count of items ever added: the next add goes to {@code tail & mask}. */
  private int tail;

  PeekableQueue() {
  }

  /** A queue whose counters start at {@code start}: a test's way to wrap them around soon. */
  PeekableQueue(int start) {
    head = start;
    tail = start;
  }

  // ------------------------------------------------------------------ the owner's side

  boolean isEmpty() {
    return head == tail;
  }

  int size() {
    return tail - head;
  }

  void add(T item) {
    Object[] slots = items;
    int t = tail;
    if (t - head == slots.length) {
      slots = grow(slots);
    }
    slots[t & (slots.length - 1)] = item;
    VarHandle.releaseFence(); // the item is seen before the tail that counts it
    tail = t + 1;
  }

  @SuppressWarnings("unchecked")
  T poll() {
    int h = head;
    if (h == tail) {
      return null;
    }
    Object[] slots = items;
    int at = h & (slots.length - 1);
    T item = (T) slots[at];
    head = h + 1;
    VarHandle.storeStoreFence(); // the head has passed the slot before the slot is cleared or reused
    slots[at] = null;
    return item;
  }

  /** The items, oldest first, for the owner. */
  Object[] toArray() {
    return copy(items, head, tail);
  }

  private Object[] grow(Object[] old) {
    Object[] slots = new Object[old.length * 2];
    for (int i = head; i != tail; i++) {
      slots[i & (slots.length - 1)] = old[i & (old.length - 1)];
    }
    VarHandle.releaseFence(); // the copied items are seen before the new array
    items = slots;
    return slots;
  }

  // ------------------------------------------------------------------ any other thread's side

  /** The number of items at one moment during the call, counting every add that returned before it. */
  int sizeSeenElsewhere() {
    for (;;) {
      int h = head;
      VarHandle.acquireFence();
      int t = tail;
      VarHandle.acquireFence();
      if (head == h) { // nothing polled between the two reads: the count was exact then
        return t - h;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * The items, oldest first, in the queue at one moment during the call: every item whose add
   * returned before the call and is not polled yet, in order, never torn.
   */
  Object[] snapshotSeenElsewhere() {
    int t = tail;
    VarHandle.acquireFence(); // the items counted by t, and the array that holds them, are seen
    Object[] slots = items;
    VarHandle.acquireFence();
    int h = head;
    VarHandle.acquireFence();
    if (t - h <= 0) {
      return NONE;
    }
    Object[] copy = copy(slots, h, t);
    VarHandle.acquireFence(); // the copy is read before the head that validates it
    int passed = head - h; // slots before head + passed may have been cleared or reused
    if (passed <= 0) {
      return copy;
    }
    if (passed >= copy.length) {
      return NONE;
    }
    return Arrays.copyOfRange(copy, passed, copy.length);
  }

  private static Object[] copy(Object[] slots, int from, int to) {
    Object[] copy = new Object[to - from];
    for (int i = from; i != to; i++) {
      copy[i - from] = slots[i & (slots.length - 1)];
    }
    return copy;
  }
}

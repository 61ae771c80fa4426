package dev.aiter.impl;

import java.lang.invoke.VarHandle;

/**
 * A first-in first-out queue without bound that one thread at a time changes (its writer: a
 * stream's context, or a holder of the writer's lock) while any other thread may count and copy
 * it without a lock. {@link PushStreamImpl} keeps its items in two of them.
 *
 * <p>Why not an {@code ArrayDeque} behind a sequence number: the writer here pays what an
 * {@code ArrayDeque} pays and nothing more, where a sequence number adds two read-modify-writes
 * of one field per add and per poll, a chain through memory from item to item. The writer's
 * stores are plain, ordered by fences rather than by a {@code VarHandle} access per field, which
 * would add frames to the deep inlined chain a push runs in. On x86 the fences emit nothing; they
 * keep the compiler, and weaker processors, from reordering these stores:
 *
 * <ul>
 *   <li>an item is stored before the tail that counts it, and the array it is in before that;
 *   <li>every earlier store, the tail included, before the head moves, so a reader that sees a
 *       head sees at least the tail of that moment;
 *   <li>the head moves past a slot before the slot is cleared or reused.
 * </ul>
 *
 * <p>{@code head} and {@code tail} are counters that only grow (they wrap around {@code int}, and
 * only their differences are compared), so a reader that sees both unchanged across its copy knows
 * the queue held exactly what it copied at that moment.
 *
 * <p>Buffers: without bound, up to 2<sup>30</sup> items; the array doubles when full and never
 * shrinks.
 */
final class SingleWriterQueue<T> {

  private static final Object[] NONE = {};
  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = 1 << 30;

  /** The slots, a power of two long; replaced (never changed again) when it grows. */
  private Object[] items = new Object[INITIAL_CAPACITY];
  /** The count of items ever polled: the next to poll is at {@code head & mask}. */
  private int head;
  /** The count of items ever added: the next add goes to {@code tail & mask}. */
  private int tail;

  SingleWriterQueue() {
  }

  /** A queue whose counters start at {@code start}: a test's way to wrap them around soon. */
  SingleWriterQueue(int start) {
    head = start;
    tail = start;
  }

  // ------------------------------------------------------------------ the writer's side

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
    VarHandle.releaseFence();
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
    VarHandle.releaseFence();
    head = h + 1;
    VarHandle.storeStoreFence();
    slots[at] = null;
    return item;
  }

  /** The items, oldest first, for the writer. */
  Object[] toArray() {
    return copy(items, head, tail);
  }

  private Object[] grow(Object[] old) {
    if (old.length == MAX_CAPACITY) {
      throw new IllegalStateException("a queue of 2^30 items is full: items are pushed far faster than delivered");
    }
    Object[] slots = new Object[old.length * 2];
    for (int i = head; i != tail; i++) {
      slots[i & (slots.length - 1)] = old[i & (old.length - 1)];
    }
    VarHandle.releaseFence();
    items = slots;
    return slots;
  }

  // ------------------------------------------------------------------ any other thread's side

  /**
   * From a thread that is not the writer: the number of items at one moment during the call,
   * counting every add that returned before it. Tries again while the writer polls meanwhile.
   */
  int sizeFromOtherThread() {
    for (;;) {
      int h = head;
      VarHandle.acquireFence();
      int t = tail;
      VarHandle.acquireFence();
      if (head == h) {
        return t - h;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * From a thread that is not the writer: the items, oldest first, that the queue held at one
   * moment during the call, so every item whose add returned before the call and whose poll did
   * not begin before it ended. Tries again while the writer adds or polls meanwhile.
   */
  Object[] toArrayFromOtherThread() {
    for (;;) {
      int t = tail;
      VarHandle.acquireFence(); // the items t counts, and the array they are in, are seen
      Object[] slots = items;
      VarHandle.acquireFence();
      int h = head;
      VarHandle.acquireFence();
      Object[] copy = copy(slots, h, t);
      VarHandle.acquireFence(); // the copy is read before the counters that validate it
      if (head == h && tail == t) {
        return copy;
      }
      Thread.onSpinWait();
    }
  }

  /** Slots {@code from} up to {@code to}; none when {@code to} is not past {@code from} (a stale head). */
  private static Object[] copy(Object[] slots, int from, int to) {
    if (to - from <= 0) {
      return NONE;
    }
    Object[] copy = new Object[to - from];
    for (int i = from; i != to; i++) {
      copy[i - from] = slots[i & (slots.length - 1)];
    }
    return copy;
  }
}

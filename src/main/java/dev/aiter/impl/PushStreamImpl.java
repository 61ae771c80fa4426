package dev.aiter.impl;

import dev.aiter.PushStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The push source, in two queues so that a producer on the stream's own context pays no lock:
 *
 * <ul>
 *   <li>{@code local}: touched only on the context. Items pushed on the context go straight in,
 *       and delivery polls it without a lock.
 *   <li>{@code shared}: items pushed from other threads, appended under {@code lock}. The context
 *       moves them into {@code local} a whole batch at a time, under one lock.
 * </ul>
 *
 * <p>Order: a push on the context first moves what other threads pushed before it, so an item
 * pushed elsewhere before (in happens-before order) a push on the context is delivered before it;
 * each thread's items keep their order. Queries from other threads see every call that has
 * returned: counts are published ({@code localSize}, {@code sharedSize}), and a snapshot of
 * {@code local} taken off the context is validated by a sequence number ({@code version}, odd
 * while the context changes {@code local}); while such a reader waits ({@code peekers}), the
 * context changes {@code local} under {@code lock}, so the reader gets through.
 * Buffers: without bound.
 */
public final class PushStreamImpl<T> extends BaseAiter<T, PushStream<T>> implements PushStream<T> {

  /** The default write queue size, in items, of the {@code WriteStream} side. */
  public static final int DEFAULT_WRITE_QUEUE_MAX_SIZE = 1024;

  private enum Input { ACCEPTING, STOPPED, FAILED }

  /** Guards {@code shared}, the close of the input and the drain handler owed. */
  private final Object lock = new Object();
  /** Guarded by {@code lock}: items pushed from other threads, not yet moved to {@code local}. */
  private ArrayDeque<T> shared = new ArrayDeque<>();
  /** The size of {@code shared}; written under {@code lock}, read by the context without it. */
  private volatile int sharedSize;
  /** On the context only (see the class comment for readers elsewhere): next to deliver first. */
  private ArrayDeque<T> local = new ArrayDeque<>();
  /*
   * The context writes the next two plainly, ordered by fences (a VarHandle per item would add
   * frames to an already deep inlined chain, and then cost a call); readers elsewhere read them
   * with fences too, and validate what they read by the sequence number.
   */
  /** The size of {@code local}, published for readers off the context. */
  private int localSize;
  /** Sequence number of {@code local}: odd while the context changes it. */
  private int version;
  /** Threads off the context taking a snapshot of {@code local}: the context then takes the lock. */
  private final AtomicInteger peekers = new AtomicInteger();

  /** Written under {@code lock}; read without it (a push on the context checks it). */
  private volatile Input input = Input.ACCEPTING;
  /** The cause given to {@link #fail}: written before {@code input} turns FAILED. */
  private Throwable cause;
  /** The write queue was seen full and the drain handler is owed; cleared under {@code lock}. */
  private volatile boolean drainOwed;
  private volatile int writeQueueMaxSize = DEFAULT_WRITE_QUEUE_MAX_SIZE;
  private volatile Handler<Void> drainHandler;
  /** A flush of what other threads pushed is queued on the context. */
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  /** Run on the context once the input is closed by stop, fail or end; see {@link #onInputClosed}. */
  private volatile Runnable inputClosedAction;

  public PushStreamImpl(Context context) {
    super(context);
  }

  @Override
  public PushStream<T> push(T item) {
    Args.notNull(item, "item");
    if (isOnContext()) {
      checkAccepting("push");
      takeShared(); // what other threads pushed before goes first
      addLocal(item);
      appendedOnContext();
    } else {
      synchronized (lock) {
        checkAccepting("push");
        appendShared(item);
      }
      queueFlush();
    }
    return this;
  }

  @Override
  @SafeVarargs
  public final PushStream<T> push(T... items) {
    Args.notNull(items, "items");
    for (int i = 0; i < items.length; i++) {
      Args.notNull(items[i], "items[" + i + "]");
    }
    if (isOnContext()) {
      checkAccepting("push");
      takeShared();
      for (T item : items) {
        addLocal(item);
      }
      appendedOnContext();
    } else {
      synchronized (lock) {
        checkAccepting("push");
        for (T item : items) {
          appendShared(item);
        }
      }
      queueFlush();
    }
    return this;
  }

  @Override
  public void stop() {
    boolean closed;
    synchronized (lock) {
      closed = input == Input.ACCEPTING;
      if (closed) {
        input = Input.STOPPED;
      }
    }
    if (closed) {
      inputClosed();
    }
    signalClosed();
  }

  @Override
  public void fail(Throwable cause) {
    Args.notNull(cause, "cause");
    synchronized (lock) {
      checkAccepting("fail");
      this.cause = cause;
      input = Input.FAILED; // after the cause: a reader that sees FAILED sees the cause
    }
    inputClosed();
    signalClosed();
  }

  /**
   * Sets what runs, on the context, once {@code stop}, {@code fail} or {@code end} has closed the
   * input: {@code active} lets go of its source then, so the source keeps what it produces later.
   */
  void onInputClosed(Runnable action) {
    inputClosedAction = action;
  }

  private void inputClosed() {
    Runnable action = inputClosedAction;
    if (action == null) {
      return;
    }
    if (isOnContext()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  @Override
  public boolean isStopped() {
    return input != Input.ACCEPTING;
  }

  @Override
  public boolean isItemAvailable() {
    return size() > 0;
  }

  @Override
  public boolean isLenAtLeast(long n) {
    return size() >= n;
  }

  @Override
  public Iterator<T> availableIterator() {
    return snapshot().iterator();
  }

  @Override
  public int size() {
    if (isOnContext()) {
      return local.size() + sharedSize;
    }
    synchronized (lock) { // a move from shared to local is seen whole
      return publishedLocalSize() + sharedSize;
    }
  }

  // ------------------------------------------------------------------ WriteStream

  @Override
  public Future<Void> write(T data) {
    Args.notNull(data, "data");
    if (isOnContext()) {
      if (input != Input.ACCEPTING) {
        return writeAfterEnd();
      }
      takeShared();
      addLocal(data);
      appendedOnContext();
    } else {
      synchronized (lock) {
        if (input != Input.ACCEPTING) {
          return writeAfterEnd();
        }
        appendShared(data);
      }
      queueFlush();
    }
    return Future.succeededFuture();
  }

  private static Future<Void> writeAfterEnd() {
    return Future.failedFuture(new IllegalStateException("write after end: the PushStream is stopped"));
  }

  @Override
  public Future<Void> end() {
    stop();
    return Future.succeededFuture();
  }

  @Override
  public PushStream<T> setWriteQueueMaxSize(int maxSize) {
    writeQueueMaxSize = Args.positive(maxSize, "maxSize");
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return size() >= writeQueueMaxSize;
  }

  @Override
  public PushStream<T> drainHandler(Handler<Void> handler) {
    drainHandler = handler;
    return this;
  }

  // ------------------------------------------------------------------ delivery, on the context

  @Override
  protected T poll() {
    T item = pollLocal();
    if (item == null && sharedSize != 0) {
      takeShared();
      item = pollLocal();
    }
    if (local.isEmpty()) {
      finishIfDrained(); // the end needs no further demand
    }
    if (drainOwed) {
      drainHandlerIfDue();
    }
    return item;
  }

  private void drainHandlerIfDue() {
    synchronized (lock) {
      if (!drainOwed || local.size() + sharedSize > writeQueueMaxSize / 2) {
        return;
      }
      drainOwed = false;
    }
    Handler<Void> h = drainHandler;
    if (h != null) {
      try {
        h.handle(null);
      } catch (Throwable t) {
        reportException(t);
      }
    }
  }

  /** Under {@code lock}: appends an item pushed from another thread. */
  private void appendShared(T item) {
    shared.add(item);
    int size = sharedSize + 1;
    sharedSize = size;
    if (!drainOwed && size + publishedLocalSize() >= writeQueueMaxSize) {
      drainOwed = true;
    }
  }

  /** After items were appended on the context: the write queue, then delivery. */
  private void appendedOnContext() {
    if (!drainOwed && local.size() + sharedSize >= writeQueueMaxSize) {
      drainOwed = true; // only the context clears it, and never concurrently with this
    }
    drain();
  }

  /** On the context: moves what other threads pushed into {@code local}, a batch under one lock. */
  private void takeShared() {
    if (sharedSize == 0) {
      return;
    }
    synchronized (lock) {
      int n = sharedSize;
      if (n == 0) {
        return;
      }
      beginChange();
      if (local.isEmpty()) {
        ArrayDeque<T> taken = shared; // swap: no copy
        shared = local;
        local = taken;
      } else {
        T item;
        while ((item = shared.poll()) != null) {
          local.add(item);
        }
      }
      endChange(local.size());
      sharedSize = 0; // after localSize: a reader never misses a moved item
    }
  }

  /** On the context: appends to {@code local}. */
  private void addLocal(T item) {
    if (peekers.get() != 0) {
      synchronized (lock) {
        addLocalNow(item);
      }
    } else {
      addLocalNow(item);
    }
  }

  private void addLocalNow(T item) {
    beginChange();
    local.add(item);
    endChange(local.size());
  }

  /** On the context: the next item of {@code local}, or {@code null}. */
  private T pollLocal() {
    if (local.isEmpty()) {
      return null;
    }
    if (peekers.get() != 0) {
      synchronized (lock) {
        return pollLocalNow();
      }
    }
    return pollLocalNow();
  }

  private T pollLocalNow() {
    beginChange();
    T item = local.poll();
    endChange(local.size());
    return item;
  }

  private void beginChange() {
    version++;
    VarHandle.storeStoreFence(); // the odd number is seen before any change to local
  }

  private void endChange(int size) {
    VarHandle.releaseFence(); // the change to local is seen before the even number
    localSize = size;
    version++;
  }

  /** Off the context: the size of {@code local} last published. */
  private int publishedLocalSize() {
    VarHandle.acquireFence();
    int size = localSize;
    VarHandle.acquireFence();
    return size;
  }

  /** The buffered items, oldest first: {@code local}, then {@code shared}. */
  private List<T> snapshot() {
    if (isOnContext()) {
      synchronized (lock) {
        return join(local.toArray(), shared.toArray());
      }
    }
    peekers.incrementAndGet();
    try {
      synchronized (lock) {
        // The context changes local under the lock once it sees a peeker; until then a change
        // may be in flight, which the sequence number shows.
        for (;;) {
          VarHandle.acquireFence();
          int before = version;
          VarHandle.acquireFence();
          if ((before & 1) == 0) {
            try {
              Object[] items = local.toArray();
              VarHandle.acquireFence();
              if (version == before) {
                return join(items, shared.toArray());
              }
            } catch (RuntimeException raced) {
              // read while the context changed it: the sequence number says so too; try again
            }
          }
          Thread.onSpinWait();
        }
      }
    } finally {
      peekers.decrementAndGet();
    }
  }

  @SuppressWarnings("unchecked")
  private List<T> join(Object[] first, Object[] second) {
    List<T> all = new ArrayList<>(first.length + second.length);
    for (Object item : first) {
      all.add((T) item);
    }
    for (Object item : second) {
      all.add((T) item);
    }
    return Collections.unmodifiableList(all);
  }

  private void checkAccepting(String call) {
    Input now = input;
    if (now != Input.ACCEPTING) {
      throw new IllegalStateException(call + " after stop: the PushStream is " + now.name().toLowerCase());
    }
  }

  /** After stop or fail: the end may be due now that the input is closed. */
  private void signalClosed() {
    if (isOnContext()) {
      flush();
    } else {
      queueFlush();
    }
  }

  private void queueFlush() {
    if (flushQueued.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        flushQueued.set(false);
        flush();
      });
    }
  }

  private void flush() {
    if (local.isEmpty()) {
      finishIfDrained();
    }
    drain();
  }

  /** With {@code local} empty: ends the stream once the input is closed and nothing is left. */
  private void finishIfDrained() {
    Input now = input; // first the input, then shared: once closed, nothing more is appended
    if (now == Input.ACCEPTING || sharedSize != 0 || !isOpen()) {
      return;
    }
    if (now == Input.FAILED) {
      failWith(cause);
    } else {
      complete();
    }
  }

  @Override
  public String toString() {
    Input now = input;
    return "PushStream" + Arrays.toString(snapshot().toArray()) + (now == Input.ACCEPTING ? "" : " " + now.name().toLowerCase());
  }
}

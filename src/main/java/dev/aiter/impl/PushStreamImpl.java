package dev.aiter.impl;

import dev.aiter.PushStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The push source, in two queues so that a producer on the stream's own context pays no lock:
 *
 * <ul>
 *   <li>{@code local}: changed only on the context. Items pushed on the context go straight in,
 *       and delivery polls it without a lock.
 *   <li>{@code shared}: items pushed from other threads, appended under {@code lock}. The context
 *       moves them into {@code local} a whole batch at a time, under one lock.
 * </ul>
 *
 * <p>Order: a push on the context first moves what other threads pushed before it, so an item
 * pushed elsewhere before (in happens-before order) a push on the context is delivered before it;
 * each thread's items keep their order. Queries from other threads see every call that has
 * returned: they hold {@code lock}, so no move from {@code shared} to {@code local} is half
 * done, and count and copy {@code local} without stopping the context ({@link SingleWriterQueue}).
 * Buffers: without bound.
 */
public final class PushStreamImpl<T> extends BaseAiter<T, PushStream<T>> implements PushStream<T> {

  /** The default write queue size, in items, of the {@code WriteStream} side. */
  public static final int DEFAULT_WRITE_QUEUE_MAX_SIZE = 1024;

  private enum Input { ACCEPTING, STOPPED, FAILED }

  /** Guards {@code shared}, the close of the input and the drain handler owed. */
  private final Object lock = new Object();
  /** Guarded by {@code lock}: items pushed from other threads, not yet moved to {@code local}. */
  private SingleWriterQueue<T> shared = new SingleWriterQueue<>();
  /** The size of {@code shared}; written under {@code lock}, read by the context without it. */
  private volatile int sharedSize;
  /**
   * Changed on the context only, swapped with {@code shared} under {@code lock}: next to deliver
   * first. Readers elsewhere hold {@code lock} and use its {@code FromOtherThread} queries.
   */
  private SingleWriterQueue<T> local = new SingleWriterQueue<>();

  /** Written under {@code lock}; read without it (a push on the context checks it). */
  private volatile Input input = Input.ACCEPTING;
  /** The cause given to {@link #fail}: written before {@code input} turns FAILED. */
  private Throwable cause;
  /**
   * A writer saw the write queue full ({@link #writeQueueFull}): the drain handler is owed once the
   * queue is down to half. Set there rather than on every push, which would cost each push three
   * more volatile reads for writers that never ask; a pipe asks after each write. Set from any
   * thread, cleared under {@code lock} once the drain handler is due.
   */
  private volatile boolean drainOwed;
  /** The thread {@link #pushesOnContext} last found on the context, or {@code null}. */
  private Thread pushingThread;
  private volatile int writeQueueMaxSize = DEFAULT_WRITE_QUEUE_MAX_SIZE;
  private volatile Handler<Void> drainHandler;
  /** A flush of what other threads pushed is queued on the context. */
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  /**
   * Run on the context once, when the input is closed by stop, fail or end, or the stream closes;
   * see {@link #onInputClosed}. Cleared as it runs: the end waits for it.
   */
  private volatile Runnable inputClosedAction;
  /** {@code active} feeds this stream from a source ({@link #onInputClosed}). On the context. */
  private boolean drainsASource;
  /**
   * The gate that takes items straight from {@code local} ({@link #readInPlace}), or {@code null}:
   * new items and the end wake its drain loop instead of this stream's. Changed on the context.
   */
  private BaseAiter<T, ?> readBy;

  public PushStreamImpl(Context context) {
    super(context);
  }

  @Override
  public PushStream<T> push(T item) {
    if (item != null && pushesOnContext()) {
      pushHere(item);
    } else {
      pushElsewhere(Args.notNull(item, "item"));
    }
    return this;
  }

  /**
   * {@link #isOnContext} for a push, which checks once per item: two compares once the context's
   * thread has pushed here (S8, with the write queue left to {@link #writeQueueFull}: 81.4 against
   * 75.4 M items/s, 1.05 .. 1.13 over 6 paired rounds; in {@code BaseAiter.isOnContext} for every
   * stream it cost S3's paced map 3 %). Only an event loop found on the context by the full test
   * writes itself to {@code pushingThread}, so a stale read elsewhere never matches: it costs that
   * thread the full test. A worker context's threads are not remembered: they also run {@code
   * executeBlocking} code with the context current, beside the context's tasks.
   */
  private boolean pushesOnContext() {
    Context current = Vertx.currentContext();
    if (current == context && Thread.currentThread() == pushingThread) {
      return true;
    }
    if (!isContext(current)) {
      return false;
    }
    if (context.isEventLoopContext()) {
      pushingThread = Thread.currentThread();
    }
    return true;
  }

  /** A push on the context: no lock, straight into {@code local}. */
  private void pushHere(T item) {
    checkAccepting("push");
    takeShared(); // what other threads pushed before goes first
    local.add(item);
    wake();
  }

  /** A push from another thread: under {@code lock}, then a flush is queued on the context. */
  private void pushElsewhere(T item) {
    synchronized (lock) {
      checkAccepting("push");
      appendShared(item);
    }
    queueFlush();
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
        local.add(item);
      }
      wake();
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
    drainsASource = true;
    inputClosedAction = action;
  }

  /**
   * On the context: an item of {@code active}'s source. One that comes after a stop from another
   * thread, before the release that stop queued, still goes out, ahead of the end; a check of
   * {@link #isStopped} before a {@link #push} could not promise that, since the stop may land
   * between the two and the push would throw the item away.
   */
  void pushFromSource(T item) {
    if (input == Input.ACCEPTING) {
      takeShared();
      local.add(item); // a stop landing now still finds it: the end waits for local to drain
      wake();
    } else {
      runInputClosedAction();
      pushLate(item);
    }
  }

  private void inputClosed() {
    if (inputClosedAction == null) {
      return;
    }
    if (isOnContext()) {
      runInputClosedAction();
    } else {
      context.runOnContext(v -> {
        runInputClosedAction();
        flush(); // the end may have waited for it
      });
    }
  }

  /**
   * Runs the {@link #onInputClosed} action now, on the context, if it has not run: {@code active}
   * does so when an item of its source comes after a stop from another thread and before the
   * release that stop queued.
   */
  void runInputClosedAction() {
    Runnable action = inputClosedAction;
    if (action != null) {
      inputClosedAction = null;
      action.run();
    }
  }

  /**
   * On the context, after the input closed: an item {@code active}'s source delivered before it
   * was let go of. It goes out before the end, which waited for that release.
   */
  private void pushLate(T item) {
    local.add(item);
    wake();
  }

  @Override
  protected void onClose() {
    runInputClosedAction(); // the consumer let go of this stream: active lets go of its source
  }

  /**
   * A plain push source is the caller's (contract 9): a terminal done with it only lets go of it,
   * and it goes on taking pushes for its next consumer. {@code active}'s closes, so that it lets
   * go of the source it drains.
   */
  @Override
  void closeForTerminal() {
    if (drainsASource) {
      super.closeForTerminal();
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
      return local.sizeFromOtherThread() + sharedSize;
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
      local.add(data);
      wake();
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
    if (size() < writeQueueMaxSize) {
      return false;
    }
    if (!drainOwed) {
      drainOwed = true;
      // From another thread, the queue may have drained between the look above and now, with
      // nothing left to poll that would look again: the context looks once more.
      context.runOnContext(v -> drainHandlerIfDue());
    }
    return true;
  }

  @Override
  public PushStream<T> drainHandler(Handler<Void> handler) {
    drainHandler = handler;
    if (handler != null && drainOwed) {
      // Set after writeQueueFull (a pipe does so): the queue may have drained in between.
      context.runOnContext(v -> drainHandlerIfDue());
    }
    return this;
  }

  // ------------------------------------------------------------------ delivery, on the context

  /**
   * Lets {@code gate}, the one consumer of this stream, on its context, take items with {@link
   * #poll} from its own drain loop, so that an item passes one stage, not two ({@code null} ends
   * that). This stream stays paused meanwhile: its end and failure still reach the gate's
   * handlers.
   */
  void readInPlace(BaseAiter<T, ?> gate) {
    readBy = gate;
  }

  /** Items or the end arrived: the drain loop that delivers them runs, or goes round again. */
  private void wake() {
    BaseAiter<T, ?> gate = readBy;
    if (gate != null) {
      gate.drain();
    } else {
      drain();
    }
  }

  @Override
  protected T poll() {
    T item = local.poll();
    if (item == null && sharedSize != 0) {
      takeShared();
      item = local.poll();
    }
    if (local.isEmpty()) {
      finishIfDrained(); // the end needs no further demand
    }
    if (drainOwed) {
      drainHandlerIfDue();
    }
    return item;
  }

  /**
   * Once the queue is down to half, runs the drain handler as a task of its own: {@link #poll} runs
   * between the drain loop's look at the consumer's demand and the delivery, where a handler that
   * pauses or fetches (a pipe's resumes its source) would void that look.
   */
  private void drainHandlerIfDue() {
    Handler<Void> h;
    synchronized (lock) {
      h = drainHandler;
      // Owed until a handler is there to take it: a pipe sets its handler after writeQueueFull.
      if (h == null || !drainOwed || local.size() + sharedSize > writeQueueMaxSize / 2) {
        return;
      }
      drainOwed = false;
    }
    // What it throws is the writer's bug, not the stream's failure: Vert.x reports it to the
    // context's exception handler, as for any task.
    context.runOnContext(v -> h.handle(null));
  }

  /** Under {@code lock}: appends an item pushed from another thread. */
  private void appendShared(T item) {
    shared.add(item);
    sharedSize = sharedSize + 1;
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
      if (local.isEmpty()) {
        SingleWriterQueue<T> taken = shared; // local is empty: take shared whole, copying nothing
        shared = local;
        local = taken;
      } else {
        T item;
        while ((item = shared.poll()) != null) {
          local.add(item);
        }
      }
      sharedSize = 0;
    }
  }

  /** The buffered items, oldest first: {@code local}, then {@code shared}. */
  private List<T> snapshot() {
    synchronized (lock) {
      Object[] first = isOnContext() ? local.toArray() : local.toArrayFromOtherThread();
      return join(first, shared.toArray());
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
    wake();
  }

  /** With {@code local} empty: ends the stream once the input is closed and nothing is left. */
  private void finishIfDrained() {
    Input now = input; // first the input, then shared: once closed, nothing more is appended
    if (now == Input.ACCEPTING || sharedSize != 0 || !isOpen() || inputClosedAction != null) {
      return; // open, or items are left, or active's source may still deliver before its release
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

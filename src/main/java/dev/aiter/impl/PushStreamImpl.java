package dev.aiter.impl;

import dev.aiter.PushStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The push source. Producers on any thread append to {@code queue} under its lock, so every
 * observer sees every call that has returned; delivery runs on the context, polling the queue.
 * Buffers: without bound.
 */
public final class PushStreamImpl<T> extends BaseAiter<T, PushStream<T>> implements PushStream<T> {

  /** The default write queue size, in items, of the {@code WriteStream} side. */
  public static final int DEFAULT_WRITE_QUEUE_MAX_SIZE = 1024;

  private enum Input { ACCEPTING, STOPPED, FAILED }

  /** Items pushed and not yet delivered; also the lock of the fields marked "guarded". */
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  /** Guarded by {@code queue}. */
  private Input input = Input.ACCEPTING;
  /** Guarded by {@code queue}: the cause given to {@link #fail}. */
  private Throwable cause;
  /** Guarded by {@code queue}: the write queue was seen full and the drain handler is owed. */
  private boolean drainOwed;
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
    synchronized (queue) {
      checkAccepting("push");
      append(item);
    }
    signal();
    return this;
  }

  @Override
  @SafeVarargs
  public final PushStream<T> push(T... items) {
    Args.notNull(items, "items");
    for (int i = 0; i < items.length; i++) {
      Args.notNull(items[i], "items[" + i + "]");
    }
    synchronized (queue) {
      checkAccepting("push");
      for (T item : items) {
        append(item);
      }
    }
    signal();
    return this;
  }

  @Override
  public void stop() {
    boolean closed;
    synchronized (queue) {
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
    synchronized (queue) {
      checkAccepting("fail");
      input = Input.FAILED;
      this.cause = cause;
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
    synchronized (queue) {
      return input != Input.ACCEPTING;
    }
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
    synchronized (queue) {
      return List.copyOf(queue).iterator();
    }
  }

  @Override
  public int size() {
    synchronized (queue) {
      return queue.size();
    }
  }

  // ------------------------------------------------------------------ WriteStream

  @Override
  public Future<Void> write(T data) {
    Args.notNull(data, "data");
    synchronized (queue) {
      if (input != Input.ACCEPTING) {
        return Future.failedFuture(new IllegalStateException("write after end: the PushStream is stopped"));
      }
      append(data);
    }
    signal();
    return Future.succeededFuture();
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
    T item;
    Input ended;
    Throwable failure;
    boolean drained = false;
    synchronized (queue) {
      item = queue.poll();
      ended = queue.isEmpty() ? input : Input.ACCEPTING;
      failure = cause;
      if (drainOwed && queue.size() <= writeQueueMaxSize / 2) {
        drainOwed = false;
        drained = true;
      }
    }
    finish(ended, failure); // the end needs no further demand
    if (drained) {
      Handler<Void> h = drainHandler;
      if (h != null) {
        try {
          h.handle(null);
        } catch (Throwable t) {
          reportException(t);
        }
      }
    }
    return item;
  }

  private void append(T item) {
    queue.add(item);
    if (queue.size() >= writeQueueMaxSize) {
      drainOwed = true;
    }
  }

  private void checkAccepting(String call) {
    if (input != Input.ACCEPTING) {
      throw new IllegalStateException(call + " after stop: the PushStream is " + input.name().toLowerCase());
    }
  }

  /** Makes what was pushed visible to the consumer: now on the context, else queued onto it. */
  private void signal() {
    if (isOnContext()) {
      drain(); // an item was appended: the input is still open, no end to look for
    } else {
      queueFlush();
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
    Input ended;
    Throwable failure;
    synchronized (queue) {
      ended = queue.isEmpty() ? input : Input.ACCEPTING;
      failure = cause;
    }
    finish(ended, failure);
    drain();
  }

  private void finish(Input ended, Throwable failure) {
    if (ended == Input.ACCEPTING || !isOpen()) {
      return;
    }
    if (ended == Input.FAILED) {
      failWith(failure);
    } else {
      complete();
    }
  }

  @Override
  public String toString() {
    synchronized (queue) {
      return "PushStream" + Arrays.toString(queue.toArray()) + (input == Input.ACCEPTING ? "" : " " + input.name().toLowerCase());
    }
  }
}

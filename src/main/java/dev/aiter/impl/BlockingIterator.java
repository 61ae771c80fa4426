package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code toIterator}: a blocking iterator over a stream, for threads that may block. It keeps at
 * most {@value #BATCH} items fetched ahead, asking for half a batch each time half was taken.
 */
public final class BlockingIterator<T> implements Iterator<T> {

  static final int BATCH = 64;
  private static final Object END = new Object();

  private final ReadStream<T> stream;
  /** Items, then {@link #END} or a {@link Failure}; filled on the stream's context. */
  private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  /** Items taken since the last fetch. */
  private int taken;
  /** The signal {@link #hasNext} took and {@link #next} has not handed out. */
  private Object next;

  private record Failure(Throwable cause) {
  }

  public BlockingIterator(ReadStream<T> stream) {
    Args.notNull(stream, "stream");
    if (Context.isOnEventLoopThread()
        || stream instanceof BaseAiter && Vertx.currentContext() == ((BaseAiter<?, ?>) stream).context) {
      throw new IllegalStateException("Aiter.toIterator blocks, so it cannot run on an event-loop"
          + " thread or on the stream's own context: call it from a worker, a virtual thread or main");
    }
    this.stream = stream;
    stream.pause();
    stream.exceptionHandler(t -> arrived.add(new Failure(t)));
    stream.endHandler(v -> arrived.add(END));
    stream.handler(arrived::add);
    stream.fetch(BATCH);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = arrived.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next item", e);
      }
    }
    if (next instanceof Failure) {
      Throwable cause = ((Failure) next).cause;
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CompletionException(cause);
    }
    return next != END;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    T item = (T) next;
    next = null;
    if (++taken == BATCH / 2) {
      taken = 0;
      stream.fetch(BATCH / 2);
    }
    return item;
  }
}

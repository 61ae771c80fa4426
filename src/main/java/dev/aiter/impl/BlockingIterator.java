package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code toIterator}: a blocking iterator over a stream, for threads that may block. It keeps at
 * most {@value #BATCH} items fetched ahead, asking for half a batch each time half was taken.
 *
 * <p>Where it may wait: off Vert.x threads it waits with {@link Future#await}, which on a virtual
 * thread of a virtual-thread context suspends the task and lets the context deliver meanwhile (so
 * even a stream of that very context is iterated), and elsewhere (main, a plain thread) blocks. On a
 * Vert.x worker thread, where {@code await} is refused, it blocks, but only where that thread cannot
 * be the one to deliver: inside {@code executeBlocking} of an event-loop context, or on a worker
 * context for an Aiter of another context. It refuses at once on an event-loop thread, and on a
 * worker context for a stream that may deliver there (that context's own Aiter, or any stream
 * that is not an Aiter, whose context cannot be known).
 */
public final class BlockingIterator<T> implements Iterator<T> {

  static final int BATCH = 64;
  private static final Object END = new Object();

  /** How the calling thread waits for the next signal. */
  private enum Waiting {
    /** {@link Future#await}: suspends a virtual-thread context's task, else blocks the thread. */
    AWAIT,
    /** Blocks a Vert.x worker thread that cannot be the one to deliver. */
    BLOCK
  }

  private final ReadStream<T> stream;
  private final Waiting waiting;
  /** Items, then {@link #END} or a {@link Failure}; filled by the stream's handlers. Its own lock. */
  private final ArrayDeque<Object> arrived = new ArrayDeque<>();
  /** Completed by the next signal; set while the iterator waits. Guarded by {@link #arrived}. */
  private Promise<Void> wakeUp;
  /** Items taken since the last fetch. */
  private int taken;
  /** The signal {@link #hasNext} took and {@link #next} has not handed out. */
  private Object next;

  private record Failure(Throwable cause) {
  }

  public BlockingIterator(ReadStream<T> stream) {
    Args.notNull(stream, "stream");
    this.waiting = waitingFor(stream);
    ReadStream<T> read = adoptedIfItLivesHere(stream);
    BaseAiter.claim(read, "toIterator");
    this.stream = read;
    read.pause();
    read.exceptionHandler(t -> arrive(new Failure(t)));
    read.endHandler(v -> arrive(END));
    read.handler(this::arrive);
    read.fetch(BATCH);
  }

  /**
   * Inside {@code executeBlocking} of an event-loop context, a stream that is not an Aiter is
   * taken to live on that context (as {@code Aiter.of} would) and is adopted there: it is then
   * called on its event loop, not from this blocked worker (contract 1), and a {@code null} it
   * delivers fails the iteration in its place. Off any context its context cannot be known, and
   * calling it from this thread would drive it beside its event loop (contract 1): refused, as
   * every entry point refuses, naming the adoption that says where it lives (found in review).
   */
  private static <T> ReadStream<T> adoptedIfItLivesHere(ReadStream<T> stream) {
    if (stream instanceof BaseAiter) {
      return stream;
    }
    Context current = Contexts.current("Aiter.toIterator");
    if (!current.isEventLoopContext()) {
      return stream;
    }
    return new AdoptedStream<>(current, stream);
  }

  /** How the calling thread may wait for {@code stream}; refused where it would deadlock. */
  private static Waiting waitingFor(ReadStream<?> stream) {
    if (!Context.isOnVertxThread()) {
      return Waiting.AWAIT;
    }
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("Aiter.toIterator blocks, so it cannot run on an event-loop"
          + " thread: call it from a virtual-thread verticle, executeBlocking, a worker, or main");
    }
    Context current = Vertx.currentContext();
    if (current == null || current.isEventLoopContext()) {
      return Waiting.BLOCK; // executeBlocking: the context delivers on its event loop, which is free
    }
    if (stream instanceof BaseAiter && ((BaseAiter<?, ?>) stream).context != current) {
      return Waiting.BLOCK;
    }
    throw new IllegalStateException("Aiter.toIterator blocks, so on a worker context it takes only an"
        + " Aiter of another context: this thread may be the one to deliver the stream's items (a"
        + " stream that is not an Aiter, or one of this context, delivers here); use a"
        + " virtual-thread verticle, or the stream's handlers");
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = nextSignal();
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

  /** Called by the stream's handlers, on whatever thread it delivers. */
  private void arrive(Object signal) {
    Promise<Void> woken;
    synchronized (arrived) {
      arrived.add(signal);
      woken = wakeUp;
      wakeUp = null;
    }
    if (woken != null) {
      woken.complete();
    }
  }

  private Object nextSignal() {
    for (;;) {
      Promise<Void> woken;
      synchronized (arrived) {
        Object signal = arrived.poll();
        if (signal != null) {
          return signal;
        }
        woken = wakeUp = Promise.promise();
      }
      try {
        if (waiting == Waiting.AWAIT) {
          Future.await(woken.future());
        } else {
          woken.future().toCompletionStage().toCompletableFuture().get();
        }
      } catch (InterruptedException e) {
        // Also what await throws when the virtual-thread context closes under it.
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next item", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e); // never: the promise only succeeds
      }
    }
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * {@code concat}: the sources one after another, each to its end. A source is subscribed (paused)
 * only once the one before it has ended, and is handed what the consumer asked and the one before
 * did not give; a failure fails the stream and leaves the sources not yet reached untouched.
 * Buffers: nothing.
 */
public final class ConcatStream<T> extends BaseAiter<T, Aiter<T>> {

  /** Guards {@link #advance} against re-entry: an empty source may end while it is subscribed. */
  private enum Advancing { IDLE, RUNNING, AGAIN }

  private final List<? extends ReadStream<? extends T>> sources;
  /** The index of the next source to subscribe. */
  private int next;
  /** The source being read, or {@code null} before the first and after the last. */
  private Aiter<T> current;
  /** Items asked of the current source that have not come; unbounded while the consumer flows. */
  private long asked;
  private Advancing advancing = Advancing.IDLE;

  public ConcatStream(Context context, List<? extends ReadStream<? extends T>> sources) {
    super(context);
    this.sources = sources;
    advance();
  }

  @Override
  protected void onRequest(long n) {
    asked = Demand.add(asked, n);
    if (current != null) {
      current.fetch(n);
    }
  }

  @Override
  protected void onPause() {
    asked = 0;
    if (current != null) {
      current.pause();
    }
  }

  @Override
  protected void onClose() {
    release();
  }

  private void onItem(T item) {
    asked = Demand.decrement(asked);
    emit(item);
  }

  /**
   * Moves on to the next source (or ends). Trampolined: a source that ends as soon as it is
   * subscribed asks for the next one from inside this loop, so a long run of empty sources keeps
   * the stack flat.
   */
  private void advance() {
    if (advancing != Advancing.IDLE) {
      advancing = Advancing.AGAIN;
      return;
    }
    do {
      advancing = Advancing.RUNNING;
      release();
      if (!isOpen()) {
        break;
      }
      if (next == sources.size()) {
        complete();
        break;
      }
      subscribe(sources.get(next++));
    } while (advancing == Advancing.AGAIN);
    advancing = Advancing.IDLE;
  }

  private void subscribe(ReadStream<? extends T> source) {
    @SuppressWarnings("unchecked")
    Aiter<T> stream = (Aiter<T>) AdoptedStream.on(context, source);
    claim(stream, "concat");
    current = stream;
    stream.pause();
    stream.exceptionHandler(this::failWith);
    stream.endHandler(v -> advance());
    stream.handler(this::onItem);
    if (asked == Demand.UNBOUNDED) {
      stream.resume();
    } else if (asked > 0) {
      stream.fetch(asked);
    }
  }

  /** Stops pulling the current source and lets go of it (contract 9). */
  private void release() {
    Aiter<T> stream = current;
    if (stream != null) {
      current = null;
      release(stream);
    }
  }
}

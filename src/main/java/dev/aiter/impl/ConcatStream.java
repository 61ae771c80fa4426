package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code concat}: the sources one after another, each to its end. A source is subscribed (paused)
 * only once the one before it has ended, and is handed what the consumer asked and the one before
 * did not give; a failure fails the stream and leaves the sources not yet reached untouched.
 * Buffers: nothing (but what a source that is not an {@code Aiter} delivers after a pause it had not
 * yet seen, as {@link Aiter#of(Context, ReadStream)} does).
 *
 * <p>A source that is not an {@code Aiter} is read directly, its signals carried onto the context
 * when they come on another thread (as an operator's upstream is), rather than through an adopted
 * stream: one stage less per item. Such a source is taken to live where concat was built; built
 * elsewhere than the context, it is asked for one item at a time until it delivers on the
 * context's event loop ({@link Pacing}). A source of ours on another context is read through an
 * adopted stream, which asks it for one item at a time.
 */
public final class ConcatStream<T> extends BaseAiter<T, Aiter<T>> {

  /** Guards {@link #advance} against re-entry: an empty source may end while it is subscribed. */
  private enum Advancing { IDLE, RUNNING, AGAIN }

  private final List<? extends ReadStream<? extends T>> sources;
  /**
   * For each source that is not an {@code Aiter}, the {@link ForeignUpstream} it is read through,
   * made where concat was built: that is where the source is taken to live until it delivers, and
   * one taken to live elsewhere is asked one item at a time ({@link Pacing}). {@code null} for a
   * source of ours.
   */
  private final List<ForeignUpstream<T>> foreigns;
  /** The index of the next source to subscribe. */
  private int next;
  /**
   * The source being read, or {@code null} before the first and after the last: an {@code Aiter}
   * on the context, or a foreign stream seen through a {@link ForeignUpstream}.
   */
  private ReadStream<T> current;
  /** Items asked of the current source that have not come; unbounded while the consumer flows. */
  private long asked;
  private Advancing advancing = Advancing.IDLE;

  /**
   * Consumes every source of ours at once (a claim only: nothing is touched), so that a second
   * consumer of any of them fails at once, not when this stream reaches it, built on the context
   * or off it.
   *
   * @throws IllegalStateException if a source is already consumed; none is claimed then
   */
  public ConcatStream(Context context, List<? extends ReadStream<? extends T>> sources) {
    super(context);
    this.sources = sources;
    claimAll(sources, "concat");
    this.foreigns = new ArrayList<>(sources.size());
    for (ReadStream<? extends T> source : sources) {
      @SuppressWarnings("unchecked")
      ReadStream<T> stream = (ReadStream<T>) source;
      foreigns.add(source instanceof BaseAiter ? null : new ForeignUpstream<>(stream, this));
    }
    subscribeOnContext(this::advance);
  }

  @Override
  protected void onRequest(long n) {
    asked = Demand.add(asked, n);
    if (current != null) {
      fetchCurrent(n);
    }
  }

  @Override
  protected void onPause() {
    asked = 0;
    if (current instanceof ForeignUpstream) {
      ((ForeignUpstream<T>) current).stopAsking();
    } else if (current != null) {
      current.pause();
    }
  }

  /** Asks the current source for {@code n} more: a foreign one as its pacing allows (contract 4). */
  private void fetchCurrent(long n) {
    if (current instanceof ForeignUpstream) {
      ((ForeignUpstream<T>) current).ask(context, n);
    } else {
      current.fetch(n);
    }
  }

  @Override
  protected void onClose() {
    release();
    while (next < sources.size()) { // not reached: left untouched, and free again
      unclaim(sources.get(next++));
    }
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
      try {
        subscribe(next++);
      } catch (Throwable t) {
        failWith(t); // a source that throws as it is subscribed: loud, not a stream left open
      }
    } while (advancing == Advancing.AGAIN);
    advancing = Advancing.IDLE;
  }

  private void subscribe(int index) {
    @SuppressWarnings("unchecked")
    ReadStream<T> stream = (ReadStream<T>) sources.get(index);
    ForeignUpstream<T> foreign = foreigns.get(index);
    if (foreign == null) {
      if (((BaseAiter<?, ?>) stream).context != context) {
        // One of ours on another context is adopted: its claim passes to the adopter.
        unclaim(stream);
        stream = AdoptedStream.inner(context, stream); // closed when let go of: the source is free again
        claim(stream, "concat");
      }
      current = stream;
      stream.pause();
      stream.exceptionHandler(this::failWith);
      stream.endHandler(v -> advance());
      stream.handler(this::onItem);
    } else {
      current = foreign;
      foreign.pause();
      foreign.exceptionHandler(cause -> onForeign(foreign, () -> failWith(cause)));
      foreign.endHandler(v -> onForeign(foreign, this::advance));
      foreign.handler(item -> onForeignItem(foreign, item));
    }
    if (asked > 0 && current != null) { // null: a failure it held came at once and closed this stream
      fetchCurrent(asked); // unbounded when the consumer flows
    }
  }

  /** An item from a foreign source, carried onto the context if need be; dropped once it was let go of. */
  private void onForeignItem(ForeignUpstream<T> from, T item) {
    if (arrivedHereQuickly(from)) { // never while it is asked one item at a time
      if (current == from) {
        onItem(item);
      }
    } else {
      carry(from, item);
    }
  }

  /** An item of a foreign source that came on another thread, or was asked alone, handled in a task. */
  private void carry(ForeignUpstream<T> from, T item) {
    boolean here = isHereFor(from);
    carryHere(from, v -> {
      if (current == from) {
        onPacedItem(from, item, here);
      }
    });
  }

  /** An item of a foreign source, carried here: handed on, then what its pacing wants next is asked. */
  private void onPacedItem(ForeignUpstream<T> from, T item, boolean here) {
    if (from.pacing.asWanted()) {
      onItem(item);
      return;
    }
    from.pacing.arrived(here);
    onItem(item);
    if (current == from) { // else let go of meanwhile: nothing more is asked of it
      from.askNext(context);
    }
  }

  /** The end or failure of a foreign source, as {@link #onForeignItem}. */
  private void onForeign(ForeignUpstream<T> from, Runnable signal) {
    if (arrivedHereQuickly(from)) { // else carried, as the items before it were
      if (current == from) {
        signal.run();
      }
    } else {
      carryHere(from, v -> {
        if (current == from) {
          signal.run();
        }
      });
    }
  }

  /** Stops pulling the current source and lets go of it (contract 9). */
  private void release() {
    ReadStream<T> stream = current;
    if (stream != null) {
      current = null;
      release(stream);
    }
  }
}

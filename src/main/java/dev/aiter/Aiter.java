package dev.aiter;

import dev.aiter.impl.AdoptedStream;
import dev.aiter.impl.Args;
import dev.aiter.impl.BlockingIterator;
import dev.aiter.impl.Contexts;
import dev.aiter.impl.IteratorStream;
import dev.aiter.impl.MapFilterStream;
import dev.aiter.impl.MapStream;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;
import java.util.function.Function;

/**
 * The stream type of vertx-aiter, and its facade: the static methods are the functions of
 * Python's {@code aiter} (source first), the instance methods the same combinators in fluent form,
 * so a chain never falls back to a bare {@link ReadStream}:
 *
 * <pre>{@code
 * Aiter.of(socketLines).mapFilter(this::parse).map(this::handle).pipeTo(out);
 * }</pre>
 *
 * <p>Every stream the library returns honours the stream contract of the package documentation:
 * one context, exact {@code fetch(n)} demand, nothing lost, bounded buffers, trampolined delivery,
 * end and failure exactly once. Each method says what it buffers ("Buffers") and where it runs
 * ("Context"). A combinator runs on its source's context when the source is an {@code Aiter},
 * else on the caller's current context; called off any context on a foreign stream it throws
 * {@link IllegalStateException}: adopt the stream with {@link #of(Context, ReadStream)} first.
 *
 * @param <T> the item type
 */
public interface Aiter<T> extends ReadStream<T> {

  // ------------------------------------------------------------------ adopting and sources

  /**
   * Adopts any Vert.x stream (a {@code NetSocket}, a {@code MessageConsumer}, a request body) as
   * an {@code Aiter} on the caller's current context; returns {@code stream} itself when it
   * already is an {@code Aiter}. The adopted stream is paused until the new one is consumed.
   * Buffers: nothing beyond items upstream delivers after a pause it had not yet seen.
   *
   * @throws IllegalStateException if called off any Vert.x context
   */
  static <T> Aiter<T> of(ReadStream<T> stream) {
    Args.notNull(stream, "stream");
    if (stream instanceof Aiter) {
      return (Aiter<T>) stream;
    }
    return new AdoptedStream<>(Contexts.current("Aiter.of(ReadStream)"), stream);
  }

  /**
   * Adopts any Vert.x stream as an {@code Aiter} whose handlers run on {@code context}; items
   * delivered on another thread are carried onto it. Returns {@code stream} itself when it is an
   * {@code Aiter} of this library on that context. Buffers: as {@link #of(ReadStream)}.
   */
  static <T> Aiter<T> of(Context context, ReadStream<T> stream) {
    Args.notNull(context, "context");
    Args.notNull(stream, "stream");
    return AdoptedStream.on(context, stream);
  }

  /**
   * aiter's {@code iter_to_aiter}: the elements of {@code iterable}, advanced only on demand.
   * A long flowing run yields the event loop every few milliseconds so timers and I/O get their
   * turn. An iterator that throws fails the stream with that exception. Buffers: nothing.
   * Context: the caller's, else a new one of {@code vertx}.
   */
  static <T> Aiter<T> fromIterable(Vertx vertx, Iterable<? extends T> iterable) {
    return fromIterator(vertx, Args.notNull(iterable, "iterable").iterator());
  }

  /** As {@link #fromIterable(Vertx, Iterable)}, on {@code context}. */
  static <T> Aiter<T> fromIterable(Context context, Iterable<? extends T> iterable) {
    return fromIterator(context, Args.notNull(iterable, "iterable").iterator());
  }

  /** As {@link #fromIterable(Vertx, Iterable)}, over an iterator that only this stream advances. */
  static <T> Aiter<T> fromIterator(Vertx vertx, Iterator<? extends T> iterator) {
    Args.notNull(iterator, "iterator");
    return new IteratorStream<>(Contexts.of(vertx), iterator);
  }

  /** As {@link #fromIterator(Vertx, Iterator)}, on {@code context}. */
  static <T> Aiter<T> fromIterator(Context context, Iterator<? extends T> iterator) {
    Args.notNull(context, "context");
    Args.notNull(iterator, "iterator");
    return new IteratorStream<>(context, iterator);
  }

  /**
   * aiter's {@code aiter_to_iter}: a blocking iterator over {@code stream}, for a thread that may
   * block (a worker, a virtual thread, {@code main}). It fetches at most 64 items ahead; a stream
   * failure is rethrown by {@code hasNext}/{@code next} (a checked cause wrapped in a
   * {@link java.util.concurrent.CompletionException}).
   *
   * @throws IllegalStateException at once on an event-loop thread or on the stream's own context,
   *     where blocking would deadlock
   */
  static <T> Iterator<T> toIterator(ReadStream<T> stream) {
    return new BlockingIterator<>(stream);
  }

  // ------------------------------------------------------------------ combinators

  /**
   * aiter's {@code map_aiter}: {@code f} applied to each item. A function that throws or returns
   * {@code null} fails the stream. Demand passes through one for one. Buffers: nothing.
   */
  static <T, R> Aiter<R> map(ReadStream<T> source, Function<? super T, ? extends R> f) {
    Args.notNull(f, "f");
    return new MapStream<>(Contexts.of(source, "Aiter.map"), source, f);
  }

  /**
   * aiter's {@code map_filter_aiter}: each item becomes the elements of the iterable {@code f}
   * returns, one per unit of demand however long the iterable is; an empty iterable emits nothing
   * (that is how it filters) and its demand is asked of upstream again. A function that throws or
   * returns {@code null} fails the stream. Buffers: the rest of the iterable in hand.
   */
  static <T, R> Aiter<R> mapFilter(ReadStream<T> source,
      Function<? super T, ? extends Iterable<? extends R>> f) {
    Args.notNull(f, "f");
    return new MapFilterStream<>(Contexts.of(source, "Aiter.mapFilter"), source, f);
  }

  // ------------------------------------------------------------------ fluent forms

  /** {@link #map(ReadStream, Function)} of this stream. */
  default <R> Aiter<R> map(Function<? super T, ? extends R> f) {
    return map(this, f);
  }

  /** {@link #mapFilter(ReadStream, Function)} of this stream. */
  default <R> Aiter<R> mapFilter(Function<? super T, ? extends Iterable<? extends R>> f) {
    return mapFilter(this, f);
  }

  // ------------------------------------------------------------------ ReadStream, covariant

  /**
   * Sets the data handler, run on the stream's context for each item as demand allows; {@code null}
   * stops pulling (items in hand are kept).
   */
  @Override
  Aiter<T> handler(Handler<T> handler);

  /** Sets demand to 0: no item is delivered until {@link #fetch} or {@link #resume}. */
  @Override
  Aiter<T> pause();

  /** Lets the stream flow: {@code fetch(Long.MAX_VALUE)}. */
  @Override
  Aiter<T> resume();

  /**
   * Adds {@code amount} to the demand, saturating at {@code Long.MAX_VALUE}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  @Override
  Aiter<T> fetch(long amount);

  /** Sets the handler run once, after the last item; an end already reached is delivered now. */
  @Override
  Aiter<T> endHandler(Handler<Void> endHandler);

  /**
   * Sets the handler of the stream's failure (run once, terminal) and of exceptions thrown by the
   * data handler (the stream goes on); without one both go to the context's exception handler.
   */
  @Override
  Aiter<T> exceptionHandler(Handler<Throwable> handler);
}

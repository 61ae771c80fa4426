package dev.aiter;

import dev.aiter.impl.Active;
import dev.aiter.impl.AdoptedStream;
import dev.aiter.impl.Args;
import dev.aiter.impl.AsyncCallStream;
import dev.aiter.impl.BlockingIterator;
import dev.aiter.impl.ChunksStream;
import dev.aiter.impl.ConcatStream;
import dev.aiter.impl.Contexts;
import dev.aiter.impl.FilterStream;
import dev.aiter.impl.First;
import dev.aiter.impl.ForEach;
import dev.aiter.impl.ForkStreamImpl;
import dev.aiter.impl.GatedStreamImpl;
import dev.aiter.impl.IteratorStream;
import dev.aiter.impl.JoinStream;
import dev.aiter.impl.MapAsyncOrderedStream;
import dev.aiter.impl.MapFilterStream;
import dev.aiter.impl.MapStream;
import dev.aiter.impl.PreloadStream;
import dev.aiter.impl.PublisherStream;
import dev.aiter.impl.SharableStreamImpl;
import dev.aiter.impl.SkipStream;
import dev.aiter.impl.StoppableStreamImpl;
import dev.aiter.impl.StreamPublisher;
import dev.aiter.impl.TakeStream;
import dev.aiter.impl.TakeWhileStream;
import dev.aiter.impl.ThrottleStream;
import dev.aiter.impl.TimeoutStream;
import dev.aiter.impl.ZipStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;

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
   * <p><b>An event-bus {@code MessageConsumer} discards while paused.</b> Adopting one inherits
   * Vert.x's behaviour: a paused consumer keeps at most its {@code maxBufferedMessages} (1,000 by
   * default, fixed when the consumer is made) and drops what arrives beyond, logging each; whenever
   * the chain is slower than the senders it pauses the consumer, and messages are lost. Two ways
   * out: make the consumer with a larger limit ({@code vertx.eventBus().consumer(new
   * MessageConsumerOptions().setAddress(a).setMaxBufferedMessages(n))}), which still drops past
   * {@code n}; or adopt it with {@link #active(ReadStream)}, which takes every message as it comes
   * and holds it in memory, without bound. To hold senders back, have them wait for replies.
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
   * {@code Aiter} of this library on that context. Buffers: as {@link #of(ReadStream)}; an event-bus
   * {@code MessageConsumer} discards while paused, as {@link #of(ReadStream)} says.
   *
   * <p>Context: calls into the adopted stream ({@code fetch}, {@code pause}, setting its
   * handlers) are made on the stream's own context, since a Vert.x stream (a record parser over
   * a socket, say) must not be driven from another event loop: that is the context it delivers
   * on, and until it first delivers, the context this method was called on. So call it where the
   * stream lives (in the socket's connect handler, say), naming the context that consumes it.
   * Adopted so, for a context of another event loop, the stream is asked for one item at a time,
   * the next once the one before has reached {@code context}, so that a slow consumer slows it
   * (contract 4); should it deliver on {@code context}'s event loop after all, it is asked for
   * all that is wanted from then on. Adopted on {@code context} itself, it is taken to live there.
   */
  static <T> Aiter<T> of(Context context, ReadStream<T> stream) {
    Args.notNull(context, "context");
    Args.notNull(stream, "stream");
    return AdoptedStream.on(context, stream);
  }

  /**
   * aiter's {@code iter_to_aiter}: the elements of {@code iterable}, advanced only on demand.
   * A long flowing run yields the event loop every few milliseconds so timers and I/O get their
   * turn. An iterator that throws fails the stream with that exception, and so does an iterable
   * whose {@code iterator()} throws. Buffers: nothing. Context: the caller's, else a new one of
   * {@code vertx}.
   */
  static <T> Aiter<T> fromIterable(Vertx vertx, Iterable<? extends T> iterable) {
    Args.notNull(iterable, "iterable");
    return IteratorStream.over(Contexts.of(vertx), iterable);
  }

  /** As {@link #fromIterable(Vertx, Iterable)}, on {@code context}. */
  static <T> Aiter<T> fromIterable(Context context, Iterable<? extends T> iterable) {
    Args.notNull(context, "context");
    Args.notNull(iterable, "iterable");
    return IteratorStream.over(context, iterable);
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
   * block. It fetches at most 64 items ahead; a stream failure is rethrown by {@code hasNext}/{@code
   * next} (a checked cause wrapped in a {@link java.util.concurrent.CompletionException}). A stream
   * has one consumer: a second {@code toIterator} on the same Aiter fails at once.
   *
   * <p><b>Threads:</b> on a virtual thread of a virtual-thread verticle it waits with
   * {@link io.vertx.core.Future#await}, which lets the verticle's context run meanwhile, so streams
   * of that verticle (its message consumers, its own Aiters) are iterated there; on {@code main} or
   * any other non-Vert.x thread it blocks; inside {@code executeBlocking} of an event-loop context
   * it blocks (that context delivers on its event loop); on a worker context it takes only an Aiter
   * of another context. <b>Buffers:</b> at most 64 items.
   *
   * @throws IllegalStateException at once on an event-loop thread, on a worker context for a
   *     stream that may deliver on that context (one of its Aiters, or any stream that is not an
   *     Aiter), where blocking would deadlock, on an Aiter already consumed by a {@code
   *     toIterator}, and off any Vert.x context on a stream that is not an Aiter, whose context
   *     cannot be known (adopt it first with {@link #of(Context, ReadStream)})
   */
  static <T> Iterator<T> toIterator(ReadStream<T> stream) {
    return new BlockingIterator<>(stream);
  }

  // ------------------------------------------------------------------ Reactive Streams (JDK Flow)

  /**
   * {@code stream} as a Reactive Streams {@link Flow.Publisher}, for RxJava, Reactor, Mutiny or
   * any other implementation: {@code request(n)} becomes {@code fetch(n)}, the end becomes {@code
   * onComplete} and the failure {@code onError}. {@code cancel()} stops pulling: the stream is
   * paused and every handler the publisher set is released, so the stream is the caller's again
   * (it is never stopped or closed). A stream has one consumer, so the publisher serves one
   * subscriber; a later one gets {@code onSubscribe} and {@code onError(IllegalStateException)}.
   * The stream is touched only when the subscriber comes: an end or a failure it reaches before
   * is held for the subscriber, which gets it right after {@code onSubscribe}.
   *
   * <p>Demand: exactly what the subscriber requests ({@code Long.MAX_VALUE} lets it flow); {@code
   * request(n <= 0)} cancels and signals {@code onError(IllegalArgumentException)} (rule 3.9).
   * Buffers: nothing. Context: every signal to the subscriber runs on the stream's context
   * (its own when it is an {@code Aiter}, else the caller's current one); {@code request} and
   * {@code cancel} may be called from any thread.
   *
   * @throws IllegalStateException if called off any Vert.x context on a stream that is not an
   *     {@code Aiter}
   */
  static <T> Flow.Publisher<T> toPublisher(ReadStream<T> stream) {
    Context context = Contexts.of(stream, "Aiter.toPublisher");
    return new StreamPublisher<>(context, stream);
  }

  /**
   * The items of a Reactive Streams {@link Flow.Publisher} as a stream: {@code fetch(n)} becomes
   * {@code request(n)}; the publisher's {@code onComplete} ends the stream and its {@code onError}
   * fails it, after the items received before. The stream subscribes at once, and asks for
   * nothing until it is consumed, so a cold publisher does no work early and a hot one's items are
   * not missed. The stream's failure cancels the subscription. A publisher that breaks the
   * protocol (a {@code null} item, a throwing {@code subscribe} or {@code request}) fails the
   * stream and is cancelled.
   *
   * <p>Demand: the consumer's {@code fetch(n)} is requested as is; a flowing consumer requests
   * 128 at a time, topped up as items go out. Buffers: what was requested and not yet delivered
   * (the consumer's demand, or 128 while flowing; a {@code pause} cannot take back what was
   * requested before it). Context: the caller's, else a new one of {@code vertx}; signals from the
   * publisher's threads are carried onto it.
   */
  static <T> Aiter<T> fromPublisher(Vertx vertx, Flow.Publisher<? extends T> publisher) {
    Args.notNull(publisher, "publisher");
    return PublisherStream.subscribe(Contexts.of(vertx), publisher);
  }

  /** As {@link #fromPublisher(Vertx, Flow.Publisher)}, on {@code context}. */
  static <T> Aiter<T> fromPublisher(Context context, Flow.Publisher<? extends T> publisher) {
    Args.notNull(context, "context");
    Args.notNull(publisher, "publisher");
    return PublisherStream.subscribe(context, publisher);
  }

  // ------------------------------------------------------------------ combinators

  /**
   * aiter's {@code map_aiter}: {@code f} applied to each item. A function that throws or returns
   * {@code null} fails the stream. Demand passes through one for one. Buffers: nothing. Over a map
   * nobody has used yet, on its context, the new map takes its place and applies both functions in
   * one stage (the map taken over is consumed by it, as by any operator, and let go of when it
   * stops), so a chain of maps costs one stage per item.
   */
  static <T, R> Aiter<R> map(ReadStream<T> source, Function<? super T, ? extends R> f) {
    Args.notNull(f, "f");
    return MapStream.of(Contexts.of(source, "Aiter.map"), source, f);
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
    return new MapFilterStream<>("mapFilter", Contexts.of(source, "Aiter.mapFilter"), source, f);
  }


  /**
   * aiter's {@code flatten_aiter}: the elements of each iterable the source yields, one per unit of
   * demand; an empty iterable emits nothing, a {@code null} one fails the stream. Buffers: the rest
   * of the iterable in hand.
   */
  static <T> Aiter<T> flatten(ReadStream<? extends Iterable<? extends T>> source) {
    @SuppressWarnings("unchecked")
    ReadStream<Iterable<? extends T>> iterables = (ReadStream<Iterable<? extends T>>) Args.notNull(source, "source");
    return new MapFilterStream<Iterable<? extends T>, T>("flatten", Contexts.of(source, "Aiter.flatten"), iterables, Function.identity());
  }

  /**
   * aiter's {@code map_aiter} with workers: {@code f} called on up to {@code workers} items at once,
   * results in the order their futures complete ({@code workers == 1}: source order). Once the
   * consumer has asked, calls start ahead of its demand, but calls in flight plus results not yet
   * delivered never exceed {@code workers}. A failed future, a throwing function or a null future
   * fails the stream at once (calls still in flight are not waited for); so does a future completed
   * with {@code null}, since items are never null: for a call that completes with nothing to pass on
   * (a {@code Future<Void>}, such as a store's {@code save}), use {@link #peekAsync}, which passes
   * the item itself on. Buffers: {@code workers} results. Context: the source's; {@code f} runs on
   * it, and results completed on other threads are carried onto it.
   *
   * @throws IllegalArgumentException if {@code workers <= 0}
   */
  static <T, R> Aiter<R> mapAsync(ReadStream<T> source, Function<? super T, ? extends Future<? extends R>> f,
      int workers) {
    Args.notNull(f, "f");
    Args.positive(workers, "workers");
    return AsyncCallStream.mapping("mapAsync", Contexts.of(source, "Aiter.mapAsync"), source, f, workers);
  }

  /**
   * An asynchronous side effect per item: {@code f} called on up to {@code workers} items at once,
   * and each item passed on, itself, once its future has succeeded, whatever the future's value
   * ({@code null} included, so a {@code Future<Void>} is the usual shape:
   * {@code lines.peekAsync(store::save, 5)}). Items go on in the order their futures complete
   * ({@code workers == 1}: source order). Once the consumer has asked, calls start ahead of its
   * demand, but calls in flight plus items not yet delivered never exceed {@code workers}. A failed
   * future fails the stream in its item's place (after the items delivered before it; calls still in
   * flight are not waited for); so do a throwing function and a null future. Buffers: {@code workers}
   * items. Context: the source's; {@code f} runs on it, and futures completed on other threads are
   * carried onto it.
   *
   * @throws IllegalArgumentException if {@code workers <= 0}
   */
  static <T> Aiter<T> peekAsync(ReadStream<T> source, Function<? super T, ? extends Future<?>> f, int workers) {
    Args.notNull(f, "f");
    Args.positive(workers, "workers");
    return AsyncCallStream.peeking(Contexts.of(source, "Aiter.peekAsync"), source, f, workers);
  }

  /**
   * {@link #mapAsync} whose futures complete with iterables, flattened as {@link #mapFilter} does:
   * an empty iterable filters the item out. Buffers: {@code workers} results and the rest of the
   * iterable in hand.
   *
   * @throws IllegalArgumentException if {@code workers <= 0}
   */
  static <T, R> Aiter<R> mapFilterAsync(ReadStream<T> source,
      Function<? super T, ? extends Future<? extends Iterable<? extends R>>> f, int workers) {
    Args.notNull(f, "f");
    Args.positive(workers, "workers");
    Aiter<Iterable<? extends R>> results = AsyncCallStream.<T, Iterable<? extends R>>mapping(
        "mapFilterAsync", Contexts.of(source, "Aiter.mapFilterAsync"), source, f, workers);
    return flatten(results);
  }

  /**
   * aiter's {@code gated_aiter}: items pass only as far as the credits given with {@link
   * GatedStream#push(long)} and the consumer's demand allow; credits are fetched from the source at
   * once, except from a {@link PushStream} of the same context when the gate is made on that
   * context: then the gate takes each item from the push source only when its consumer asks, and
   * the items wait there (as in aiter, whose gate pulls lazily). Buffers: the credits granted and
   * not yet delivered; over such a push source, nothing.
   */
  static <T> GatedStream<T> gated(ReadStream<T> source) {
    return new GatedStreamImpl<>(Contexts.of(source, "Aiter.gated"), source);
  }

  /**
   * aiter's {@code preload_aiter}: keeps {@code n} items fetched ahead of what the consumer asked
   * for (fewer only when the source has no more) and refills one for each item consumed; fetches
   * nothing before the consumer asks for the first item. Buffers: {@code n}.
   *
   * @throws IllegalArgumentException if {@code n <= 0}
   */
  static <T> Aiter<T> preload(ReadStream<T> source, int n) {
    Args.positive(n, "n");
    return new PreloadStream<>(Contexts.of(source, "Aiter.preload"), source, n);
  }

  /**
   * aiter's {@code active_aiter}: pulls the source eagerly, from now on, into a {@link PushStream},
   * so the source is drained even when the consumer is slow or absent; its end and failure carry
   * through, and stopping the push stream lets go of the source. Buffers: without bound: a slow
   * consumer means memory, and a drained socket no longer pushes back on its peer.
   */
  static <T> PushStream<T> active(ReadStream<T> source) {
    return Active.start(Contexts.of(source, "Aiter.active"), source);
  }

  /**
   * aiter's {@code aiter_forker}: the first fork of {@code source}; {@link ForkStream#fork()} makes
   * more, each yielding the same items from its parent's position on. Buffers: what the slowest
   * live fork has not yet passed, without bound.
   */
  static <T> ForkStream<T> forker(ReadStream<T> source) {
    return ForkStreamImpl.create(Contexts.of(source, "Aiter.forker"), source);
  }

  /**
   * aiter's {@code azip}: one list per round, holding an item of each source in order; ends as soon
   * as a source ends, and then stops pulling the others (what they produce afterwards stays
   * theirs). Sources are asked only while the consumer has demand. Buffers: at most one pending
   * item per source.
   *
   * @throws IllegalArgumentException if no source is given
   * @throws IllegalStateException if a source is already consumed (or given twice): then none is
   */
  @SafeVarargs
  static <T> Aiter<List<T>> zip(ReadStream<? extends T>... sources) {
    if (sources == null) {
      throw new NullPointerException("sources must not be null");
    }
    // Copied, not wrapped: the varargs array itself never leaves this method.
    List<ReadStream<? extends T>> list = new ArrayList<>(sources.length);
    for (ReadStream<? extends T> source : sources) {
      list.add(source);
    }
    return zip(list);
  }

  /** As {@link #zip(ReadStream[])}, over a list of sources. */
  static <T> Aiter<List<T>> zip(List<? extends ReadStream<? extends T>> sources) {
    Args.notNull(sources, "sources");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must not be empty");
    }
    for (int i = 0; i < sources.size(); i++) {
      Args.notNull(sources.get(i), "sources[" + i + "]");
    }
    return new ZipStream<T, List<T>>(Contexts.of(sources.get(0), "Aiter.zip"), sources, List::copyOf);
  }

  /** As {@link #zip(ReadStream[])} over two sources, each round combined by {@code combiner}. */
  @SuppressWarnings("unchecked")
  static <A, B, R> Aiter<R> zip(ReadStream<A> first, ReadStream<B> second, BiFunction<? super A, ? super B, ? extends R> combiner) {
    Args.notNull(first, "first");
    Args.notNull(second, "second");
    Args.notNull(combiner, "combiner");
    return new ZipStream<Object, R>(Contexts.of(first, "Aiter.zip"), first, second,
        (a, b) -> combiner.apply((A) a, (B) b));
  }

  /**
   * aiter's {@code join_aiters}: merges the inner streams the source yields, each item as it
   * arrives; nothing is dropped when inner streams produce before they are seen; each inner
   * stream's order is kept; ends when the source and every inner stream ended. Once a data handler
   * is set, inner streams are taken from the source as they come and subscribed paused (that pulls
   * nothing from them). The consumer's demand is shared among the inner streams: each is asked for
   * one item at a time while the consumer has demand, so a paused consumer pauses them all. Inner
   * streams on other contexts are carried onto this one. Buffers: at most one item per inner
   * stream.
   */
  static <T> Aiter<T> join(ReadStream<? extends ReadStream<? extends T>> source) {
    return new JoinStream<>("join", Contexts.of(source, "Aiter.join"), source);
  }

  /**
   * aiter's {@code sharable_aiter}: several {@link SharableStream#consumer() consumers} drain one
   * source; each item goes to exactly one consumer that has demand, in turn. Buffers: none beyond
   * the item in hand.
   */
  static <T> SharableStream<T> sharable(ReadStream<T> source) {
    return new SharableStreamImpl<>(Contexts.of(source, "Aiter.sharable"), source);
  }

  /**
   * aiter's {@code stoppable_aiter}: the source's items until {@link StoppableStream#stop()}, which
   * ends the stream at once and lets go of the source. Buffers: nothing.
   */
  static <T> StoppableStream<T> stoppable(ReadStream<T> source) {
    return new StoppableStreamImpl<>(Contexts.of(source, "Aiter.stoppable"), source);
  }

  // ------------------------------------------------------------------ beyond aiter: several sources

  /**
   * The sources one after another, each to its end: the items of the first, then those of the
   * second, and so on. A source is touched (handlers set, anything fetched) only once the one
   * before it has ended, and gets what the consumer asked and the one before did not give. A
   * failure fails the whole stream; the sources not yet reached stay untouched. Every source that
   * is an {@code Aiter} is consumed at once (a stream has one consumer), and a source not reached
   * is free again once the stream is done. Buffers: nothing. Context: the first source's (its own
   * when it is an {@code Aiter}, else the caller's); sources on other threads are carried onto it.
   *
   * @throws IllegalArgumentException if no source is given
   * @throws IllegalStateException if a source is already consumed (or given twice)
   */
  @SafeVarargs
  static <T> Aiter<T> concat(ReadStream<? extends T>... sources) {
    Args.notNull(sources, "sources");
    // Copied, not wrapped: the varargs array itself never leaves this method.
    List<ReadStream<? extends T>> list = new ArrayList<>(sources.length);
    for (ReadStream<? extends T> source : sources) {
      list.add(source);
    }
    return concat(list);
  }

  /** As {@link #concat(ReadStream[])}, over a list of sources (copied: later changes are not seen). */
  static <T> Aiter<T> concat(List<? extends ReadStream<? extends T>> sources) {
    List<? extends ReadStream<? extends T>> copy = checkSources(sources);
    return new ConcatStream<>(Contexts.of(copy.get(0), "Aiter.concat"), copy);
  }

  /**
   * A few streams merged: {@link #join} over the sources given. Each item goes out as it arrives,
   * each source's order is kept, and the stream ends when every source has ended; the first
   * failure fails it and lets go of every source. The consumer's demand is shared among the
   * sources, each asked for one item at a time. Every source that is an {@code Aiter} is consumed
   * at once (a stream has one consumer), and a source not reached is free again once the stream
   * is done. Buffers: at most one item per source. Context: the first source's; sources on other
   * contexts or threads are carried onto it.
   *
   * @throws IllegalArgumentException if no source is given
   * @throws IllegalStateException if a source is already consumed (or given twice)
   */
  @SafeVarargs
  static <T> Aiter<T> merge(ReadStream<? extends T>... sources) {
    Args.notNull(sources, "sources");
    // Copied, not wrapped: the varargs array itself never leaves this method.
    List<ReadStream<? extends T>> list = new ArrayList<>(sources.length);
    for (ReadStream<? extends T> source : sources) {
      list.add(source);
    }
    return merge(list);
  }

  /** As {@link #merge(ReadStream[])}, over a list of sources (copied: later changes are not seen). */
  static <T> Aiter<T> merge(List<? extends ReadStream<? extends T>> sources) {
    List<? extends ReadStream<? extends T>> copy = checkSources(sources);
    Context context = Contexts.of(copy.get(0), "Aiter.merge");
    return new JoinStream<T>(context, copy);
  }

  /** The sources of concat/merge, checked and copied. */
  private static <T> List<? extends ReadStream<? extends T>> checkSources(List<? extends ReadStream<? extends T>> sources) {
    Args.notNull(sources, "sources");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources must not be empty");
    }
    for (int i = 0; i < sources.size(); i++) {
      Args.notNull(sources.get(i), "sources[" + i + "]");
    }
    return List.copyOf(sources);
  }

  /**
   * Parallel map in source order: {@code f} called on up to {@code workers} items at once,
   * results delivered in the order of their items. A call that completes frees its worker for the
   * next item even while an earlier call is still running, as long as fewer than {@code workers}
   * finished results are held (behind an earlier call, or waiting for demand): one slow call does
   * not stop the others. Once the consumer has asked, calls start ahead of its demand within those
   * bounds. A failed call (a failed or {@code null} future, a function that throws, a {@code null}
   * result) fails the stream in its place: after the results before it, without waiting for the
   * calls after it. Buffers: {@code workers} calls in flight, and a call starts only while fewer
   * than {@code workers} finished results are held; calls already running may still finish
   * behind a slow one, so at worst {@code 2 * workers - 1} results are held (fewer than {@code 2 *
   * workers} items in all). Context: the source's; futures completed elsewhere are carried onto
   * it.
   *
   * @throws IllegalArgumentException if {@code workers <= 0}
   */
  static <T, R> Aiter<R> mapAsyncOrdered(ReadStream<T> source, Function<? super T, Future<R>> f, int workers) {
    Args.notNull(f, "f");
    Args.positive(workers, "workers");
    return new MapAsyncOrderedStream<>(Contexts.of(source, "Aiter.mapAsyncOrdered"), source, f, workers);
  }

  /**
   * {@link #forker(ReadStream)} with a bounded lag: its forks never drift more than {@code maxLag}
   * items apart. An item that would leave the slowest live fork (neither ended nor stopped, passive
   * ones included) more than {@code maxLag} items behind is not pulled until that fork catches up,
   * so the slowest consumer paces the others; a fork that stops no longer counts. Forks made from
   * it share the bound. Buffers: at most {@code maxLag} items. Context: the source's; {@link
   * ForkStream#fork} must be called on it.
   *
   * @throws IllegalArgumentException if {@code maxLag <= 0}
   */
  static <T> ForkStream<T> forker(ReadStream<T> source, int maxLag) {
    Args.positive(maxLag, "maxLag");
    return ForkStreamImpl.create(Contexts.of(source, "Aiter.forker"), source, maxLag);
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

  /** {@link #mapAsync(ReadStream, Function, int)} of this stream. */
  default <R> Aiter<R> mapAsync(Function<? super T, ? extends Future<? extends R>> f, int workers) {
    return mapAsync(this, f, workers);
  }

  /** {@link #peekAsync(ReadStream, Function, int)} of this stream. */
  default Aiter<T> peekAsync(Function<? super T, ? extends Future<?>> f, int workers) {
    return peekAsync(this, f, workers);
  }

  /** {@link #mapFilterAsync(ReadStream, Function, int)} of this stream. */
  default <R> Aiter<R> mapFilterAsync(Function<? super T, ? extends Future<? extends Iterable<? extends R>>> f,
      int workers) {
    return mapFilterAsync(this, f, workers);
  }

  /**
   * A stream per item, merged: {@code join(map(this, f))}. aiter's tutorial
   * {@code join_aiters(map_aiter(f, server))} reads {@code connections.flatMap(f)}. Buffers: as
   * {@link #join}.
   */
  default <R> Aiter<R> flatMap(Function<? super T, ? extends ReadStream<? extends R>> f) {
    return join(map(this, f));
  }

  /** {@link #gated(ReadStream)} of this stream. */
  default GatedStream<T> gated() {
    return gated(this);
  }

  /** {@link #preload(ReadStream, int)} of this stream. */
  default Aiter<T> preload(int n) {
    return preload(this, n);
  }

  /** {@link #active(ReadStream)} of this stream. */
  default PushStream<T> active() {
    return active(this);
  }

  /** {@link #forker(ReadStream)} of this stream. */
  default ForkStream<T> forker() {
    return forker(this);
  }

  /** {@link #zip(ReadStream, ReadStream, BiFunction)} of this stream and {@code other}. */
  default <B, R> Aiter<R> zipWith(ReadStream<B> other, BiFunction<? super T, ? super B, ? extends R> combiner) {
    return zip(this, other, combiner);
  }

  /** {@link #sharable(ReadStream)} of this stream. */
  default SharableStream<T> sharable() {
    return sharable(this);
  }

  /** {@link #stoppable(ReadStream)} of this stream. */
  default StoppableStream<T> stoppable() {
    return stoppable(this);
  }

  /** {@link #toIterator(ReadStream)} of this stream. */
  default Iterator<T> toIterator() {
    return toIterator(this);
  }

  /** {@link #toPublisher(ReadStream)} of this stream. */
  default Flow.Publisher<T> toPublisher() {
    return toPublisher(this);
  }

  // ------------------------------------------------------------------ beyond aiter, fluent

  /**
   * The items that match {@code predicate}; for each item dropped it asks upstream for one more,
   * so the consumer's demand is met. A predicate that throws fails the stream. Buffers: nothing.
   */
  default Aiter<T> filter(Predicate<? super T> predicate) {
    Args.notNull(predicate, "predicate");
    return new FilterStream<>(Contexts.of(this, "Aiter.filter"), this, predicate);
  }

  /**
   * The first {@code n} items, then the end; upstream is then no longer pulled. It never asks
   * upstream for an item beyond the {@code n}th: what it has received plus what it has asked and not
   * received stays within {@code n}. {@code take(0)} ends without touching upstream. Buffers:
   * nothing. Over a {@link #filter} nobody has used yet, on its context, the take takes its place
   * and does both in one stage, asking upstream as the two stages would (the filter taken over is
   * consumed, as a map taken over is: see {@link #map(ReadStream, Function)}).
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  default Aiter<T> take(long n) {
    Args.notNegative(n, "n");
    return FilterStream.take(Contexts.of(this, "Aiter.take"), this, n);
  }

  /**
   * All but the first {@code n} items: they are asked of upstream on top of the consumer's first
   * demand and dropped, then the rest passes one for one. Buffers: nothing.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  default Aiter<T> skip(long n) {
    Args.notNegative(n, "n");
    return new SkipStream<>(Contexts.of(this, "Aiter.skip"), this, n);
  }

  /**
   * The items while {@code predicate} holds; the first item for which it does not is not delivered,
   * and the stream ends and no longer pulls upstream. A predicate that throws fails the stream.
   * Buffers: nothing.
   */
  default Aiter<T> takeWhile(Predicate<? super T> predicate) {
    Args.notNull(predicate, "predicate");
    return new TakeWhileStream<>(Contexts.of(this, "Aiter.takeWhile"), this, predicate);
  }

  /** {@link #concat(ReadStream[])} of this stream, then {@code other}. */
  default Aiter<T> concatWith(ReadStream<? extends T> other) {
    Args.notNull(other, "other");
    return concat(List.of(this, other));
  }

  /** {@link #merge(ReadStream[])} of this stream and {@code other}. */
  default Aiter<T> mergeWith(ReadStream<? extends T> other) {
    Args.notNull(other, "other");
    return merge(List.of(this, other));
  }

  /** {@link #mapAsyncOrdered(ReadStream, Function, int)} of this stream. */
  default <R> Aiter<R> mapAsyncOrdered(Function<? super T, Future<R>> f, int workers) {
    return mapAsyncOrdered(this, f, workers);
  }

  /** {@link #forker(ReadStream, int)} of this stream. */
  default ForkStream<T> forker(int maxLag) {
    return forker(this, maxLag);
  }

  /**
   * Lists of at most {@code size} items, in order; demand counts lists. A list goes out when it
   * holds {@code size} items, or once {@code maxWait} has passed since its first item came and the
   * consumer has demand; while the consumer has none, it fills on up to {@code size}. The last,
   * partial list goes out before the end, and before a failure. From the consumer's first request
   * on, upstream is asked for the rest of the list being filled, never more. Buffers: {@code size}
   * items. Context: the source's; its one Vert.x timer runs on it, only while a list has items, and
   * is cancelled when the list goes out or the stream ends, fails or stops. {@code maxWait} is
   * rounded up to whole milliseconds.
   *
   * @throws IllegalArgumentException if {@code size <= 0} or {@code maxWait <= 0}
   */
  default Aiter<List<T>> chunks(int size, long maxWait, TimeUnit unit) {
    Args.positive(size, "size");
    Args.positive(maxWait, "maxWait");
    Args.notNull(unit, "unit");
    return new ChunksStream<>(Contexts.of(this, "Aiter.chunks"), this, size, unit.toNanos(maxWait));
  }

  /**
   * Fails when nothing comes: while the consumer has demand, an item, the end or a failure must
   * come within {@code delay} of the last delivery (or of the moment demand appeared); otherwise
   * the stream fails with a {@link java.util.concurrent.TimeoutException} whose message names the
   * delay, and no longer pulls upstream. No time is counted while the consumer has no demand.
   * Buffers: nothing. Context: the source's; its one Vert.x timer runs on it, only while the
   * consumer has demand, and is cancelled when demand goes or the stream ends, fails or stops.
   * {@code delay} is rounded up to whole milliseconds.
   *
   * @throws IllegalArgumentException if {@code delay <= 0}
   */
  default Aiter<T> timeout(long delay, TimeUnit unit) {
    Args.positive(delay, "delay");
    Args.notNull(unit, "unit");
    String text = delay + " " + unit.name().toLowerCase(Locale.ROOT);
    return new TimeoutStream<>(Contexts.of(this, "Aiter.timeout"), this, unit.toNanos(delay), text);
  }

  /**
   * Paces delivery: at most {@code units} items per {@code period}, as a bucket of {@code units}
   * that starts full and refills evenly over {@code period}. Buffers: one item. Context: the
   * source's; see {@link #throttle(long, long, TimeUnit, ToLongFunction)}.
   *
   * @throws IllegalArgumentException if {@code units <= 0} or {@code period <= 0}
   */
  default Aiter<T> throttle(long units, long period, TimeUnit unit) {
    return throttle(units, period, unit, item -> 1L);
  }

  /**
   * Paces delivery by weight: at most {@code units} of weight per {@code period}, each item
   * weighing what {@code weigher} says (the byte length of a {@code Buffer}, say), as a bucket of
   * {@code units} that starts full and refills evenly over {@code period}. An item goes out once
   * the bucket holds its weight; one heavier than {@code units} goes out alone once the bucket is
   * full, leaving it in debt, so it never waits forever and the rate holds over time. A weigher
   * that throws or returns a negative weight fails the stream. Upstream is asked for one item at a
   * time while the consumer has demand. Buffers: one item. Context: the source's; an item that
   * cannot go yet waits on one Vert.x timer on it, cancelled when the consumer's demand goes or
   * the stream ends, fails or stops.
   *
   * @throws IllegalArgumentException if {@code units <= 0} or {@code period <= 0}
   */
  default Aiter<T> throttle(long units, long period, TimeUnit unit, ToLongFunction<? super T> weigher) {
    Args.positive(units, "units");
    Args.positive(period, "period");
    Args.notNull(unit, "unit");
    Args.notNull(weigher, "weigher");
    return new ThrottleStream<>(Contexts.of(this, "Aiter.throttle"), this, units, unit.toNanos(period), weigher);
  }

  /**
   * Consumes this stream, flowing, handing each item to {@code handler}; the future completes at
   * the end and fails with the stream's failure. A handler that throws fails the future with that
   * exception and stops the stream (it no longer pulls and lets go of its upstream). Context: the
   * handler runs on the stream's context, where the future is completed.
   */
  default Future<Void> forEach(Handler<? super T> handler) {
    Args.notNull(handler, "handler");
    return ForEach.run(this, handler);
  }

  /**
   * Consumes this stream, flowing, into {@code collector}: the future completes with the
   * collector's result at the end and fails with the stream's failure, also one reached before
   * the call (Vert.x's own {@code collect} sets the data handler first, and such a failure went to
   * the context instead). An accumulator that throws fails the future with that exception and
   * stops the stream, as a {@code forEach} handler does. Buffers: what the collector keeps.
   * Context: the accumulator runs on the stream's context, where the future is completed.
   */
  @Override
  default <R, A> Future<R> collect(Collector<T, A, R> collector) {
    Args.notNull(collector, "collector");
    return ForEach.collect(this, collector);
  }

  /**
   * The first item: the future completes with it, and the stream is stopped (it no longer pulls
   * and lets go of its upstream). It fails with {@link java.util.NoSuchElementException} on an
   * empty stream, or with the stream's failure. Asks for exactly one item. Context: the future is
   * completed on the stream's context.
   */
  default Future<T> first() {
    return First.of(this);
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

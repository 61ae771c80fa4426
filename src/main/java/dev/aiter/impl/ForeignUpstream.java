package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.ReadStream;

/**
 * A stream that is not one of ours, seen from an operator on another context: every call into it
 * is made on the stream's own context (its "home"), since a foreign stream (a record parser over a
 * socket of another event loop, say) is not safe to drive from another thread (contract 1). The
 * home is first the context that adopted the stream, then the context it actually delivers on,
 * which {@link #deliveredOn} learns. Until either is known, calls are made directly.
 */
final class ForeignUpstream<T> implements ReadStream<T> {

  /** The class of {@code MessageConsumer.bodyStream()}, which Vert.x does not make public. */
  private static final String BODY_STREAM = "io.vertx.core.eventbus.impl.BodyReadStream";

  private final ReadStream<T> stream;
  /**
   * The stream reads the event bus ({@link #isEventBusStream}): it delivers each message on a new
   * duplicate of the context it lives on, and its calls take effect at once from that context.
   */
  private final boolean eventBus;
  /** Written on the stream's thread when it delivers, read on the operator's. */
  private volatile Context home;
  /** The context of the last delivery, on the delivering thread: spares the volatile per item. */
  private Context seen;
  /**
   * The thread the last delivery came on when it was found on the host's context, an event-loop
   * context, else {@code null}: {@link BaseAiter#arrivedHereQuickly}'s answer without the full
   * test. A worker context's threads are not remembered: they also run {@code executeBlocking}
   * code with the context current. Read and written on the delivering thread.
   */
  Thread hereThread;
  /**
   * How its reader asks it for items (contract 4): as wanted when it is taken to live on the
   * reader's event loop, else one at a time until it delivers there. Changed on the reader's
   * context only.
   */
  final Pacing pacing;

  /** {@code stream}; its home is learned from where it delivers. */
  ForeignUpstream(ReadStream<T> stream) {
    this.stream = stream;
    this.eventBus = isEventBusStream(stream);
    this.home = Vertx.currentContext();
    this.pacing = new Pacing(false);
  }

  /**
   * {@code stream}, read by {@code host}, which is being built on its context as a rule: its
   * deliveries there are then known at once, with no store on the first one.
   */
  ForeignUpstream(ReadStream<T> stream, BaseAiter<?, ?> host) {
    this.stream = stream;
    this.eventBus = isEventBusStream(stream);
    this.home = Vertx.currentContext();
    this.seen = home;
    boolean here = host.isOnContext();
    // An event loop's thread only: see BaseAiter.arrivedElsewhereOrFirst.
    this.hereThread = here && host.context.isEventLoopContext() ? Thread.currentThread() : null;
    this.pacing = new Pacing(here);
  }

  /**
   * The stream delivered a signal on {@code current}, the caller's context: that is its home. Read
   * on the delivering thread only; the home is written (and a volatile written) when it changes.
   */
  void deliveredOn(Context current) {
    if (current != seen) {
      seen = current;
      if (current != null) {
        // An event-bus consumer delivers each message on a new duplicate of the context it lives
        // on: that context is its home, or every call made from it would be queued behind the
        // consumer's next deliveries (found in review: a let-go came after the next reader).
        home = eventBus ? Contexts.unduplicated(current) : current;
      }
    }
  }

  /**
   * Whether {@code stream}, or the stream a {@link ForeignUpstream} wraps, reads the event bus: a
   * {@link MessageConsumer} or its {@code bodyStream()}, whose handlers go to the consumer's.
   */
  static boolean isEventBusStream(ReadStream<?> stream) {
    ReadStream<?> read = stream instanceof ForeignUpstream ? ((ForeignUpstream<?>) stream).stream : stream;
    return read instanceof MessageConsumer || read.getClass().getName().equals(BODY_STREAM);
  }

  /**
   * Lets go of an event-bus stream ({@link #isEventBusStream}), already paused, without closing
   * or reopening the caller's consumer (contract 9), at its home. A null handler would unregister
   * it, and any other registers again a consumer the caller has unregistered meanwhile. So a
   * consumer still registered gets a handler that does nothing (paused, it never runs: what comes
   * waits in the consumer for the next reader), and one unregistered is left alone. A body stream
   * cannot tell whether its consumer is registered: it keeps the handler it has, which the next
   * reader's replaces; items reach it only if the caller resumes the stream without one, and are
   * dropped there, as they would be by a placeholder.
   */
  static void letGoOfEventBusStream(ReadStream<?> stream) {
    if (stream instanceof ForeignUpstream) {
      ForeignUpstream<?> wrapper = (ForeignUpstream<?>) stream;
      Context target = wrapper.away();
      if (target == null) {
        keepForTheNextReader(wrapper.stream);
      } else {
        target.runOnContext(v -> keepForTheNextReader(wrapper.stream));
      }
    } else {
      keepForTheNextReader(stream);
    }
  }

  private static void keepForTheNextReader(ReadStream<?> stream) {
    if (stream instanceof MessageConsumer) {
      MessageConsumer<?> consumer = (MessageConsumer<?>) stream;
      // Vert.x's consumer guards both calls with its own monitor: no unregister comes in between.
      synchronized (consumer) {
        if (consumer.isRegistered()) {
          consumer.handler(message -> { });
        }
      }
    }
  }

  // Each call goes straight through when made at home (the hot path: no allocation), else it is
  // carried there.

  @Override
  public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
    Context target = away();
    if (target == null) {
      stream.exceptionHandler(handler);
    } else {
      target.runOnContext(v -> stream.exceptionHandler(handler));
    }
    return this;
  }

  @Override
  public ReadStream<T> handler(Handler<T> handler) {
    Context target = away();
    if (target == null) {
      stream.handler(handler);
    } else {
      target.runOnContext(v -> stream.handler(handler));
    }
    return this;
  }

  @Override
  public ReadStream<T> pause() {
    Context target = away();
    if (target == null) {
      stream.pause();
    } else {
      target.runOnContext(v -> stream.pause());
    }
    return this;
  }

  @Override
  public ReadStream<T> resume() {
    Context target = away();
    if (target == null) {
      stream.resume();
    } else {
      target.runOnContext(v -> stream.resume());
    }
    return this;
  }

  @Override
  public ReadStream<T> fetch(long amount) {
    fetchFrom(Vertx.currentContext(), amount);
    return this;
  }

  @Override
  public ReadStream<T> endHandler(Handler<Void> endHandler) {
    Context target = away();
    if (target == null) {
      stream.endHandler(endHandler);
    } else {
      target.runOnContext(v -> stream.endHandler(endHandler));
    }
    return this;
  }

  /**
   * {@link #fetch} from {@code caller}, the caller's current context: an operator on its own
   * context passes that one, known without looking it up. Per item for an operator that asks one
   * at a time (zip, a consumer pacing with fetch(1)).
   */
  void fetchFrom(Context caller, long amount) {
    Context target = home;
    if (target == null || target == caller) {
      stream.fetch(amount);
    } else {
      target.runOnContext(v -> stream.fetch(amount));
    }
  }

  /** Its reader, on {@code reader}, wants {@code n} more: asked as {@link #pacing} allows. */
  void ask(Context reader, long n) {
    fetchIfAny(reader, pacing.want(n));
  }

  /** After an item {@link #pacing} counted as arrived: what it wants next is asked. */
  void askNext(Context reader) {
    fetchIfAny(reader, pacing.next());
  }

  /** Its reader stops pulling: the stream is paused, unless one item asked alone is left to come. */
  void stopAsking() {
    if (pacing.stop()) {
      pause();
    }
  }

  private void fetchIfAny(Context reader, long count) {
    if (count > 0) {
      fetchFrom(reader, count);
    }
  }

  /** Whether a call made now goes straight to the stream (the caller is at its home, or none is known). */
  boolean isHome() {
    return away() == null;
  }

  /**
   * Whether the caller is on the stream's home, that home is known, and the caller is its event
   * loop (not code running executeBlocking for it, which must not call the stream directly).
   */
  boolean isAtKnownHome() {
    Context target = home;
    return target != null && Vertx.currentContext() == target && Context.isOnEventLoopThread();
  }

  /** The stream's home when the caller is elsewhere, else {@code null}: call directly. */
  private Context away() {
    Context target = home;
    if (target == null) {
      return null;
    }
    Context current = Vertx.currentContext();
    return current == target || eventBus && Contexts.isDuplicateOf(current, target) ? null : target;
  }

  /**
   * Whether this is an event-bus stream delivering, now, on a duplicate of {@code context} in one
   * of its turns ({@link Contexts#isOnDuplicateOf}): what it delivers is {@code context}'s own, to
   * handle at once ({@link BaseAiter#carryHere}). Only an event-bus stream: a consumer pauses at
   * once when asked from its context, so it may be read as one that delivers here. Another stream on a duplicate (an
   * Aiter of a duplicate context behind a plain wrapper) may hear a pause only later, and is
   * asked one item at a time, in tasks, as before (found in review: its read-ahead was unbounded).
   */
  boolean deliversOnADuplicateOf(Context context) {
    return eventBus && Contexts.isOnDuplicateOf(context);
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one base every stream of the library stands on. It owns the whole {@code ReadStream}
 * protocol, so that an operator only fills in its own logic:
 *
 * <ul>
 *   <li>context affinity: every public method called off the context is carried onto it;
 *   <li>demand: flowing by default, {@code pause} = 0, {@code fetch} saturating, never more items
 *       than demanded, also when a handler pauses; and bounded whatever the demand: an item that
 *       has to wait (the stream rests, or the consumer's handler is running) stops upstream until
 *       it has gone out, so a slow flowing consumer slows the source;
 *   <li>one consumer: {@link #claim} makes a second combinator over the same stream fail at once;
 *   <li>one drain loop guarded by a running mark, so handlers may re-enter and a million synchronous
 *       items keep the stack flat; a long run yields the event loop on a 1 ms timer;
 *   <li>end and failure exactly once, after the items before them, an end held until an end
 *       handler is set, a failure until an exception or data handler is (then, without an
 *       exception handler, it goes to the context's: never swallowed).
 * </ul>
 *
 * <p>An operator hands items over with {@link #emit} (push style) or by overriding {@link
 * #poll} (pull style), learns of demand through {@link #onRequest} and {@link #onPause}, and
 * ends with {@link #complete} or {@link #failWith}; the terminal then waits behind what it still
 * {@link #holdsItems holds}. All of these run on {@link #context}.
 *
 * @param <T> the item type
 * @param <S> the stream type returned by the fluent methods
 */
public abstract class BaseAiter<T, S extends Aiter<T>> implements Aiter<T> {

  /** How long one drain run may emit before it lets timers and I/O in. */
  private static final long SLICE_NANOS = 4_000_000L;
  /** Items between two looks at the clock. */
  private static final int SLICE_CHECK_MASK = 1023;

  private enum Phase {
    /** Items may still come. */
    OPEN,
    /** The operator has no more items; the terminal waits behind those pending or held. */
    CLOSING,
    /** Stopped at once: nothing more is delivered, the end waits only for an end handler. */
    STOPPED,
    /** End or failure delivered; every later call is accepted and does nothing. */
    DONE
  }

  /** The context every handler runs on. */
  protected final Context context;
  /**
   * {@link #context} is an event-loop context: only its event-loop thread runs it (not a worker
   * running {@code executeBlocking} for it, where {@code Vertx.currentContext()} is the same).
   */
  private final boolean eventLoop;
  /** The combinator that consumes this stream, or {@code null}: a stream has one consumer. */
  private String consumer;

  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  /** What the consumer asked for and has not received. */
  private long demand = Demand.UNBOUNDED;
  /**
   * Of {@code demand}, what the operator was asked for in {@link #onRequest} and has not given;
   * stale while {@link #GATE_ASKED_ALL} is set, when it equals {@code demand}: read it through
   * {@link #requested()}, and {@link #setRequested} writes it afresh when the bit clears.
   */
  private long requested;
  /** Items emitted ahead of demand, delivered before anything {@link #poll} gives. */
  private ArrayDeque<T> pending;

  private Phase phase = Phase.OPEN;
  private Throwable failure;

  /**
   * The drain loop's state and why an emitted item cannot go straight to the consumer, as bits
   * ({@code GATE_*}), so that the hot path of {@link #emit} reads and writes one field: none of
   * {@link #GATE_BLOCKED} means the stream is open, nothing waits, no drain run rests and the
   * consumer's handler is not running.
   *
   * <p>The paths taken per item write it back as a constant chosen by a branch, never as a value
   * computed from a read of it: a store whose value depends on a load of the same field chains
   * each item to the next through memory (a store-to-load forwarding, some five cycles, on the
   * critical path of every item), which cost S11 concat 540 against 955 M items/s and S1 map 420
   * against 705. A read that only decides a branch chains nothing.
   */
  private int gate;
  /**
   * The operator passes demand on one for one and holds nothing ({@link #passDemandOn}): a
   * consumer's {@code fetch} may go straight to {@link #onRequest}.
   */
  private boolean demandPassesOn;
  /** When the current drain run first looked at the clock; 0 before it has. */
  private long sliceStart;
  /** Units of work done in the current drain run (deliveries, dropped items). */
  private int sliceWork;
  /**
   * The item {@link #poll} returned asks for {@link #afterDelivery} once it has gone out: a field
   * of its own, written as a constant, so that streams that never ask pay one predictable branch
   * per item and nothing on the gate (see gate).
   */
  private boolean afterDeliveryAsked;

  /** The phase is no longer {@link Phase#OPEN}: emitted items are dropped. */
  private static final int GATE_CLOSED = 1;
  /** The consumer's data handler is running: an item emitted now must queue behind it. */
  private static final int GATE_DELIVERING = 2;
  /** A drain run gave up its slice and waits for its 1 ms timer. */
  private static final int GATE_RESTING = 4;
  /** {@link #pending} holds items: a new one goes behind them. */
  private static final int GATE_PENDING = 8;
  /** A drain run (or a direct delivery) is under way: a {@link #drain} call now only marks AGAIN. */
  private static final int GATE_RUNNING = 16;
  /** The running drain run must go round again: something changed while it ran. */
  private static final int GATE_AGAIN = 32;
  /**
   * The operator's subscription to upstream waits for the context (it was built off it): until it
   * has run, the operator is neither asked for items nor polled ({@link #subscribeOnContext}).
   */
  private static final int GATE_SUBSCRIBING = 64;
  /**
   * An operator that {@link #passDemandOn passes demand on} has been asked for all of the
   * consumer's demand, which is finite: {@code requested} equals {@code demand} and is not kept in
   * its field. A consumer pacing with {@code fetch(1)} then moves one counter per item, not two:
   * {@code emit} and {@code fetch} change {@code demand} only (S3, the paced map).
   */
  private static final int GATE_ASKED_ALL = 128;
  /**
   * The bits {@code fetch} reads to hand new demand straight to {@link #onRequest}: none may be set
   * but {@link #GATE_ASKED_ALL}, which must be (a closed stream has {@link #GATE_CLOSED}).
   */
  private static final int GATE_FETCH_DIRECT =
      GATE_CLOSED | GATE_RESTING | GATE_PENDING | GATE_SUBSCRIBING | GATE_ASKED_ALL;
  /** The bits that keep an emitted item from going straight out. */
  private static final int GATE_BLOCKED = GATE_CLOSED | GATE_DELIVERING | GATE_RESTING | GATE_PENDING;

  protected BaseAiter(Context context) {
    this.context = Args.notNull(context, "context");
    this.eventLoop = context.isEventLoopContext();
  }

  // ------------------------------------------------------------------ one consumer

  /**
   * Marks {@code stream}, when it is one of ours, as consumed by the combinator {@code by}: a
   * stream has one consumer, so a second combinator subscribing to it fails at once instead of
   * stealing its handlers (and hanging). Released by {@link #release}.
   *
   * @throws IllegalStateException if another combinator already consumes it
   */
  public static void claim(ReadStream<?> stream, String by) {
    if (stream instanceof BaseAiter) {
      BaseAiter<?, ?> ours = (BaseAiter<?, ?>) stream;
      synchronized (ours) { // toIterator claims from any thread
        if (ours.consumer != null) {
          throw new IllegalStateException("this stream is already consumed by " + ours.consumer + "; "
              + by + " cannot consume it too: a stream has one consumer (share it with forker() or sharable())");
        }
        if (ours.phase == Phase.DONE) {
          // Its end or failure went to an earlier consumer, and no signal is ever delivered again
          // (contract 8): a new consumer would wait for ever.
          throw new IllegalStateException("this stream has already delivered its end or failure to an"
              + " earlier consumer; " + by + " cannot consume it: nothing more comes from it");
        }
        ours.consumer = by;
      }
    }
  }

  /**
   * {@link #claim}s every stream of {@code streams} for {@code by}, or none: when one is already
   * consumed, the ones claimed before it are {@link #unclaim}ed and the exception is thrown.
   */
  public static void claimAll(List<? extends ReadStream<?>> streams, String by) {
    refuseRepeats(streams, by);
    int claimed = 0;
    try {
      for (; claimed < streams.size(); claimed++) {
        claim(streams.get(claimed), by);
      }
    } catch (RuntimeException e) {
      for (int i = 0; i < claimed; i++) {
        unclaim(streams.get(i));
      }
      throw e;
    }
  }

  /**
   * Refuses a stream of another library given twice in {@code streams}: it has no claim to catch
   * that (one of ours given twice fails its second claim), and its second consumer would take the
   * first one's handlers, which then wait for ever.
   */
  private static void refuseRepeats(List<? extends ReadStream<?>> streams, String by) {
    Map<ReadStream<?>, Integer> seen = null;
    for (int i = 0; i < streams.size(); i++) {
      ReadStream<?> stream = streams.get(i);
      if (stream instanceof BaseAiter) {
        continue;
      }
      if (seen == null) {
        seen = new IdentityHashMap<>();
      }
      Integer first = seen.putIfAbsent(stream, i);
      if (first != null) {
        throw new IllegalStateException("sources[" + i + "] is sources[" + first + "] again; " + by
            + " cannot consume a stream twice: a stream has one consumer (share it with forker() or sharable())");
      }
    }
  }

  /**
   * Undoes {@link #claim} of a stream that was never touched (no handler set, nothing fetched):
   * it is left as it was, free for another consumer.
   */
  public static void unclaim(ReadStream<?> stream) {
    if (stream instanceof BaseAiter) {
      BaseAiter<?, ?> ours = (BaseAiter<?, ?>) stream;
      synchronized (ours) {
        ours.consumer = null;
      }
    }
  }

  /** Lets go of {@code stream} (contract 9): no more pulling, handlers released, claim undone. */
  public static void release(ReadStream<?> stream) {
    boolean isOurs = stream instanceof BaseAiter;
    if (!isOurs) {
      stream.pause(); // a foreign stream may drop what it delivers without a handler
    }
    // One of ours loses its handlers before it is paused: pausing may pull (a mapAsync keeps its
    // calls going while paused), and what comes then, its failure included, must stay with the
    // stream (held, as for any stream without handlers), not reach the stage letting go of it.
    stream.exceptionHandler(null);
    stream.endHandler(null);
    if (ForeignUpstream.isEventBusStream(stream)) {
      // Vert.x unregisters an event-bus consumer whose handler goes to null, which would close the
      // caller's stream, and registers again one given any other handler (see letGoOfEventBusStream)
      ForeignUpstream.letGoOfEventBusStream(stream);
    } else {
      stream.handler(null);
    }
    if (isOurs) {
      stream.pause();
      BaseAiter<?, ?> ours = (BaseAiter<?, ?>) stream;
      synchronized (ours) {
        ours.consumer = null;
      }
      if (ours instanceof AdoptedStream && ((AdoptedStream<?>) ours).closesOnRelease()) {
        ours.closeNow(); // an operator's own adopter: closed, it lets go of the caller's stream
      }
    }
  }

  // ------------------------------------------------------------------ ReadStream

  @Override
  public final S handler(Handler<T> handler) {
    if (!isOnContext()) {
      context.runOnContext(v -> handler(handler));
    } else if (phase != Phase.DONE) {
      this.handler = handler;
      if (handler == null) {
        // Without a handler nothing is pulled: take back what the operator was asked for. Once
        // closed, the operator has let go of upstream, which is no longer its to pause.
        setRequested(0);
        if (phase == Phase.OPEN) {
          onPause();
          onHandlerChange(false);
        }
      } else {
        onHandlerChange(true);
        drain();
      }
    }
    return self();
  }

  @Override
  public final S pause() {
    if (!isOnContext()) {
      context.runOnContext(v -> pause());
    } else if (phase != Phase.DONE) {
      demand = 0;
      requested = 0;
      if (demandPassesOn) {
        gate |= GATE_ASKED_ALL;
      }
      if (phase == Phase.OPEN) {
        onPause(); // once closed, upstream was let go of: it may be another consumer's by now
      }
    }
    return self();
  }

  @Override
  public final S resume() {
    return fetch(Demand.UNBOUNDED);
  }

  @Override
  public final S fetch(long amount) {
    Demand.checkFetch(amount);
    if (!isOnContext()) {
      context.runOnContext(v -> fetch(amount));
    } else if ((gate & GATE_FETCH_DIRECT) == GATE_ASKED_ALL && amount > 0 && handler != null
        && amount < Demand.UNBOUNDED - demand) {
      // Nothing of the stage's own waits and all earlier demand went upstream: this one goes
      // straight on, also from inside the consumer's handler, so that a synchronous upstream's
      // loop simply goes on instead of ending and being started again for every item. What is
      // requested grows with demand (GATE_ASKED_ALL).
      demand += amount;
      onRequest(amount);
    } else if (phase != Phase.DONE && amount > 0) {
      setRequested(requested()); // demand grows alone now: requested is kept in its field again
      demand = Demand.add(demand, amount);
      drain();
    }
    return self();
  }

  @Override
  public final S endHandler(Handler<Void> endHandler) {
    if (!isOnContext()) {
      context.runOnContext(v -> endHandler(endHandler));
    } else if (phase != Phase.DONE) {
      this.endHandler = endHandler;
      drain(); // an end reached earlier is delivered now
    }
    return self();
  }

  @Override
  public final S exceptionHandler(Handler<Throwable> handler) {
    if (!isOnContext()) {
      context.runOnContext(v -> exceptionHandler(handler));
    } else if (phase != Phase.DONE) {
      this.exceptionHandler = handler;
      drain(); // a failure reached earlier is delivered now
    }
    return self();
  }

  // ------------------------------------------------------------------ operator hooks

  /**
   * The consumer's unmet demand grew by {@code n} (unbounded when flowing) since the last
   * {@link #onPause}. Runs on the context, inside the drain loop.
   */
  protected void onRequest(long n) {
  }

  /** The consumer paused or dropped its handler: every earlier request is void. */
  protected void onPause() {
  }

  /** The consumer set ({@code present}) or dropped its data handler. */
  protected void onHandlerChange(boolean present) {
  }

  /** The stream stopped taking items (end, failure or stop): let go of upstream. Called once. */
  protected void onClose() {
  }

  /**
   * Called once the item {@link #poll} returned, having asked for it with {@link
   * #callAfterDelivery}, has gone out (its consumer's handler has returned): for an operator whose
   * taking of an item must not be seen by others before the consumer has it.
   */
  protected void afterDelivery() {
  }

  /** Asks for {@link #afterDelivery} once the item about to be returned by {@link #poll} has gone out. */
  protected final void callAfterDelivery() {
    afterDeliveryAsked = true;
  }

  /** The next item the operator has ready, or {@code null}; called only when it can be delivered. */
  protected T poll() {
    return null;
  }

  /** Whether the operator still holds items for {@link #poll}: the terminal waits behind them. */
  protected boolean holdsItems() {
    return false;
  }

  // ------------------------------------------------------------------ for operators

  /** Hands an item to the consumer, now if demand allows, else after the items before it. */
  protected final void emit(T item) {
    Handler<T> h = handler;
    long d = demand;
    int g = gate;
    if ((g & GATE_BLOCKED) == 0 && d > 0 && h != null && item != null) {
      // The common case: nothing waits before this item and the consumer's handler is not running
      // (a synchronous upstream answering our own request lands here), so it goes out at once.
      // Kept small, one field read per condition and the run's state in the same field, so that
      // a chain of stages inlines and costs a few instructions per stage. canEmitNow() is this
      // test for an operator's own loop: change both together.
      if (d != Demand.UNBOUNDED) {
        demand = d - 1;
        if ((g & GATE_ASKED_ALL) == 0) { // else requested drops with demand
          requested = Demand.decrement(requested);
        }
      }
      int running = g & GATE_RUNNING; // 0: this delivery is the outermost run, it ends it
      gate = g | GATE_RUNNING | GATE_DELIVERING;
      try {
        h.handle(item);
      } catch (Throwable t) {
        reportException(t); // the consumer's bug, not the stream's failure
      }
      if (running != 0) {
        deliveredInRun(); // the run this delivery is part of goes on, as after the drain loop's own
        return;
      }
      g = gate;
      if (g == (GATE_RUNNING | GATE_DELIVERING)) {
        gate = 0; // nothing was asked meanwhile; no drain pass ran, so the slice is untouched
      } else if (g == (GATE_RUNNING | GATE_DELIVERING | GATE_ASKED_ALL)) {
        gate = GATE_ASKED_ALL;
      } else {
        gate = g & ~GATE_DELIVERING;
        continueDrain();
      }
      return;
    }
    emitSlowly(item);
  }

  /** {@link #emit} when the item cannot go straight out: dropped, refused, or queued. */
  private void emitSlowly(T item) {
    if (phase != Phase.OPEN) {
      return; // stopped: what upstream still had in flight is no longer wanted
    }
    if (item == null) {
      failWith(Args.nullItem());
      return;
    }
    if (pending == null) {
      pending = new ArrayDeque<>();
    }
    pending.add(item);
    gate |= GATE_PENDING;
    if (requested() > 0) {
      // Delivery has to wait (the stream rests, or the consumer's handler is running): stop
      // pulling until it can go on, so a slow flowing consumer slows the source (contract 4).
      // The drain loop asks again once what waits has gone out.
      setRequested(0);
      onPause();
    }
    drain();
  }

  /**
   * Whether the next item emitted would have to wait: the consumer's demand is used up, or items
   * already wait. Two reads, for an operator that lets its upstream flow and checks after every
   * item (join); the wait is read from the gate, which {@link #emit} has just written, rather than
   * from the queue. A consumer that takes its handler away is not read here: that pauses the
   * operator at once ({@link #onPause}).
   */
  protected final boolean isHeldUp() {
    return demand == 0 || (gate & GATE_PENDING) != 0;
  }

  /**
   * Whether an item {@link #emit emitted} now goes straight to the consumer: the stream is open,
   * nothing waits, the consumer has demand and a handler, and its handler is not running. An
   * operator holding several items may emit them in a loop while this holds, and keep the rest.
   * The same test as {@link #emit}'s direct path, which reads each field once into a local.
   */
  protected final boolean canEmitNow() {
    return (gate & GATE_BLOCKED) == 0 && demand > 0 && handler != null;
  }

  /**
   * Whether an item {@link #poll} returned now would be delivered: the stream still delivers
   * (open, or closing behind what it holds), the consumer has demand and a handler, and the
   * stream does not rest. Else poll should keep the item and return {@code null}. The same test
   * as the drain loop's before it polls ({@code drainPass}).
   */
  protected final boolean canDeliverPolled() {
    return (phase == Phase.OPEN || phase == Phase.CLOSING) && demand > 0 && handler != null
        && (gate & GATE_RESTING) == 0;
  }

  /** Ends the stream after the items emitted or held. Returns false if it had already ended. */
  protected final boolean complete() {
    return close(null);
  }

  /** Fails the stream after the items emitted or held; a second failure goes to the context. */
  protected final boolean failWith(Throwable cause) {
    Args.notNull(cause, "cause");
    if (!close(cause)) {
      reportToContext(cause);
      return false;
    }
    return true;
  }

  /**
   * {@link #failWith}, for a failure met while making an item the operator holds (a null element,
   * a weigher that throws): also while the end waits behind those items, where the failure takes
   * the end's place (contract 7), after the items before it. The operator drops what it holds
   * after the failing item before calling this.
   */
  protected final boolean failOnHeldItem(Throwable cause) {
    Args.notNull(cause, "cause");
    if (phase == Phase.CLOSING && failure == null) {
      failure = cause;
      drain();
      return true;
    }
    return failWith(cause);
  }

  /**
   * A terminal operation ({@code first}, a {@code forEach} whose handler threw) is done with this
   * stream, which it already released: by default the stream closes, so that it lets go of its
   * own upstream (contract 9). A source the caller keeps feeding (a {@code PushStream}) stays
   * open instead. Runs on the context.
   */
  void closeForTerminal() {
    closeNow();
  }

  /**
   * Ends the stream at once: items emitted and not yet delivered are dropped, none is polled. May
   * be called from any thread: it is carried onto the context.
   */
  protected final void closeNow() {
    if (!isOnContext()) {
      context.runOnContext(v -> closeNow());
      return;
    }
    Phase was = phase;
    if (was == Phase.OPEN || was == Phase.CLOSING) {
      phase = Phase.STOPPED;
      gate = (gate | GATE_CLOSED) & ~GATE_PENDING;
      failure = null;
      pending = null;
      if (was == Phase.OPEN) {
        onClose();
      }
      drain();
    }
  }

  /**
   * Runs {@code subscription} (the operator's handlers set on upstream, upstream paused) now when
   * the caller is on the context, else carries it there as one task. Until that task has run the
   * operator is neither asked for items ({@link #onRequest}) nor polled: a request reaching upstream
   * before the subscription's pause would be voided by it, and the consumer would wait forever.
   * What the consumer asked meanwhile is asked once the subscription is in place; a stream closed
   * meanwhile does not subscribe. Called from a constructor.
   */
  protected final void subscribeOnContext(Runnable subscription) {
    if (isOnContext()) {
      subscription.run();
      return;
    }
    gate |= GATE_SUBSCRIBING;
    context.runOnContext(v -> {
      gate &= ~GATE_SUBSCRIBING;
      if (phase == Phase.OPEN) {
        subscription.run();
        drain();
      }
    });
  }

  /** Whether the operator's subscription to upstream is in place ({@link #subscribeOnContext}). */
  protected final boolean isSubscribed() {
    return (gate & GATE_SUBSCRIBING) == 0;
  }

  /**
   * Declares, from a constructor, that the operator has no {@link #poll} or items of its own and
   * turns each unit of demand into one item asked of upstream: {@code fetch} then hands new
   * demand to {@link #onRequest} at once, even inside the consumer's handler, when nothing waits.
   */
  protected final void passDemandOn() {
    demandPassesOn = true;
  }

  /**
   * Whether nobody has used this stream yet: open, no combinator consumes it, no handler set,
   * nothing emitted. Runs on the context.
   */
  final boolean isUntouched() {
    return phase == Phase.OPEN && consumer == null && handler == null && endHandler == null
        && exceptionHandler == null && pending == null;
  }

  /** Whether the stream still takes items. */
  protected final boolean isOpen() {
    return phase == Phase.OPEN;
  }

  /** The consumer's unmet demand: 0 when paused or without a handler. */
  protected final long demand() {
    return handler == null ? 0 : demand;
  }

  /** Whether the consumer has set a data handler. */
  protected final boolean hasHandler() {
    return handler != null;
  }

  /** Items emitted and not yet delivered. */
  protected final int pendingCount() {
    return pending == null ? 0 : pending.size();
  }

  /**
   * Whether the caller runs on this stream's context: the context itself, not merely its thread,
   * which other contexts may share (contract 1); and not code running {@code executeBlocking} for
   * it, which Vert.x 5 runs with the context current beside the context's own tasks: for an
   * event-loop context its event loop, for a worker context one of its tasks.
   */
  protected final boolean isOnContext() {
    return isContext(Vertx.currentContext());
  }

  /**
   * A signal (item, end, failure) from an upstream that may live elsewhere arrived: whether it
   * arrived on this stream's context, so it can be handled in place, or must be carried onto it.
   * A foreign upstream ({@code from}, else {@code null}) learns where its home is from it.
   */
  final boolean arrivedHere(ForeignUpstream<?> from) {
    Context current = Vertx.currentContext();
    if (from != null) {
      from.deliveredOn(current);
    }
    return isContext(current);
  }

  /**
   * {@link #arrivedHere} for the one upstream of an operator, read through {@code from} (never
   * {@code null}), built for this stream with {@link ForeignUpstream#ForeignUpstream(ReadStream,
   * BaseAiter)}.
   *
   * <p>Runs per item, so the common case (on an event-loop context, on the thread where the last
   * delivery was found to be here; a worker context takes the full test) reads and compares only, in under 35 bytes of bytecode, so that the JIT
   * inlines it wherever it is called: a store on this path, even one taken once per source, costs
   * a synchronous source's loop more than half its speed (S11 concat: 200 against 560 M items/s;
   * S1 map: 230 against 500). The multi-source operators' {@link Slot} keeps {@link #arrivedHere}:
   * this form once measured the other way there (S4 join: 75 against 160), and on today's join and
   * zip it makes no difference (S4 1.08, 0.92 .. 1.26; S5 0.97, 0.89 .. 1.06; BENCHMARKS.md).
   */
  final boolean arrivedHereQuickly(ForeignUpstream<?> from) {
    Context current = Vertx.currentContext();
    if (current == context && from.hereThread == Thread.currentThread()) {
      return true;
    }
    return arrivedElsewhereOrFirst(from);
  }

  /**
   * {@link #arrivedHereQuickly} when the last delivery was not found here, or none was. A stream
   * still asked one item at a time ({@link Pacing}) is never found here: its items take the
   * carried path, which paces them, and the per-item path stays as it is for a local stream.
   */
  private boolean arrivedElsewhereOrFirst(ForeignUpstream<?> from) {
    boolean here = arrivedHere(from) && from.pacing.asWanted();
    // Only an event loop's thread is the context's alone: a worker context's threads also run
    // executeBlocking code with the context current, which a remembered thread would let through.
    from.hereThread = here && eventLoop ? Thread.currentThread() : null;
    return here;
  }

  /**
   * Runs {@code signal}, from an upstream that did not deliver here ({@code from}, the foreign
   * one, else {@code null}), on this stream's context: at once, with the context made current,
   * when an event-bus stream living here delivered it on a duplicate of the context (a new one
   * per message, {@link ForeignUpstream#deliversOnADuplicateOf}); else in a task of its own, and
   * tasks keep the order of the signals. Handled at once, a message is this stream's before the
   * consumer goes on, as from a stream that delivers here: in a task it came after what the
   * consumer did next in the same turn, and the consumer went on delivering after a stop (its
   * messages were dropped; found in review).
   */
  final void carryHere(ForeignUpstream<?> from, Handler<Void> signal) {
    if (from != null && from.deliversOnADuplicateOf(context)) {
      Contexts.dispatch(context, signal);
    } else {
      context.runOnContext(signal);
    }
  }

  /** Whether a signal from {@code from} comes here, or on a duplicate handled here ({@link #carryHere}). */
  final boolean isHereFor(ForeignUpstream<?> from) {
    return isOnContext() || from != null && from.deliversOnADuplicateOf(context);
  }

  /** {@link #isOnContext}, given the caller's current context (looked up once by a hot path). */
  protected final boolean isContext(Context current) {
    return current == context && (eventLoop ? Context.isOnEventLoopThread() : Contexts.runsATaskOf(context));
  }

  /**
   * Counts one unit of work of the current drain run (an item delivered, or one dropped by a
   * filtering operator) and tells whether the run has used up its slice of the event loop. When
   * it has, the stream rests: the run must stop, and a 1 ms timer drains again, so that timers
   * and I/O get their turn (VERTX5-NOTES 1) and, meanwhile, upstream is not pulled.
   */
  protected final boolean sliceUsedUp() {
    if ((++sliceWork & SLICE_CHECK_MASK) != 0) {
      return false;
    }
    long now = System.nanoTime();
    if (sliceStart == 0) {
      sliceStart = now;
      return false;
    }
    if (now - sliceStart <= SLICE_NANOS) {
      return false;
    }
    rest();
    return true;
  }

  /** Reports an exception to this stream's exception handler, else to its context. */
  protected final void reportException(Throwable t) {
    Handler<Throwable> h = exceptionHandler;
    if (h == null) {
      reportToContext(t);
      return;
    }
    try {
      h.handle(t);
    } catch (Throwable thrown) {
      reportToContext(thrown);
    }
  }

  /** Runs the drain loop, or tells the running one to go round again. */
  protected final void drain() {
    int g = gate;
    if ((g & GATE_RUNNING) != 0) {
      if ((g & GATE_AGAIN) == 0) { // once per pass, not once per call (see gate)
        gate = g | GATE_AGAIN;
      }
      return;
    }
    gate = g | GATE_RUNNING;
    drainPass();
    continueDrain();
  }

  /** Ends a run begun with {@code GATE_RUNNING}: what handlers asked meanwhile is done now. */
  private void continueDrain() {
    int g;
    while (((g = gate) & GATE_AGAIN) != 0) {
      gate = g & ~GATE_AGAIN;
      drainPass();
    }
    gate = g & ~GATE_RUNNING;
    // The run is over: the next one starts a new slice.
    sliceWork = 0;
    sliceStart = 0;
  }

  /** What the operator was asked for and has not given ({@link #requested}). */
  private long requested() {
    return (gate & GATE_ASKED_ALL) != 0 ? demand : requested;
  }

  /** Sets what the operator was asked for, kept in its field from now on. */
  private void setRequested(long value) {
    requested = value;
    int g = gate;
    if ((g & GATE_ASKED_ALL) != 0) { // a read that only decides a branch (see gate)
      gate = g & ~GATE_ASKED_ALL;
    }
  }

  // ------------------------------------------------------------------ the drain loop

  private void drainPass() {
    if ((gate & GATE_RESTING) != 0 && phase != Phase.STOPPED) {
      return; // a stopped stream ends at once, rest or not
    }
    Handler<T> h;
    boolean subscribed = (gate & GATE_SUBSCRIBING) == 0;
    // canDeliverPolled() is this test (with the rest above) for a poll that loops: change both together.
    while ((phase == Phase.OPEN || phase == Phase.CLOSING) && demand > 0 && (h = handler) != null) {
      T item;
      if ((gate & GATE_PENDING) != 0) {
        item = pending.poll();
        if (pending.isEmpty()) {
          gate &= ~GATE_PENDING;
        }
      } else if (!subscribed || (item = poll()) == null) {
        break;
      } else if (demand == 0 || (h = handler) == null || phase == Phase.STOPPED) {
        // poll() may have pulled upstream, and so run other handlers (a sibling fork's), which
        // may have paused or stopped this stream: the item waits for the demand that is now gone.
        keepPolled(item);
        break;
      }
      long d = demand;
      if (d != Demand.UNBOUNDED) {
        demand = d - 1;
      }
      long r = requested; // while GATE_ASKED_ALL is set this moves a stale copy, never read
      if (r != Demand.UNBOUNDED && r != 0) {
        requested = r - 1;
      }
      deliver(h, item);
      if (afterDeliveryAsked) {
        afterDeliveryAsked = false;
        afterDelivery();
      }
      if (sliceUsedUp()) {
        return;
      }
    }
    if (phase == Phase.STOPPED || phase == Phase.CLOSING && pendingCount() == 0 && !holdsItems()) {
      deliverTerminal();
    } else if (phase == Phase.OPEN && demand() > 0 && subscribed) {
      // Everything in hand went out; ask the operator for the rest of the demand (once, when flowing).
      long asked = requested();
      long want = demand != Demand.UNBOUNDED ? demand - asked
          : asked != Demand.UNBOUNDED ? Demand.UNBOUNDED : 0;
      if (want > 0) {
        setRequested(Demand.add(asked, want));
        onRequest(want);
      }
      if (demandPassesOn && demand != Demand.UNBOUNDED && requested() == demand) {
        gate |= GATE_ASKED_ALL;
      }
    }
  }

  /** An item polled when it could no longer go out: first in line, unless the stream stopped. */
  private void keepPolled(T item) {
    if (phase == Phase.STOPPED) {
      return;
    }
    if (pending == null) {
      pending = new ArrayDeque<>();
    }
    pending.addFirst(item);
    gate |= GATE_PENDING;
  }

  private void deliver(Handler<T> h, T item) {
    gate |= GATE_DELIVERING;
    try {
      h.handle(item);
    } catch (Throwable t) {
      reportException(t); // the consumer's bug, not the stream's failure
    } finally {
      deliveredInRun();
    }
  }

  /** After a delivery within a drain run: DELIVERING cleared, as constants (see gate). */
  private void deliveredInRun() {
    int after = gate;
    if (after == (GATE_RUNNING | GATE_DELIVERING)) {
      gate = GATE_RUNNING;
    } else if (after == (GATE_RUNNING | GATE_AGAIN | GATE_DELIVERING)) {
      gate = GATE_RUNNING | GATE_AGAIN;
    } else {
      gate = after & ~GATE_DELIVERING;
    }
  }

  /** Gives up the event loop so timers and I/O get a turn; a 1 ms timer goes on. */
  private void rest() {
    if ((gate & GATE_RESTING) != 0) {
      return;
    }
    gate |= GATE_RESTING;
    context.owner().setTimer(1, id -> {
      gate &= ~GATE_RESTING;
      drain();
    });
  }

  private boolean close(Throwable cause) {
    if (phase != Phase.OPEN) {
      return false;
    }
    phase = Phase.CLOSING;
    gate |= GATE_CLOSED;
    failure = cause;
    onClose();
    drain();
    return true;
  }

  private void deliverTerminal() {
    Throwable cause = failure;
    Handler<Void> end = endHandler;
    Handler<Throwable> onFailure = exceptionHandler;
    if (cause == null ? end == null : onFailure == null && handler == null) {
      // Held until a consumer is there, so that one attaching later still learns of it: the end
      // until an end handler is set, a failure until an exception or a data handler is.
      return;
    }
    phase = Phase.DONE;
    gate &= ~GATE_PENDING;
    handler = null;
    endHandler = null;
    exceptionHandler = null;
    pending = null;
    try {
      if (cause == null) {
        end.handle(null);
      } else if (onFailure != null) {
        onFailure.handle(cause);
      } else {
        reportToContext(cause);
      }
    } catch (Throwable t) {
      reportToContext(t);
    }
  }

  /**
   * Reports an exception to the context's exception handler, bypassing the stream's: for what is
   * neither the stream's failure nor its consumer's bug (a publisher's cancel that throws).
   */
  protected final void reportToContext(Throwable t) {
    Contexts.report(context, t);
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * The base of every operator with one upstream: it subscribes paused (nothing is pulled before
 * the consumer asks), passes demand through one for one, carries upstream signals onto this
 * stream's context when upstream lives elsewhere, and lets go of upstream when the stream closes
 * (contract 9). An operator fills in {@link #onItem} and, when its ratio is not one for one,
 * {@link #onRequest} / {@link #onPause}.
 *
 * @param <U> the upstream item type
 * @param <T> the item type
 * @param <S> the stream type returned by the fluent methods
 */
public abstract class UpstreamOperator<U, T, S extends Aiter<T>> extends BaseAiter<T, S> {

  /**
   * The stream this operator pulls from; never stopped or closed by it. A foreign stream is seen
   * through a {@link ForeignUpstream}, so that calls into it run on its own context.
   */
  protected final ReadStream<U> upstream;
  /** Upstream is one of ours on the same context: its signals need no hop. */
  private final boolean local;
  /**
   * How an upstream that may deliver on another thread is asked for items: one at a time while its
   * items arrive here as tasks queued behind one another, which no pause could bound (contract 4).
   * A stream of ours on another context is always asked so; a foreign stream adopted elsewhere
   * until it delivers here. {@code null} for an upstream asked as wanted for good: a local one,
   * and a foreign one taken to live here from the start. Shared by every operator that reads the
   * same upstream in turn (the one it took over, the adopted stream it reads in place of).
   */
  private final Pacing pacing;
  /** The foreign upstream, or {@code null} when upstream is one of ours. */
  private final ForeignUpstream<U> foreign;
  /**
   * The adopted stream whose foreign stream this operator reads in its place, or {@code null}:
   * see {@link AdoptedStream#readableInPlace}.
   */
  private final AdoptedStream<U> adoptedFrom;
  /**
   * The operator whose upstream this one took over (see {@link
   * #UpstreamOperator(Context, UpstreamOperator)}), or {@code null}: it gets the upstream back
   * when this one lets go while upstream is still live.
   */
  private final UpstreamOperator<U, ?, ?> predecessor;
  /**
   * The operator that took this one's upstream over, or {@code null}: signals already on their way
   * here when it did (carried from another thread) are passed on to it.
   */
  private UpstreamOperator<U, ?, ?> successor;
  /**
   * The operator this one took the place of, once it was handed upstream back (this one let go
   * while upstream was live), else {@code null}: signals still on their way here then go to it.
   */
  private UpstreamOperator<U, ?, ?> handedBackTo;

  /** The API name of the operator ({@code "filter"}), for the message of a second consumer. */
  private String name;

  /** Whether upstream may still send items: it has not ended or failed. */
  private enum UpstreamState { LIVE, DONE }

  private UpstreamState upstreamState = UpstreamState.LIVE;
  /**
   * This operator's handlers were set on upstream from its context, at once (not carried there
   * later): only then may another operator take its place.
   */
  private boolean subscribedInPlace;

  protected UpstreamOperator(Context context, ReadStream<U> source) {
    super(context);
    Args.notNull(source, "source");
    this.adoptedFrom = AdoptedStream.readableInPlace(source, context);
    if (adoptedFrom != null) {
      this.local = false;
      this.foreign = adoptedFrom.foreign();
    } else {
      this.local = source instanceof BaseAiter && ((BaseAiter<?, ?>) source).context == context;
      this.foreign = source instanceof BaseAiter ? null : new ForeignUpstream<>(source, this);
    }
    this.pacing = local ? null : foreign == null ? new Pacing(false)
        : foreign.pacing.asWanted() ? null : foreign.pacing; // as wanted from the start: for good
    this.upstream = foreign == null ? source : foreign;
    this.predecessor = null;
  }

  /**
   * An operator that reads, in place of {@code predecessor}, the upstream that one reads: when it
   * subscribes, it consumes {@code predecessor} and puts its own handlers where that one's were.
   * For an operator that does {@code predecessor}'s work itself (a map composing the function of
   * the map before it), so that a chain of such stages costs one stage per item. {@code
   * predecessor} must be {@link #isTakeable takeable} on {@code context}.
   */
  protected UpstreamOperator(Context context, UpstreamOperator<U, ?, ?> predecessor) {
    super(context);
    this.predecessor = predecessor;
    this.upstream = predecessor.upstream;
    this.local = predecessor.local;
    this.pacing = predecessor.pacing;
    this.foreign = predecessor.foreign;
    this.adoptedFrom = predecessor.adoptedFrom;
  }

  /**
   * Whether an operator being built on {@code context} may take {@code operator}'s upstream over:
   * it runs on that context, the caller is on it, nobody has used it yet, and its handlers are on
   * upstream already and can be replaced at once from here.
   */
  static boolean isTakeable(UpstreamOperator<?, ?, ?> operator, Context context) {
    return operator.context == context && operator.isOnContext() && operator.isUntouched()
        && operator.subscribedInPlace && (operator.foreign == null || operator.foreign.isHome());
  }

  /** The operator as users call it ({@link #subscribe}). */
  final String name() {
    return name;
  }

  /** The foreign upstream, or {@code null} when upstream is one of ours. */
  final ForeignUpstream<U> foreign() {
    return foreign;
  }

  /**
   * Subscribes to upstream; a subclass calls it last in its constructor, once its fields are set.
   * {@code name} is the operator as users call it ({@code "filter"}): a second combinator over the
   * same upstream fails with a message naming both.
   */
  protected final void subscribe(String name) {
    this.name = name;
    subscribedInPlace = isOnContext();
    if (predecessor != null) {
      predecessor.passTo(this);
      if (adoptedFrom != null) {
        adoptedFrom.handOver(this);
      } else {
        setHandlers(); // in place of the predecessor's: upstream stays claimed, and paused
      }
      return;
    }
    if (adoptedFrom != null) {
      adoptedFrom.handOver(this); // its handlers, already on the foreign stream, pass signals on
      return;
    }
    claim(upstream, name);
    if (foreign != null && !isOnContext() && foreign.isAtKnownHome()) {
      // Built where the foreign stream lives (a socket's connect handler) for another context: it
      // is paused and listened to at once, before it can send anything no handler would take;
      // what it sends is carried to the context, and calls from there are carried back after.
      upstream.pause();
      setHandlers();
      return;
    }
    subscribeOnContext(() -> {
      upstream.pause();
      setHandlers();
    });
  }

  /** {@code successor} takes this operator's upstream over: it consumes this operator. */
  private void passTo(UpstreamOperator<U, ?, ?> successor) {
    claim(this, successor.name);
    this.successor = successor;
    if (adoptedFrom != null) {
      adoptedFrom.takeBack(this);
    }
  }

  /**
   * {@code successor}, which took this operator's upstream over, let go of it while it is still
   * live: this operator reads it again, released (paused, free for another consumer), as the
   * operator after it in a chain would have left it. Its handlers go back on upstream after a
   * pause, and a stream of ours is paused without handlers, so that nothing it sends meanwhile
   * is lost or pulled ahead.
   */
  private void takeBack(UpstreamOperator<U, ?, ?> successor) {
    this.successor = null;
    if (adoptedFrom != null) {
      adoptedFrom.takeBack(successor);
      adoptedFrom.handOver(this);
    } else {
      if (local) {
        upstream.exceptionHandler(null);
        upstream.endHandler(null);
        upstream.handler(null);
      }
      upstream.pause();
      setHandlers();
    }
    release(this);
  }

  private void setHandlers() {
    if (local) {
      upstream.exceptionHandler(this::upstreamFailed);
      upstream.endHandler(v -> upstreamEnded());
      upstream.handler(this::onItem);
    } else {
      upstream.exceptionHandler(cause -> onContext(to -> to.upstreamFailed(cause)));
      upstream.endHandler(v -> onContext(UpstreamOperator::upstreamEnded));
      upstream.handler(this::onForeignItem);
    }
  }

  /** Upstream ended: it sends nothing more. */
  final void upstreamEnded() {
    upstreamState = UpstreamState.DONE;
    onUpstreamEnd();
  }

  /** Upstream failed: it sends nothing more. */
  final void upstreamFailed(Throwable cause) {
    upstreamState = UpstreamState.DONE;
    onUpstreamFailure(cause);
  }

  /** An item from upstream, on the context. */
  protected abstract void onItem(U item);

  /** Upstream ended; by default the stream ends after what it holds. */
  protected void onUpstreamEnd() {
    complete();
  }

  /** Upstream failed; by default the stream fails after what it holds. */
  protected void onUpstreamFailure(Throwable cause) {
    failWith(cause);
  }

  @Override
  protected void onRequest(long n) {
    // fetchUpstream's body, not a call to it: a map's paced consumer reaches here from deep in
    // the source's loop, and one more level put the source's fetch past the JIT's inlining depth
    // ("inlining too deep" in -XX:+PrintInlining; S3 141.8 against 126.7 M items/s, 4 paired
    // rounds, steady at 140 .. 143 where the call ranged 103 .. 145).
    if (foreign != null && (pacing == null || pacing.asWanted())) {
      foreign.fetchFrom(context, n);
    } else if (pacing == null) {
      upstream.fetch(n);
    } else {
      ask(pacing.want(n));
    }
  }

  /**
   * Asks upstream for {@code n} more items; on the context. A foreign upstream is called at its
   * home without a second look at the caller's context, which is this operator's: per item for an
   * operator that asks one at a time (preload, filter, throttle).
   */
  protected final void fetchUpstream(long n) {
    if (foreign != null && (pacing == null || pacing.asWanted())) {
      foreign.fetchFrom(context, n);
    } else if (pacing == null) {
      upstream.fetch(n);
    } else {
      ask(pacing.want(n));
    }
  }

  /**
   * Stops pulling upstream: every request made of it is void. An upstream asked one item at a
   * time is not paused: the one item asked is left to come (and is held, as any item delivered
   * after a pause), so that the count of what was asked stays exact.
   */
  protected final void pauseUpstream() {
    if (pacing == null || pacing.stop()) {
      upstream.pause();
    }
  }

  @Override
  protected void onPause() {
    pauseUpstream();
  }

  /** Asks a paced upstream for {@code count} items (what {@link Pacing} said), if any. */
  private void ask(long count) {
    if (count == 0) {
      return;
    }
    if (foreign != null) {
      foreign.fetchFrom(context, count);
    } else {
      upstream.fetch(count); // ours on another context: carried there, the item comes later
    }
  }

  /**
   * An item of an upstream asked one at a time, arrived here ({@code here}: delivered on this
   * stream's context): handled, then what is wanted next is asked for.
   */
  private void onPacedItem(U item, boolean here) {
    pacing.arrived(here);
    if (isOpen()) {
      onItem(item);
    } // else it let go of upstream meanwhile (failed, stopped): what was in flight is not wanted
    long next = pacing.next();
    if (isOpen()) {
      ask(next);
    } // else onClose let go of the pacing: whoever reads upstream next asks afresh
  }

  @Override
  protected void onClose() {
    if (pacing != null) {
      // Stopping pulls nothing more, not even the one item a paced upstream was asked for; what
      // this operator wanted is not wanted by whoever reads upstream next.
      pacing.letGo();
      upstream.pause();
    }
    if (predecessor != null && upstreamState == UpstreamState.LIVE) {
      predecessor.takeBack(this);
      handedBackTo = predecessor;
    } else if (adoptedFrom != null) {
      adoptedFrom.takeBack(this);
    } else {
      release(upstream);
    }
  }

  /** An item from a stream that may deliver on another thread; no allocation when it does not. */
  private void onForeignItem(U item) {
    if (item == null) {
      // A foreign stream broke the ReadStream contract: it failed, in its place in the order. Not
      // left to the operator, which may hold items before emitting them (throttle, chunks).
      onContext(to -> to.upstreamFailed(Args.nullItem()));
      return;
    }
    if (foreign != null ? arrivedHereQuickly(foreign) : isOnContext()) {
      onItem(item);
    } else {
      carry(item);
    }
  }

  /**
   * An item that came on another thread, or one asked alone (see {@link Pacing}), handled in a task
   * of its own on the context, so that the per-item path above stays as small as a local
   * upstream's. Tasks keep the order of the items.
   */
  private void carry(U item) {
    boolean here = pacing != null && isHereFor(foreign); // a stream of ours elsewhere never is
    carryHere(foreign, v -> {
      UpstreamOperator<U, ?, ?> to = receiver();
      if (to.pacing != null && !to.pacing.asWanted()) {
        to.onPacedItem(item, here);
      } else if (to.isOpen()) {
        to.onItem(item);
      } // else it let go of upstream meanwhile (failed, stopped): what was in flight is not wanted
    });
  }

  /** The end or failure, as {@link #onForeignItem}: carried as the items before it were. */
  private void onContext(Consumer<UpstreamOperator<U, ?, ?>> signal) {
    if (foreign != null ? arrivedHereQuickly(foreign) : isOnContext()) {
      signal.accept(this);
    } else {
      carryHere(foreign, v -> signal.accept(receiver()));
    }
  }

  /**
   * Who handles a signal carried here from another thread: whoever reads upstream now, the
   * operator that took over if any, or the one handed upstream back when that one let go.
   */
  private UpstreamOperator<U, ?, ?> receiver() {
    UpstreamOperator<U, ?, ?> to = this;
    for (;;) {
      if (to.successor != null) {
        to = to.successor;
      } else if (to.handedBackTo != null) {
        to = to.handedBackTo;
      } else {
        return to;
      }
    }
  }
}

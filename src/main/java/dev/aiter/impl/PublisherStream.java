package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fromPublisher}: a {@link Flow.Publisher}'s items as a stream. The consumer's {@code
 * fetch(n)} becomes {@code request(n)}; a flowing consumer requests {@value #FLOWING_BATCH} at a
 * time and tops up as items go out, so a synchronous publisher can neither flood the buffer nor
 * hold the event loop. Signals may come on any thread: they are queued and carried onto the
 * context. The stream closing (its failure, or {@link #stop}) cancels the subscription.
 *
 * <p>It subscribes at creation: a subscription asks for nothing until the consumer does, so a cold
 * publisher does no work early, while a hot one (a {@code SubmissionPublisher}) does not drop what
 * it offers between creation and the first handler. Buffers: what was requested and not yet
 * delivered, at most the consumer's demand, or {@value #FLOWING_BATCH} while flowing; more only
 * from a publisher that breaks rule 1.1, whose surplus is kept rather than lost.
 *
 * @param <T> the item type
 */
public final class PublisherStream<T> extends BaseAiter<T, Aiter<T>> {

  /** What a flowing consumer requests at a time. */
  static final int FLOWING_BATCH = 128;

  private enum Upstream {
    /** {@code onSubscribe} not yet seen on the context. */
    WAITING,
    /** The subscription is live. */
    SUBSCRIBED,
    /** This side cancelled it, or the publisher terminated it. */
    GONE
  }

  /** The publisher's last word: {@code cause == null} is {@code onComplete}. */
  private record Terminal(Throwable cause, boolean violation) {
  }

  private final Inbound inbound = new Inbound();
  /** Items received and not yet delivered: added on the publisher's threads, taken on the context. */
  private final ConcurrentLinkedQueue<T> received = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  /** Set once, on any thread, after the publisher's last {@code onNext} (rule 1.3). */
  private final AtomicReference<Terminal> terminal = new AtomicReference<>();
  /** A flush of what other threads signalled is queued on the context. */
  private final AtomicBoolean flushQueued = new AtomicBoolean();

  // On the context only.
  private Upstream upstream = Upstream.WAITING;
  /** The consumer's demand this stream was asked to fill (see {@link #onRequest}). */
  private long asked;
  /** Requested of the publisher and not yet delivered: items received plus items in flight. */
  private long owed;

  /** A stream on {@code context} that is not yet subscribed: see {@link #subscribeTo}. */
  PublisherStream(Context context) {
    super(context);
  }

  /** A stream on {@code context} of what {@code publisher} sends, subscribed now. */
  public static <T> PublisherStream<T> subscribe(Context context, Flow.Publisher<? extends T> publisher) {
    PublisherStream<T> stream = new PublisherStream<>(context);
    stream.subscribeTo(publisher);
    return stream;
  }

  void subscribeTo(Flow.Publisher<? extends T> publisher) {
    try {
      publisher.subscribe(inbound);
    } catch (Throwable t) {
      inbound.violation(t); // rule 1.9: subscribe must not throw; the stream fails with it
    }
  }

  /** The subscriber this stream gives the publisher; the subscriber TCK tests reach it here. */
  Flow.Subscriber<T> subscriber() {
    return inbound;
  }

  /**
   * Ends the stream at once, as a stoppable stream's {@code stop()}: the end handler runs, nothing
   * more is delivered, the subscription is cancelled. Runs on the context.
   */
  void stop() {
    if (!isOnContext()) {
      context.runOnContext(v -> stop());
      return;
    }
    received.clear();
    closeNow();
  }

  // ------------------------------------------------------------------ BaseAiter hooks

  @Override
  protected void onRequest(long n) {
    asked = Demand.add(asked, n);
    requestMissing();
  }

  @Override
  protected void onPause() {
    // What was requested stays requested: a Flow subscription cannot take it back.
    asked = 0;
  }

  @Override
  protected T poll() {
    T item = received.poll();
    if (item != null) {
      asked = Demand.decrement(asked);
      if (owed > 0) {
        owed--; // not below 0: a surplus beyond rule 1.1 is kept, not paid for by later requests
      }
      requestMissing();
    }
    finishIfDrained(); // the end needs no further demand
    return item;
  }

  @Override
  protected void onClose() {
    if (upstream == Upstream.SUBSCRIBED) {
      cancelUpstream();
    }
  }

  // ------------------------------------------------------------------ on the context

  /** Asks the publisher for what the consumer wants beyond what is already owed. */
  private void requestMissing() {
    if (upstream != Upstream.SUBSCRIBED || !isOpen()) {
      return;
    }
    long n;
    if (asked == Demand.UNBOUNDED) {
      // Flowing: keep a batch in flight, topped up once half of it went out.
      n = owed <= FLOWING_BATCH / 2 ? FLOWING_BATCH - owed : 0;
    } else {
      n = asked - owed;
    }
    if (n > 0) {
      owed += n; // before the call: a synchronous publisher re-enters through onNext
      try {
        subscription.get().request(n);
      } catch (Throwable t) {
        // rule 3.16: request must not throw; a publisher that does fails the stream, and is
        // cancelled as for any violation (contract 9)
        terminal.compareAndSet(null, new Terminal(t, true));
        cancelUpstream();
        finishIfDrained();
      }
    }
  }

  private void cancelUpstream() {
    upstream = Upstream.GONE;
    try {
      subscription.get().cancel();
    } catch (Throwable t) {
      // rule 3.15: cancel must not throw. Not the stream's failure, and not for its exception
      // handler, which may already have the failure that led here (contract 7: once).
      reportToContext(t);
    }
  }

  /** Takes in what the publisher signalled: the subscription, a violation, the end. */
  private void flush() {
    if (upstream == Upstream.WAITING && subscription.get() != null) {
      if (isOpen()) {
        upstream = Upstream.SUBSCRIBED;
        requestMissing();
      } else {
        cancelUpstream(); // closed before the subscription came
      }
    }
    Terminal t = terminal.get();
    if (t != null && t.violation() && upstream == Upstream.SUBSCRIBED) {
      cancelUpstream(); // the publisher broke the protocol: stop it at once
    }
    finishIfDrained();
    drain();
  }

  /** Ends or fails the stream once the publisher's last word came and its items are out. */
  private void finishIfDrained() {
    Terminal t = terminal.get(); // read before the queue: items before it are already there
    if (t == null || !isOpen() || !received.isEmpty()) {
      return;
    }
    if (!t.violation()) {
      upstream = Upstream.GONE; // rule 2.4: a terminated subscription is not cancelled
    }
    if (t.cause() == null) {
      complete();
    } else {
      failWith(t.cause());
    }
  }

  /** Makes a signal visible: now on the context, else queued onto it once. */
  private void signal() {
    if (isOnContext()) {
      flush();
    } else if (flushQueued.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        flushQueued.set(false);
        flush();
      });
    }
  }

  @Override
  public String toString() {
    return "Aiter.fromPublisher(" + received.size() + " received, " + upstream.name().toLowerCase() + ")";
  }

  // ------------------------------------------------------------------ the publisher's side

  /** The subscriber given to the publisher; its methods run on the publisher's threads. */
  private final class Inbound implements Flow.Subscriber<T> {

    @Override
    public void onSubscribe(Flow.Subscription s) {
      Objects.requireNonNull(s, "rule 2.13: onSubscribe(null)");
      if (!subscription.compareAndSet(null, s)) {
        s.cancel(); // rule 2.5: one subscription only
        return;
      }
      signal();
    }

    @Override
    public void onNext(T item) {
      if (item == null) {
        NullPointerException e = new NullPointerException("rule 2.13: onNext(null) from the publisher");
        violation(e);
        throw e;
      }
      received.add(item);
      signal();
    }

    @Override
    public void onError(Throwable cause) {
      if (cause == null) {
        NullPointerException e = new NullPointerException("rule 2.13: onError(null) from the publisher");
        violation(e);
        throw e;
      }
      terminal.compareAndSet(null, new Terminal(cause, false));
      signal();
    }

    @Override
    public void onComplete() {
      terminal.compareAndSet(null, new Terminal(null, false));
      signal();
    }

    /** The publisher broke the protocol: the stream fails with {@code cause}, upstream is cancelled. */
    void violation(Throwable cause) {
      terminal.compareAndSet(null, new Terminal(cause, true));
      signal();
    }
  }
}

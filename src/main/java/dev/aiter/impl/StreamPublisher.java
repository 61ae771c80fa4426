package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code toPublisher}: a stream of ours as a {@link Flow.Publisher} for one subscriber.
 *
 * <p>Every signal to the subscriber runs on the stream's context, so they are serial (rule 1.3)
 * and {@code onSubscribe} comes first (rule 1.9). {@code request(n)} becomes {@code fetch(n)}, and
 * the stream delivers exactly that (rule 1.1); a request from inside {@code onNext} is trampolined
 * by the stream's drain loop (rule 3.3). {@code cancel()} pauses the stream and releases every
 * handler this publisher set, so the stream is the caller's again (contract 9) and the subscriber
 * is no longer referenced (rule 3.13).
 *
 * <p>The publisher touches the stream only when the subscriber comes: an end or a failure reached
 * before is held by the stream until then (contracts 6 and 7), and the subscriber gets {@code
 * onSubscribe} and at once {@code onComplete} or {@code onError} (rules 1.4, 1.5). A stream has
 * one consumer, so the publisher serves one subscriber, ever: a later one gets {@code onSubscribe}
 * and {@code onError(IllegalStateException)}, as rule 1.9 allows.
 *
 * @param <T> the item type
 */
public final class StreamPublisher<T> implements Flow.Publisher<T> {

  private enum Phase {
    /** No subscriber yet. */
    WAITING,
    /** The subscriber is served. */
    SUBSCRIBED,
    /** Cancelled, or its terminal signal sent: the stream is released. */
    DONE
  }

  private final Context context;
  /** The stream given, untouched until the subscriber comes. */
  private final ReadStream<T> source;
  /**
   * What the subscriber reads: {@code source}, or the adopter made for it when the subscriber
   * comes. Written by {@code subscribe} for a stream of ours, before the task that starts the
   * subscription, else in that task on the context; read on the context after that.
   */
  private ReadStream<T> stream;
  /** Set by the first {@code subscribe}: every later subscriber is rejected. */
  private final AtomicBoolean taken = new AtomicBoolean();

  // On the context only.
  private Phase phase = Phase.WAITING;
  private Subscription current;

  /**
   * A publisher of {@code source}, read on {@code context}: a stream of ours on it directly, any
   * other adopted there when the subscriber comes (a foreign stream's handlers are not touched, nor
   * an event-bus consumer registered, before: found in review).
   */
  public StreamPublisher(Context context, ReadStream<T> source) {
    this.context = Args.notNull(context, "context");
    this.source = Args.notNull(source, "source");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber must not be null (rule 1.9)");
    if (!taken.compareAndSet(false, true)) {
      context.runOnContext(v -> reject(subscriber, new IllegalStateException(
          "Aiter.toPublisher: a stream has one consumer, and this publisher already has its subscriber")));
      return;
    }
    if (source instanceof BaseAiter) {
      // Ours: taken at once, from any thread, so that a later consumer of it is refused.
      IllegalStateException refused = adopt();
      if (refused != null) {
        context.runOnContext(v -> reject(subscriber, refused));
        return;
      }
    }
    Subscription subscription = new Subscription(subscriber);
    // Always a hop: the subscriber's subscribe call does not see its own onSubscribe re-entrantly.
    context.runOnContext(v -> {
      // A foreign stream is adopted here, on the context toPublisher took it to live on: adopted
      // where subscribe was called, it was called from there (found in review, contract 1).
      IllegalStateException refused = stream == null ? adopt() : null;
      if (refused != null) {
        reject(subscriber, refused);
      } else {
        start(subscription);
      }
    });
  }

  /** Makes {@link #stream} and takes it for the subscriber; the refusal if it is another's. */
  private IllegalStateException adopt() {
    try {
      stream = AdoptedStream.inner(context, source);
      BaseAiter.claim(stream, "toPublisher");
      return null;
    } catch (IllegalStateException e) {
      return e;
    }
  }

  private void start(Subscription s) {
    if (phase != Phase.WAITING) {
      return; // cannot happen: only one subscription is ever made
    }
    phase = Phase.SUBSCRIBED;
    current = s;
    stream.pause(); // the subscriber's requests are the only demand from now on
    try {
      s.subscriber.onSubscribe(s);
    } catch (Throwable t) {
      release(); // rule 2.13: the subscription is cancelled; the context reports the error
      throw t;
    }
    // Each handler set may deliver what the stream held (a failure, the end), which releases it.
    if (current == s) {
      stream.exceptionHandler(this::onFailure);
    }
    if (current == s) {
      stream.endHandler(v -> onEnd());
    }
    if (current == s) {
      stream.handler(this::onItem);
    }
  }

  private void onItem(T item) {
    Subscription s = current;
    if (s == null) {
      return; // cannot happen: the data handler is released with the subscription
    }
    try {
      s.subscriber.onNext(item);
    } catch (Throwable t) {
      // rule 2.13: the subscription is cancelled; the stream reports the error to its context
      release();
      throw t;
    }
  }

  private void onEnd() {
    if (phase == Phase.SUBSCRIBED) {
      terminate(null);
    }
  }

  private void onFailure(Throwable cause) {
    if (phase == Phase.SUBSCRIBED) {
      terminate(cause);
    }
  }

  /** Sends the terminal signal to the subscriber after letting go of the stream. */
  private void terminate(Throwable cause) {
    Flow.Subscriber<? super T> subscriber = current.subscriber;
    release();
    if (cause == null) {
      subscriber.onComplete();
    } else {
      subscriber.onError(cause);
    }
  }

  /** Lets go of the stream and of the subscriber: nothing more is pulled or signalled. */
  private void release() {
    if (phase == Phase.DONE) {
      return;
    }
    phase = Phase.DONE;
    current.cancelled = true;
    current = null;
    BaseAiter.release(stream);
  }

  private void reject(Flow.Subscriber<? super T> subscriber, IllegalStateException why) {
    subscriber.onSubscribe(NoSubscription.INSTANCE);
    subscriber.onError(why);
  }

  /**
   * Runs {@code action} on the stream's context: in place only on the context itself, for an
   * event-loop context its event loop (not code running {@code executeBlocking} for it).
   */
  private void onContext(Runnable action) {
    Contexts.runOn(context, action);
  }

  @Override
  public String toString() {
    return "Aiter.toPublisher(" + source + ")";
  }

  /** The one subscription; {@code request} and {@code cancel} may come from any thread. */
  private final class Subscription implements Flow.Subscription {

    private final Flow.Subscriber<? super T> subscriber;
    /** Seen from any thread, so that requests after a cancel do nothing (rule 3.6). */
    private volatile boolean cancelled;

    Subscription(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (cancelled) {
        return;
      }
      onContext(() -> {
        if (current != this) {
          return;
        }
        if (n <= 0) {
          terminate(new IllegalArgumentException(
              "rule 3.9: request(n) takes a positive n (non-positive subscription request), was " + n));
        } else {
          stream.fetch(n);
        }
      });
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      onContext(() -> {
        if (current == this) {
          release();
        }
      });
    }
  }

  /** What a rejected subscriber gets before its {@code onError}. */
  private enum NoSubscription implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
  }
}

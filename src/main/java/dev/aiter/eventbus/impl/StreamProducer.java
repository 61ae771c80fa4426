package dev.aiter.eventbus.impl;

import dev.aiter.StoppableStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.impl.Contexts;
import dev.aiter.impl.StoppableStreamImpl;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.streams.ReadStream;

/**
 * The producer side of one stream across the event bus: it holds the source paused, listens at
 * its control address, and once a consumer opened it, fetches from the source exactly the credits
 * that come and sends each item, numbered, to the consumer's inbox; then the source's end or
 * failure. It lets go of the source (never closing it) when the stream ends, the consumer stops
 * it or falls silent, or a reference is not opened in time, and unregisters its address first.
 *
 * <p>Buffers: nothing. Context: the one given; everything runs on it.
 *
 * @param <T> the item type
 */
final class StreamProducer<T> {

  private enum State {
    /** Registered (a reference: waiting to be opened); the source is held paused. */
    OFFERED,
    /** A consumer is attached: credits come, items go. */
    STREAMING,
    /** Over: the address is unregistered and the source let go of. */
    DONE
  }

  private final Context context;
  private final EventBus bus;
  private final Protocol.Frames frames;
  private final StoppableStream<T> source;
  private final String address;
  /** The reference's id, or null for a stream a service made. */
  private final String refId;
  private final String label;
  private final Liveness liveness;

  private State state = State.OFFERED;
  private MessageConsumer<Object> control;
  private long withdrawTimer = -1;
  /** Where the items go, once a consumer opened the stream. */
  private Outbox outbox;
  /** The source ended before the stream was opened: the end goes out on opening. */
  private boolean endedEarly;
  /** The source failed before the stream was opened: the failure goes out on opening. */
  private Throwable failedEarly;

  /** Takes hold of {@code stream}, paused; call on {@code context}. */
  StreamProducer(Context context, StreamOptions options, ReadStream<T> stream, String address, String refId, String label) {
    this.context = context;
    this.bus = context.owner().eventBus();
    this.frames = new Protocol.Frames(options);
    this.address = address;
    this.refId = refId;
    this.label = label;
    this.liveness = new Liveness(context.owner(), options.getPeerTimeout(), this::ping, this::silent);
    this.source = new StoppableStreamImpl<>(context, stream);
    source.pause();
    source.exceptionHandler(this::onSourceFailure);
    source.endHandler(v -> onSourceEnd());
    source.handler(this::onSourceItem);
  }

  /** Registers the control address; the future completes once it is known across the cluster. */
  Future<Void> register() {
    control = bus.consumer(address);
    control.handler(frame -> onContext(() -> onControl(frame)));
    return control.completion().onFailure(failed -> onContext(this::finish));
  }

  /** A reference waits for its consumer at most the peer timeout, then is withdrawn. */
  void offer() {
    if (state == State.OFFERED) {
      withdrawTimer = context.owner().setTimer(liveness.timeout(), id -> {
        withdrawTimer = -1;
        if (state == State.OFFERED) {
          finish();
        }
      });
    }
  }

  /** Whether {@code message} carries what an opening request needs. */
  static boolean isOpening(Message<?> message) {
    MultiMap headers = message.headers();
    return headers.get(Protocol.INBOX) != null && Protocol.count(headers, Protocol.CREDIT) >= 0;
  }

  /** Attaches the consumer that sent {@code opening}, answers it, and starts streaming. */
  void accept(Message<?> opening) {
    if (state != State.OFFERED) {
      opening.fail(EventBusStreams.SERVICE_FAILED, label + " was over before it could be opened");
      return;
    }
    MultiMap headers = opening.headers();
    outbox = new Outbox(bus, frames, headers.get(Protocol.INBOX));
    long theirs = Protocol.count(headers, Protocol.TIMEOUT);
    long ours = liveness.timeout();
    if (theirs > 0 && theirs < ours) {
      liveness.timeout(theirs);
    }
    state = State.STREAMING;
    if (withdrawTimer != -1) {
      context.owner().cancelTimer(withdrawTimer);
      withdrawTimer = -1;
    }
    opening.reply(null, new DeliveryOptions()
        .addHeader(Protocol.CONTROL, address)
        .addHeader(Protocol.TIMEOUT, Long.toString(ours)));
    liveness.start();
    if (endedEarly) {
      lastWord(0, null);
      return;
    }
    if (failedEarly != null) {
      lastWord(EventBusStreams.SOURCE_FAILED, message(failedEarly));
      return;
    }
    long credits = Protocol.count(headers, Protocol.CREDIT);
    if (credits > 0) {
      source.fetch(credits);
    }
  }

  // ------------------------------------------------------------------ frames from the consumer

  private void onControl(Message<Object> frame) {
    MultiMap headers = frame.headers();
    String kind = headers.get(Protocol.KIND);
    if (Protocol.OPEN.equals(kind) && refId != null && isOpening(frame)) {
      onOpen(frame);
      return;
    }
    if (outbox == null || !outbox.inbox().equals(headers.get(Protocol.INBOX))) {
      // Not from the attached consumer: a second opener's credits must not reach the first's stream.
      if (frame.replyAddress() != null) {
        frame.fail(EventBusStreams.NOT_A_STREAM_REQUEST, label + ": not a frame of the consumer attached (kind " + kind + ")");
      }
      return;
    }
    if (state == State.STREAMING) {
      liveness.heard();
    }
    if (Protocol.CREDIT.equals(kind)) {
      long n = Protocol.count(headers, Protocol.CREDIT);
      if (state == State.STREAMING && n > 0) {
        source.fetch(n);
      }
    } else if (Protocol.STOP.equals(kind)) {
      frame.reply(null); // after every item sent before it: the consumer may let go of its inbox
      finish(); // nothing when the end was sent already
    }
    // a ping: heard, nothing more to do
  }

  private void onOpen(Message<Object> opening) {
    if (!refId.equals(opening.headers().get(Protocol.ID))) {
      opening.reply(new ReplyException(ReplyFailure.NO_HANDLERS, label + ": no stream reference with id "
          + opening.headers().get(Protocol.ID) + " here"));
    } else if (state != State.OFFERED) {
      opening.fail(EventBusStreams.ALREADY_OPEN, label + " is already open: a stream reference opens once");
    } else {
      accept(opening);
    }
  }

  // ------------------------------------------------------------------ the source

  private void onSourceItem(T item) {
    if (state != State.STREAMING) {
      return; // not asked for: the source is let go of and this was in flight
    }
    try {
      outbox.item(item);
    } catch (RuntimeException e) {
      // No codec for the item's class: the event bus refuses it at once, so the stream fails at once.
      lastWord(EventBusStreams.ITEM_NOT_CARRIED, label + ": the event bus cannot carry an item of "
          + item.getClass().getName() + " (" + e.getMessage() + "); register a MessageCodec for it,"
          + " or name one in StreamOptions' DeliveryOptions");
      return;
    }
    liveness.sent();
  }

  private void onSourceEnd() {
    if (state == State.OFFERED) {
      endedEarly = true;
    } else if (state == State.STREAMING) {
      lastWord(0, null);
    }
  }

  private void onSourceFailure(Throwable cause) {
    if (state == State.OFFERED) {
      failedEarly = cause;
    } else if (state == State.STREAMING) {
      lastWord(EventBusStreams.SOURCE_FAILED, message(cause));
    }
  }

  private static String message(Throwable cause) {
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
  }

  /**
   * Sends the end ({@code code == 0}) or a failure, and stops pulling the source. The end is a
   * request: the consumer's answer comes after every credit it sent before, so the address is
   * unregistered only then, and no credit in flight meets a consumer that is no longer there.
   */
  private void lastWord(int code, String failure) {
    stopPulling();
    outbox.lastWord(code, failure, liveness.timeout()).onComplete(answered -> onContext(this::release));
  }

  /**
   * Runs {@code action} on the producer's context. A consumer's handler runs on a duplicate of it;
   * the source must be driven from the context itself. Control frames are few (a credit per half
   * window), so each takes the hop.
   */
  private void onContext(Runnable action) {
    Contexts.runOn(context, action);
  }

  private void ping() {
    if (state == State.STREAMING) {
      outbox.ping();
    }
  }

  private void silent() {
    if (state == State.STREAMING) {
      finish(); // the consumer is gone: the source is not held for it
    }
  }

  /** Over without a last word (stopped, withdrawn, or the consumer fell silent). */
  private void finish() {
    if (state != State.DONE) {
      State was = state;
      stopPulling();
      release();
      if (was == State.OFFERED && failedEarly != null) {
        // Nobody opened the stream to learn of it, and nobody will: not dropped unseen.
        Contexts.report(context, failedEarly);
      }
    }
  }

  private void stopPulling() {
    state = State.DONE;
    liveness.stop();
    if (withdrawTimer != -1) {
      context.owner().cancelTimer(withdrawTimer);
      withdrawTimer = -1;
    }
    source.pause();
  }

  /**
   * Unregisters the address, and then lets go of the source: once the source is let go of, the
   * address is gone across the cluster.
   */
  private void release() {
    if (control == null) {
      source.stop();
    } else {
      control.unregister().onComplete(unregistered -> onContext(source::stop));
    }
  }

  @Override
  public String toString() {
    return "StreamProducer[" + label + ", " + state.name().toLowerCase() + (outbox == null ? "" : ", " + outbox.sent() + " sent") + "]";
  }
}

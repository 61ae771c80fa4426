package dev.aiter.eventbus.impl;

import dev.aiter.StoppableStream;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.impl.BaseAiter;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayDeque;

/**
 * The consumer side of a stream across the event bus: an Aiter fed by the frames a producer sends
 * to this stream's {@link Inbox}. Demand becomes {@link Credits}: while the consumer has demand,
 * the items asked for and not yet delivered are topped up to {@code window}; a paused consumer
 * asks for nothing more. Sequence numbers make a lost, duplicated or unasked-for item a failure.
 * A {@link Liveness} watch fails the stream when the producer falls silent.
 *
 * <p>Buffers: at most {@code window} items. Context: the one given; everything, frames and timers
 * included, runs on it.
 *
 * @param <T> the item type
 */
public final class RemoteStream<T> extends BaseAiter<T, StoppableStream<T>> implements StoppableStream<T> {

  private enum Link {
    /** The inbox registers; nothing is sent yet. */
    REGISTERING,
    /**
     * The opening request is out, no answer yet. A reference's producer listens at the
     * reference's address, so credits may follow the request at once (they arrive after it).
     */
    OPENING,
    /** The producer answered: credits and heartbeats go to its control address. */
    OPEN,
    /** The producer said its last word (end or failure), refused, or went silent. */
    FINISHED,
    /** This side closed first: a stop is sent (or owed, should the producer still answer). */
    STOPPED
  }

  private final EventBus bus;
  private final Protocol.Frames frames;
  private final Credits credits;
  /** Where the opening request goes: a reference's address or a service's. */
  private final String target;
  /** The reference's id, or null for a service request. */
  private final String refId;
  /** The service request's body (unused for a reference). */
  private final Object body;
  private final String label;
  private final Inbox inbox;
  private final Liveness liveness;

  /** Items received and not yet delivered. */
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private Link link = Link.REGISTERING;
  /** The producer's control address: a reference's own, a service stream's once it answered. */
  private String control;

  private RemoteStream(Context context, StreamOptions options, String target, String refId, Object body, String label) {
    super(context);
    this.bus = context.owner().eventBus();
    this.frames = new Protocol.Frames(options);
    this.credits = new Credits(options.getWindow());
    this.target = target;
    this.refId = refId;
    this.body = body;
    this.label = label;
    this.inbox = new Inbox(context, this::onFrame);
    this.liveness = new Liveness(context.owner(), options.getPeerTimeout(), this::ping, this::silent);
    this.control = refId != null ? target : null;
    // A task after the caller's: handlers set right after open/request count for the first credits.
    context.runOnContext(v -> connect());
  }

  /** Opens the reference {@code address}/{@code id} on {@code context}. */
  static <T> RemoteStream<T> open(Context context, StreamOptions options, String address, String id) {
    return new RemoteStream<>(context, options, address, id, null, "stream " + address);
  }

  /** Requests a stream from the service at {@code address} on {@code context}. */
  static <T> RemoteStream<T> request(Context context, StreamOptions options, String address, Object body) {
    return new RemoteStream<>(context, options, address, null, body, "stream from service " + address);
  }

  @Override
  public void stop() {
    if (!isOnContext()) {
      context.runOnContext(v -> stop());
      return;
    }
    queue.clear();
    closeNow();
  }

  // ------------------------------------------------------------------ connecting

  private void connect() {
    if (link != Link.REGISTERING) {
      return; // stopped before it started
    }
    inbox.register().onComplete(registered -> onContext(() -> {
      if (link != Link.REGISTERING) {
        return; // stopped meanwhile: unregistering the inbox may fail its registration, no failure of ours
      } else if (registered.failed()) {
        finish();
        failWith(registered.cause());
      } else {
        sendOpening();
      }
    }));
  }

  private void sendOpening() {
    link = Link.OPENING;
    long first = credits.first(hasDemandNow());
    Opening.send(bus, frames, label, target, refId, body, inbox.address, first, liveness.timeout())
        .onComplete(answer -> onContext(() -> {
          if (answer.succeeded()) {
            onAnswer(answer.result());
          } else if (link == Link.OPENING) {
            finish();
            failWith(answer.cause());
          } else if (link == Link.STOPPED) {
            inbox.unregister();
          }
        }));
  }

  private void onAnswer(Opening.Answer answer) {
    if (link == Link.STOPPED) {
      sendStop(answer.control()); // stopped while opening: the producer went live for nobody
      return;
    }
    if (link != Link.OPENING) {
      return; // the producer's last word came first
    }
    if (answer.timeout() > 0 && answer.timeout() < liveness.timeout()) {
      liveness.timeout(answer.timeout());
    }
    control = answer.control();
    link = Link.OPEN;
    liveness.start();
    topUp();
  }

  // ------------------------------------------------------------------ frames from the producer

  private void onFrame(Message<Object> frame) {
    MultiMap headers = frame.headers();
    String kind = headers.get(Protocol.KIND);
    boolean lastWord = Protocol.END.equals(kind) || Protocol.FAIL.equals(kind);
    if (lastWord) {
      // The producer keeps its address until this answer, which follows every credit sent before.
      frame.reply(null);
    }
    if (link == Link.FINISHED || link == Link.STOPPED) {
      return; // in flight when this side closed: no longer wanted
    }
    liveness.heard();
    if (kind == null) {
      onItem(frame.body(), Protocol.count(headers, Protocol.SEQ));
    } else if (lastWord) {
      onLastWord(kind, frame.body(), headers);
    } else if (!Protocol.PING.equals(kind)) {
      violation("a frame of unknown kind '" + kind + "'");
    }
  }

  @SuppressWarnings("unchecked")
  private void onItem(Object item, long seq) {
    String wrong = credits.item(seq);
    if (wrong != null) {
      violation(wrong);
      return;
    }
    if (item == null) {
      failWith(new NullPointerException(label + ": item " + seq + " is null; a stream item must not be null"));
      return;
    }
    queue.add((T) item);
    drain();
  }

  private void onLastWord(String kind, Object body, MultiMap headers) {
    String wrong = credits.lastWord(kind, Protocol.count(headers, Protocol.SEQ));
    if (wrong != null) {
      violation(wrong);
      return;
    }
    finish();
    if (Protocol.END.equals(kind)) {
      complete();
    } else {
      int code = (int) Protocol.count(headers, Protocol.CODE);
      failWith(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, body instanceof String ? (String) body : null));
    }
  }

  private void violation(String what) {
    failWith(new IllegalStateException(label + ": " + what + "; the stream is broken"));
  }

  private void silent() {
    if (link == Link.OPEN) {
      finish();
      failWith(new ReplyException(ReplyFailure.TIMEOUT, label + ": no word from the producer for "
          + liveness.timeout() + " ms (its node left the cluster, or its verticle was undeployed)"));
    }
  }

  // ------------------------------------------------------------------ credits and heartbeats

  @Override
  protected void onRequest(long n) {
    topUp();
  }

  @Override
  protected T poll() {
    T item = queue.poll();
    if (item != null) {
      topUp(); // the consumer still has demand for this very item
    }
    return item;
  }

  @Override
  protected boolean holdsItems() {
    return !queue.isEmpty();
  }

  private boolean hasDemandNow() {
    return isOpen() && demand() > 0;
  }

  /** Asks for items up to {@code window} beyond delivery, in batches, while the consumer has demand. */
  private void topUp() {
    if (control == null || link != Link.OPEN && link != Link.OPENING || !hasDemandNow()) {
      return;
    }
    long grant = credits.topUp(queue.size());
    if (grant == 0) {
      return;
    }
    bus.send(control, null, frames.frame(Protocol.CREDIT)
        .addHeader(Protocol.INBOX, inbox.address)
        .addHeader(Protocol.CREDIT, Long.toString(grant)));
    liveness.sent();
  }

  private void ping() {
    if (link == Link.OPEN) {
      bus.send(control, null, frames.frame(Protocol.PING).addHeader(Protocol.INBOX, inbox.address));
    }
  }

  // ------------------------------------------------------------------ closing

  @Override
  protected void onClose() {
    liveness.stop();
    Link was = link;
    if (was == Link.OPEN) {
      link = Link.STOPPED;
      sendStop(control);
    } else if (was == Link.OPENING) {
      link = Link.STOPPED; // the stop goes once the producer answers, and the inbox after it
    } else if (was == Link.REGISTERING) {
      link = Link.STOPPED;
      inbox.unregister();
    }
  }

  /**
   * Tells the producer to stop. Its answer comes after every item it sent before, so the inbox is
   * unregistered then, and items still in flight are dropped quietly rather than logged.
   */
  private void sendStop(String address) {
    bus.request(address, null, frames.frame(Protocol.STOP).addHeader(Protocol.INBOX, inbox.address)
            .setSendTimeout(liveness.timeout()))
        .onComplete(answered -> onContext(inbox::unregister));
  }

  /** The producer has nothing more to say: no stop is owed, the inbox goes at once. */
  private void finish() {
    link = Link.FINISHED;
    liveness.stop();
    inbox.unregister();
  }

  /** Runs {@code action} on the stream's context: at once when already there. */
  private void onContext(Runnable action) {
    if (isOnContext()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  @Override
  public String toString() {
    return "RemoteStream[" + label + ", " + link.name().toLowerCase() + ", " + queue.size() + " held, " + credits + "]";
  }
}

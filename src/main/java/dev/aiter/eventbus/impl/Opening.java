package dev.aiter.eventbus.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A consumer side's opening request, to a reference ({@code open}) or a service ({@code request}),
 * and what the answer means: where the producer listens and its peer timeout, or a failure worded
 * for the stream (a {@code TIMEOUT} or {@code NO_HANDLERS} that names it; the producer's own
 * {@code RECIPIENT_FAILURE} as it is).
 */
final class Opening {

  /** The producer's answer: its control address, and its peer timeout (0 when not said). */
  record Answer(String control, long timeout) {
  }

  private Opening() {
  }

  /**
   * Sends the opening for the stream {@code label} to {@code target} (a reference's address, with
   * its {@code refId}; or a service's, {@code refId} null, with the request's {@code body}),
   * naming the consumer's {@code inbox} and its {@code credits}; the answer is awaited for at
   * most {@code timeout} ms.
   */
  static Future<Answer> send(EventBus bus, Protocol.Frames frames, String label, String target, String refId,
      Object body, String inbox, long credits, long timeout) {
    DeliveryOptions options = frames.handshake(refId != null ? Protocol.OPEN : Protocol.REQUEST, timeout)
        .addHeader(Protocol.INBOX, inbox)
        .addHeader(Protocol.CREDIT, Long.toString(credits))
        .addHeader(Protocol.TIMEOUT, Long.toString(timeout));
    if (refId != null) {
      options.addHeader(Protocol.ID, refId);
    }
    Future<io.vertx.core.eventbus.Message<Object>> answered;
    try {
      answered = bus.request(target, body, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e); // the request's body has no codec, most likely
    }
    return answered.transform(result -> {
      if (result.failed()) {
        return Future.failedFuture(failure(result.cause(), label, refId != null, timeout));
      }
      MultiMap headers = result.result().headers();
      String control = refId != null ? target : headers.get(Protocol.CONTROL);
      if (control == null) {
        return Future.failedFuture(new IllegalStateException(label + ": the answer names no control address (not a stream service?)"));
      }
      return Future.succeededFuture(new Answer(control, Math.max(0, Protocol.count(headers, Protocol.TIMEOUT))));
    });
  }

  private static Throwable failure(Throwable cause, String label, boolean reference, long timeout) {
    if (!(cause instanceof ReplyException)) {
      return cause;
    }
    ReplyException e = (ReplyException) cause;
    switch (e.failureType()) {
      case TIMEOUT:
        return new ReplyException(ReplyFailure.TIMEOUT, e.failureCode(),
            label + ": no answer from the producer within " + timeout + " ms");
      case NO_HANDLERS:
        return new ReplyException(ReplyFailure.NO_HANDLERS, e.failureCode(), label
            + ": no such " + (reference ? "stream reference (never existed, withdrawn, or opened before)" : "service"));
      default:
        return e; // the producer's own words: already open, the service's function failed
    }
  }
}

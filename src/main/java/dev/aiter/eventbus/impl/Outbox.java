package dev.aiter.eventbus.impl;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * What a producer sends to its consumer's inbox: the items, numbered from 1, heartbeats, and the
 * last word. Single-threaded: the producer's context.
 */
final class Outbox {

  private final EventBus bus;
  private final Protocol.Frames frames;
  private final String inbox;
  /** Items sent: also the sequence number of the last one. */
  private long sent;

  Outbox(EventBus bus, Protocol.Frames frames, String inbox) {
    this.bus = bus;
    this.frames = frames;
    this.inbox = inbox;
  }

  /** The consumer's inbox: frames from the consumer must name it. */
  String inbox() {
    return inbox;
  }

  long sent() {
    return sent;
  }

  /**
   * Sends the next item.
   *
   * @throws IllegalArgumentException if the event bus has no codec for it (nothing is sent)
   */
  void item(Object item) {
    long seq = sent + 1;
    bus.send(inbox, item, frames.item(seq));
    sent = seq;
  }

  void ping() {
    bus.send(inbox, null, frames.frame(Protocol.PING));
  }

  /**
   * Sends the end ({@code code == 0}) or a failure with its {@code message}, after the items sent.
   * A request: the consumer's answer (or the {@code timeout}) completes the future, and that
   * answer comes after every credit the consumer sent before it.
   */
  Future<?> lastWord(int code, String message, long timeout) {
    DeliveryOptions options = frames.frame(code == 0 ? Protocol.END : Protocol.FAIL)
        .addHeader(Protocol.SEQ, Long.toString(sent))
        .setSendTimeout(timeout);
    if (code != 0) {
      options.addHeader(Protocol.CODE, Integer.toString(code));
    }
    return bus.request(inbox, message, options);
  }
}

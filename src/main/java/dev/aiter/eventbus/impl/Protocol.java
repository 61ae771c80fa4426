package dev.aiter.eventbus.impl;

import dev.aiter.eventbus.StreamOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.util.Map;
import java.util.UUID;

/**
 * The wire protocol of a stream across the event bus, in one place. Every frame is an ordinary
 * event-bus message; what it means travels in headers, so an item's body is the item itself,
 * sent with the user's codec.
 *
 * <p>Consumer to producer (at the producer's control address: a reference's own address, or the
 * one a service's answer names): {@code open} (a request: opens a reference; carries the
 * consumer's inbox, its first credits and its peer timeout), {@code request} (the same, to a
 * service, with the user's body), {@code credit}, {@code ping} and {@code stop} (a request: its
 * answer comes after every item sent before it, so the inbox goes only then). Each but the
 * opening names the consumer's inbox: the producer heeds only the consumer it is attached to.
 *
 * <p>Producer to consumer (at the consumer's inbox): items (no kind header; a sequence number from
 * 1), {@code ping}, and the last word, {@code end} or {@code fail} (with the number of items sent
 * before it; a failure's body is its message, {@link #CODE} its code): a request, whose answer
 * comes after every credit sent before it, so the control address goes only then.
 *
 * <p>Public only for tests that play one side by hand; the package is not exported.
 */
public final class Protocol {

  public static final String KIND = "aiter-kind";
  public static final String SEQ = "aiter-seq";
  public static final String INBOX = "aiter-inbox";
  public static final String CREDIT = "aiter-credit";
  public static final String ID = "aiter-id";
  public static final String CONTROL = "aiter-control";
  public static final String TIMEOUT = "aiter-timeout";
  public static final String CODE = "aiter-code";

  public static final String OPEN = "open";
  public static final String REQUEST = "request";
  public static final String STOP = "stop";
  public static final String PING = "ping";
  public static final String END = "end";
  public static final String FAIL = "fail";

  /** The prefix of every address the library registers. */
  public static final String PREFIX = "__aiter.";

  private Protocol() {
  }

  static String newAddress(String kind) {
    return PREFIX + kind + "." + UUID.randomUUID();
  }

  /** A header holding a count, or -1 when it is absent or not a count. */
  static long count(MultiMap headers, String name) {
    String value = headers.get(name);
    if (value == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(value);
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** How frames are sent for one set of {@link StreamOptions}: the items with the user's options. */
  static final class Frames {

    private final String codecName;
    private final boolean localOnly;
    private final TracingPolicy tracing;
    /** The user's extra headers, or null. */
    private final MultiMap userHeaders;

    Frames(StreamOptions options) {
      DeliveryOptions user = options.getDeliveryOptions();
      codecName = user.getCodecName();
      localOnly = user.isLocalOnly();
      tracing = user.getTracingPolicy();
      MultiMap headers = user.getHeaders();
      userHeaders = headers == null || headers.isEmpty() ? null : MultiMap.caseInsensitiveMultiMap().addAll(headers);
    }

    /** Options for item number {@code seq}. A fresh object per item: a clustered send reads it later. */
    DeliveryOptions item(long seq) {
      DeliveryOptions o = base().setCodecName(codecName);
      return o.addHeader(SEQ, Long.toString(seq));
    }

    /** Options for a protocol frame of {@code kind}: no codec, no user headers. */
    DeliveryOptions frame(String kind) {
      return new DeliveryOptions().setLocalOnly(localOnly).setTracingPolicy(tracing).addHeader(KIND, kind);
    }

    /** Options for the opening request: the user's headers (the producer may read them), no codec. */
    DeliveryOptions handshake(String kind, long timeout) {
      return base().setSendTimeout(timeout).addHeader(KIND, kind);
    }

    private DeliveryOptions base() {
      DeliveryOptions o = new DeliveryOptions().setLocalOnly(localOnly).setTracingPolicy(tracing);
      if (userHeaders != null) {
        for (Map.Entry<String, String> header : userHeaders) {
          o.addHeader(header.getKey(), header.getValue());
        }
      }
      return o;
    }
  }
}

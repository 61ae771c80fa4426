package dev.aiter.eventbus;

import dev.aiter.impl.Args;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The settings of {@link EventBusStreams}, in the style of Vert.x's options classes: a
 * no-argument constructor with the defaults, a copy constructor, a {@link JsonObject} constructor
 * and {@link #toJson()}, fluent setters that refuse bad values at once.
 *
 * <ul>
 *   <li>{@code window} ({@value #DEFAULT_WINDOW}): how many items the consumer side asks for ahead
 *       of what it has delivered, while its consumer has demand: the stream's buffer, and the most
 *       items in flight between the two sides. A paused consumer stops the producer's source after
 *       at most this many items. Credits go back half a window at a time, so throughput grows with
 *       the window until a credit's round trip is hidden behind half a window of items. The
 *       default was chosen by measurement (BENCHMARKS.md, "Streams across the event bus"): between
 *       two event loops of one Vert.x, 64 items reach 0.26 of a plain {@code send} loop's rate, 256
 *       reach 0.60, 512 reach 0.90 and 1,024 reach 0.97; across two clustered nodes on loopback,
 *       where each item costs more, 512 reach 0.68. Larger windows gain little and hold more.
 *   <li>{@code peerTimeout} ({@value #DEFAULT_PEER_TIMEOUT} ms): each side hears from the other at
 *       least every third of it (items, credits or a heartbeat); a side that hears nothing for this
 *       long gives up: the consumer's stream fails with a {@code TIMEOUT}
 *       {@link io.vertx.core.eventbus.ReplyException}, the producer lets go of its source. A
 *       reference not opened within it is withdrawn, and opening or requesting a stream waits at
 *       most this long for the producer's answer. The two sides of a stream agree on the smaller
 *       of their two timeouts.
 *   <li>{@code deliveryOptions} (empty): how the items are sent: the codec name (for a type with a
 *       registered {@link io.vertx.core.eventbus.MessageCodec}), extra headers, local only, the
 *       tracing policy. Its send timeout is not used: the handshake waits for the peer timeout. A
 *       service request's body is sent with these headers but without the codec name (the body is
 *       not an item).
 * </ul>
 *
 * <p>Not thread-safe: set it up, then hand it over; {@link EventBusStreams#create(io.vertx.core.Vertx,
 * StreamOptions)} takes a copy.
 */
public class StreamOptions {

  /** The default window, in items. */
  public static final int DEFAULT_WINDOW = 512;
  /** The default peer timeout, in milliseconds. */
  public static final long DEFAULT_PEER_TIMEOUT = 10_000;

  private int window;
  private long peerTimeout;
  private DeliveryOptions deliveryOptions;

  /** The defaults. */
  public StreamOptions() {
    window = DEFAULT_WINDOW;
    peerTimeout = DEFAULT_PEER_TIMEOUT;
    deliveryOptions = new DeliveryOptions();
  }

  /** A copy of {@code other}, its delivery options included. */
  public StreamOptions(StreamOptions other) {
    Args.notNull(other, "other");
    window = other.window;
    peerTimeout = other.peerTimeout;
    deliveryOptions = new DeliveryOptions(other.deliveryOptions);
  }

  /**
   * From JSON: {@code window}, {@code peerTimeout} and {@code deliveryOptions} (as
   * {@link DeliveryOptions#toJson()} writes it); a field left out keeps its default.
   *
   * @throws IllegalArgumentException if a value is out of range or of the wrong type (null
   *     included), naming its key
   */
  public StreamOptions(JsonObject json) {
    this();
    Args.notNull(json, "json");
    // The checks, not the setters: a subclass's override must not run before it is built.
    long windowValue = wholeNumber(json, "window", DEFAULT_WINDOW);
    if (windowValue != (int) windowValue) {
      throw new IllegalArgumentException("window must be at most " + Integer.MAX_VALUE + ", was " + windowValue);
    }
    window = Args.positive((int) windowValue, "window");
    peerTimeout = checkedPeerTimeout(wholeNumber(json, "peerTimeout", DEFAULT_PEER_TIMEOUT));
    if (json.containsKey("deliveryOptions")) {
      deliveryOptions = deliveryOptions(json.getValue("deliveryOptions"));
    }
  }

  /** Delivery options from JSON, refused naming the key when they are not what toJson() writes. */
  private static DeliveryOptions deliveryOptions(Object value) {
    if (!(value instanceof JsonObject)) {
      throw new IllegalArgumentException("deliveryOptions must be a JSON object, was " + value);
    }
    try {
      return new DeliveryOptions((JsonObject) value);
    } catch (RuntimeException e) { // a ClassCastException, or DeliveryOptions' own refusal of a header or a policy
      throw new IllegalArgumentException("deliveryOptions must be as DeliveryOptions.toJson() writes"
          + " them, was " + value + " (" + e.getMessage() + ")", e);
    }
  }

  /** These options as JSON, readable by {@link #StreamOptions(JsonObject)}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("window", window)
        .put("peerTimeout", peerTimeout)
        .put("deliveryOptions", deliveryOptions.toJson());
  }

  /** The window, in items. */
  public int getWindow() {
    return window;
  }

  /**
   * Sets the window: the most items asked for ahead of delivery, and so held by the consumer side
   * and in flight.
   *
   * @throws IllegalArgumentException if {@code window <= 0}
   */
  public StreamOptions setWindow(int window) {
    this.window = Args.positive(window, "window");
    return this;
  }

  /** The peer timeout, in milliseconds. */
  public long getPeerTimeout() {
    return peerTimeout;
  }

  /**
   * Sets the peer timeout: how long a side waits without a word from the other before it gives up.
   *
   * @throws IllegalArgumentException if {@code millis <= 0}
   */
  public StreamOptions setPeerTimeout(long millis) {
    this.peerTimeout = checkedPeerTimeout(millis);
    return this;
  }

  /**
   * The whole number at {@code key}, or {@code absent} when the key is left out. A null, a
   * fraction or text is refused naming the key: JsonObject's getters would truncate or unbox it.
   */
  private static long wholeNumber(JsonObject json, String key, long absent) {
    if (!json.containsKey(key)) {
      return absent;
    }
    Object value = json.getValue(key);
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException(key + " must be a whole number, was " + value);
  }

  private static long checkedPeerTimeout(long millis) {
    if (millis <= 0) {
      throw new IllegalArgumentException("peerTimeout must be > 0, was " + millis);
    }
    return millis;
  }

  /** The delivery options the items are sent with (this object itself, not a copy). */
  public DeliveryOptions getDeliveryOptions() {
    return deliveryOptions;
  }

  /** Sets the delivery options the items are sent with. */
  public StreamOptions setDeliveryOptions(DeliveryOptions deliveryOptions) {
    this.deliveryOptions = Args.notNull(deliveryOptions, "deliveryOptions");
    return this;
  }

  @Override
  public String toString() {
    return "StreamOptions" + toJson().encode();
  }
}

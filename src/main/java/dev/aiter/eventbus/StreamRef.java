package dev.aiter.eventbus;

import dev.aiter.impl.Args;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A reference to a stream offered with {@link EventBusStreams#export}: where its producer listens
 * ({@link #address()}) and which stream it is ({@link #id()}). It is a plain value: send it in any
 * message as {@link #toJson()}, rebuild it with {@link #fromJson}, and {@link EventBusStreams#open
 * open} it anywhere in the cluster, once. Two references are equal when their address and id are.
 *
 * @param <T> the item type of the stream (not carried: the opener states it)
 */
public final class StreamRef<T> {

  private final String address;
  private final String id;

  /**
   * A reference to the stream {@code id} whose producer listens at {@code address}; {@link
   * EventBusStreams#export} makes them, this constructor is for references carried in another form.
   */
  public StreamRef(String address, String id) {
    this.address = Args.notNull(address, "address");
    this.id = Args.notNull(id, "id");
  }

  /** The event-bus address the stream's producer listens at. */
  public String address() {
    return address;
  }

  /** The stream's id, unique to the export. */
  public String id() {
    return id;
  }

  /** {@code {"address": ..., "id": ...}}. */
  public JsonObject toJson() {
    return new JsonObject().put("address", address).put("id", id);
  }

  /**
   * The reference {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException if {@code json} lacks the string {@code address} or {@code id}
   */
  public static <T> StreamRef<T> fromJson(JsonObject json) {
    Args.notNull(json, "json");
    return new StreamRef<>(field(json, "address"), field(json, "id"));
  }

  private static String field(JsonObject json, String name) {
    Object value = json.getValue(name);
    if (!(value instanceof String)) {
      throw new IllegalArgumentException("json must hold the string \"" + name + "\" of a StreamRef, was " + json.encode());
    }
    return (String) value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamRef && address.equals(((StreamRef<?>) o).address) && id.equals(((StreamRef<?>) o).id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, id);
  }

  @Override
  public String toString() {
    return "StreamRef" + toJson().encode();
  }
}

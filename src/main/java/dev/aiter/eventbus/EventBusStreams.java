package dev.aiter.eventbus;

import dev.aiter.StoppableStream;
import dev.aiter.eventbus.impl.EventBusStreamsImpl;
import dev.aiter.impl.Args;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * Streams from one verticle to another over the event bus, on one node or across a cluster, with
 * the contract of a local stream: demand travels back to the producer as credits, so a slow
 * consumer slows the producer's source instead of losing messages, and a silent peer fails the
 * stream instead of hanging it.
 *
 * <p>Two shapes. A <b>reference</b>: the producer {@link #export}s a stream and sends the {@link
 * StreamRef} in any message; the consumer {@link #open}s it, once.
 *
 * <pre>{@code
 * // node A                                              // node B
 * streams.export(lines).onSuccess(ref ->                 StreamRef<String> ref = StreamRef.fromJson(msg.body());
 *     msg.reply(ref.toJson()));                          streams.open(ref).map(String::length).pipeTo(out);
 * }</pre>
 *
 * <p>A <b>service</b>: the producer {@link #serve}s an address with a function from request
 * message to stream; every {@link #request} gets its own stream, with its own demand.
 *
 * <pre>{@code
 * streams.serve("logs", (Message<String> m) -> logLines(m.body()));      // node A
 * streams.request("logs", "errors").filter(l -> l.contains("ERROR"))...   // node B
 * }</pre>
 *
 * <p><b>Demand:</b> the consumer's {@code fetch(n)} becomes credits sent to the producer, which
 * fetches from its source no more than the credits granted. While its consumer has demand, the
 * consumer side keeps up to {@link StreamOptions#getWindow() window} items asked for beyond those
 * it delivered; a paused consumer asks for nothing more. <b>Buffers:</b> the consumer side holds
 * at most {@code window} items; the producer side holds none.
 *
 * <p><b>Faults are loud.</b> The consumer's stream fails with a {@link ReplyException}:
 * {@link ReplyFailure#RECIPIENT_FAILURE} when the producer's source failed (its message is the
 * cause's message; code {@link #SOURCE_FAILED}), an item could not be carried ({@link
 * #ITEM_NOT_CARRIED}: no codec for its class, named in the message), the reference is already
 * open ({@link #ALREADY_OPEN}) or a service's function threw or returned {@code null} ({@link
 * #SERVICE_FAILED}); {@link ReplyFailure#NO_HANDLERS} when no such reference or service exists
 * (never existed, withdrawn, closed, or opened before and since ended); {@link ReplyFailure#TIMEOUT}
 * when the producer went silent for the peer timeout (the message names the stream's address). A
 * gap or a duplicate in the items' sequence numbers fails it with {@link IllegalStateException}.
 * A producer whose consumer goes silent lets go of its source.
 *
 * <p><b>Stopping:</b> the consumer's {@code stop()} ends its stream at once and tells the producer,
 * which stops pulling its source and lets go of it; the registrations of both sides are removed.
 * The library never closes a stream handed to it.
 *
 * <p><b>Items</b> are whatever the event bus carries: strings, buffers, {@code JsonObject}, {@code
 * JsonArray}, boxed primitives, byte arrays, and types with a registered {@code MessageCodec}
 * (named in the {@link StreamOptions#getDeliveryOptions() delivery options}, or registered as the
 * default codec of their class). Never {@code null}.
 *
 * <p><b>Context:</b> a consumer-side stream runs on the context that called {@code open}/{@code
 * request}, else on a new context of the {@code Vertx}. A producer runs on its source's context
 * when the source is an {@code Aiter}, else on the caller's, else on a new one; a service's
 * function runs on the context that called {@code serve}. An instance is stateless beyond its
 * options and may be shared between verticles and threads.
 */
public interface EventBusStreams {

  /** {@link ReplyException#failureCode()} of a failure of the producer's source. */
  int SOURCE_FAILED = 1;
  /** {@link ReplyException#failureCode()} when an item could not be sent: no codec for its class. */
  int ITEM_NOT_CARRIED = 2;
  /** {@link ReplyException#failureCode()} when a reference is opened a second time. */
  int ALREADY_OPEN = 3;
  /** {@link ReplyException#failureCode()} when a service's function threw or returned {@code null}. */
  int SERVICE_FAILED = 4;
  /** {@link ReplyException#failureCode()} of a message to a service that is not a stream request. */
  int NOT_A_STREAM_REQUEST = 5;

  /** Streams over {@code vertx}'s event bus with the default {@link StreamOptions}. */
  static EventBusStreams create(Vertx vertx) {
    return create(vertx, new StreamOptions());
  }

  /** Streams over {@code vertx}'s event bus with (a copy of) {@code options}. */
  static EventBusStreams create(Vertx vertx, StreamOptions options) {
    return new EventBusStreamsImpl(Args.notNull(vertx, "vertx"), new StreamOptions(Args.notNull(options, "options")));
  }

  /** A copy of the options of these streams. */
  StreamOptions options();

  /**
   * Offers {@code stream} to one consumer anywhere in the cluster. The stream is paused at once and
   * pulled only as the consumer's credits come. The future completes with the reference once it can
   * be opened from any node. A reference not opened within the peer timeout is withdrawn: its
   * source is let go of (not closed), and opening it later fails with {@code NO_HANDLERS}.
   *
   * <p>The stream then belongs to the export: it must not be consumed or fetched from elsewhere
   * (a stream has one consumer; an {@code Aiter} consumed already fails the export with {@link
   * IllegalStateException}), since items it delivered beyond the consumer's credits would fail the
   * consumer's stream.
   *
   * <p><b>Buffers:</b> nothing. <b>Context:</b> the stream's, when it is an {@code Aiter}, else the
   * caller's (else a new one).
   */
  <T> Future<StreamRef<T>> export(ReadStream<T> stream);

  /**
   * Opens an exported stream: the producer's items, in order, each once, with real {@code
   * fetch(n)} demand; the producer's end after the last item, its failure as a {@link
   * ReplyException} (see the class documentation). A reference opens once: a second {@code open}
   * fails its stream with {@code RECIPIENT_FAILURE} ({@link #ALREADY_OPEN}).
   *
   * <p><b>Demand:</b> credits to the producer, up to {@code window} beyond delivery while the
   * consumer has demand. <b>Buffers:</b> at most {@code window} items. <b>Context:</b> the caller's,
   * else a new one of the {@code Vertx}; the stream connects in a task after this call, so handlers
   * set right after it take part from the first credit.
   */
  <T> StoppableStream<T> open(StreamRef<T> ref);

  /**
   * Serves {@code address}: each request message sent there with {@link #request} is given to
   * {@code handler}, whose stream goes, with its own demand, to that requester alone. A handler
   * that throws or returns {@code null} fails the requester's stream with {@code RECIPIENT_FAILURE}
   * ({@link #SERVICE_FAILED}). The handler must not reply to the message: the library does. The
   * future completes once the address is registered across the cluster.
   *
   * <p><b>Context:</b> the handler runs on the caller's context (else a new one); each stream's
   * producer on its stream's context when that is an {@code Aiter}, else on the same.
   */
  <Q, T> Future<StreamService> serve(String address, Function<Message<Q>, ? extends ReadStream<T>> handler);

  /**
   * Asks the service at {@code address} for a stream, sending {@code body} (may be {@code null}) as
   * the request; otherwise as {@link #open}. No service there: the stream fails with {@code
   * NO_HANDLERS}.
   *
   * <p><b>Demand, Buffers, Context:</b> as {@link #open}.
   */
  <T> StoppableStream<T> request(String address, Object body);
}

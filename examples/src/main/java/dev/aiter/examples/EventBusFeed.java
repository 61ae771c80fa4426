package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.MessageConsumerOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Lesson 6: an event-bus consumer as a push source. Each HTTP client gets a chunked response fed,
 * line by line, by the messages sent to the address {@value #ADDRESS}:
 *
 * <pre>{@code
 * Aiter.of(consumer).map(this::take).preload(16).map(toLine).pipeTo(response)
 * }</pre>
 *
 * <p>A {@code MessageConsumer} is a {@code ReadStream}, so {@link Aiter#of} adopts it, and
 * {@code pipeTo} carries the response's back-pressure up the chain: when the client reads slowly,
 * the response's write queue fills, the pipe pauses the chain, {@code preload} stops asking once it
 * holds its 16 messages, and the consumer is paused. {@link #take} counts what the chain pulls from
 * the event bus ({@link #pulled()}), so you can watch it stop. ({@code gated} would not do here: a
 * gate fetches its credits at once, so a gate opened for a thousand messages takes a thousand,
 * whatever the client does; {@code preload} holds a fixed 16 and refills only as the client takes.)
 *
 * <p><b>The edge.</b> A paused consumer does not push back on whoever sends: it keeps arriving
 * messages up to its {@code maxBufferedMessages} (1,000 by default, fixed when it is created) and
 * discards those beyond, with a warning in the log. Back-pressure ends at the consumer. You choose
 * what happens there:
 *
 * <ul>
 *   <li>{@link Holding#PUSH_BACK} (the default here): the chain pulls only as fast as the client
 *       reads, and the producer must not get more than {@value #MAX_BUFFERED} messages ahead. The
 *       way to be sure is a producer that waits for replies: the chain replies to each message it
 *       takes ({@link #take}), so a producer that sends with {@code request} and keeps a bounded
 *       number of requests open is held back by the client all the way. {@link #main} runs one.
 *   <li>{@link Holding#HOLD_ALL}: {@code active()} drains the consumer at once into memory, so no
 *       message is discarded whatever the producer does, and a slow client costs memory without
 *       bound instead.
 * </ul>
 *
 * <p>A reply says the chain took the message, not that the client read it: a client that leaves
 * loses what the chain held for it.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.EventBusFeed},
 * then {@code curl -sN localhost:8080/}; Ctrl-C stops each.
 */
public final class EventBusFeed {

  /** The address the feed consumes. */
  public static final String ADDRESS = "feed";
  /** What a paused consumer holds before it discards (Vert.x's default, said out loud). */
  public static final int MAX_BUFFERED = 1_000;
  /** Messages the chain keeps ready for the response. */
  public static final int PRELOAD = 16;

  /** How the chain holds messages the client is not ready for. */
  public enum Holding {
    /** Pull as the client reads; the producer must stay within {@link #MAX_BUFFERED}. */
    PUSH_BACK,
    /** {@code active()}: take every message at once and hold it in memory, without bound. */
    HOLD_ALL
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final Holding holding;
  /** Messages the chains took from the event bus; read on the server's context. */
  private long pulled;

  private EventBusFeed(Vertx vertx, HttpServerOptions options, Holding holding) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(options).requestHandler(this::feed);
    this.holding = holding;
  }

  /**
   * Starts the feed's HTTP server on {@code host} and {@code port} (0: any free port). Call it on a
   * Vert.x context: requests, consumers and chains run on it.
   */
  public static Future<EventBusFeed> listen(Vertx vertx, HttpServerOptions options, String host, int port,
      Holding holding) {
    EventBusFeed feed = new EventBusFeed(vertx, options, holding);
    return feed.server.listen(port, host).map(listening -> feed);
  }

  /** {@link #listen(Vertx, HttpServerOptions, String, int, Holding)} on {@code localhost}. */
  public static Future<EventBusFeed> listen(Vertx vertx, HttpServerOptions options, int port, Holding holding) {
    return listen(vertx, options, "localhost", port, holding);
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /** How many messages the chains have taken from the event bus so far; call it on the server's context. */
  public long pulled() {
    return pulled;
  }

  /** Closes the server and its connections. */
  public Future<Void> close() {
    return server.close();
  }

  /** One client: a consumer of its own, a chain, and a response that ends when the consumer does. */
  private void feed(HttpServerRequest request) {
    HttpServerResponse response = request.response()
        .setChunked(true)
        .putHeader("content-type", "text/plain; charset=utf-8");
    MessageConsumer<String> consumer = vertx.eventBus()
        .consumer(new MessageConsumerOptions().setAddress(ADDRESS).setMaxBufferedMessages(MAX_BUFFERED));

    Aiter<String> bodies = Aiter.of(consumer).map(this::take);
    Aiter<String> held = holding == Holding.HOLD_ALL ? bodies.active() : bodies.preload(PRELOAD);
    held.map(body -> Buffer.buffer(body + "\n")).pipeTo(response);

    response.closeHandler(closed -> consumer.unregister()); // the client left: stop consuming
    consumer.completion().onSuccess(registered -> response.writeHead()); // the feed is live
  }

  /** The chain's first stage: counts the message and tells a waiting producer that it was taken. */
  private String take(Message<String> message) {
    pulled++;
    message.reply(null);
    return message.body();
  }

  /**
   * Serves the feed on {@code localhost:8080} (or the port and host given as arguments), with a
   * producer that sends the next message only once the chain took the last one, at most ten a
   * second.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    String host = args.length > 1 ? args[1] : "localhost"; // "0.0.0.0": every interface
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> listen(vertx, new HttpServerOptions(), host, port, Holding.PUSH_BACK)
        .onSuccess(feed -> {
          System.out.println("feeding: curl -sN localhost:" + feed.port() + "/ (Ctrl-C stops)");
          produce(vertx, 1);
        })
        .onFailure(failure -> {
          System.out.println("cannot listen on port " + port + ": " + failure.getMessage());
          vertx.close();
        }));
  }

  /** A producer that waits for replies: never more than one message ahead of the chain. */
  private static void produce(Vertx vertx, long n) {
    vertx.eventBus().request(ADDRESS, "message " + n, new DeliveryOptions().setSendTimeout(10_000))
        .onSuccess(taken -> vertx.setTimer(100, next -> produce(vertx, n + 1)))
        .onFailure(noReader -> vertx.setTimer(1_000, retry -> produce(vertx, n))); // no client yet
  }
}

package dev.aiter.examples;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.examples.ClusteredLog.Entry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.MessageConsumerOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.WriteStream;
import java.util.List;

/**
 * The Java code of the project's {@code README.md}: each block there is the body of one method
 * here, quoted verbatim, so the build compiles what the README shows and {@code ReadmeTest} fails
 * when the two drift apart. {@code ReadmeTest} also runs the headline against a real client.
 */
public final class Readme {

  /** Where the headline saves lines: any asynchronous store, such as a database client. */
  @FunctionalInterface
  public interface Store {
    /** Saves {@code line}; the future completes, with nothing, once it is saved. */
    Future<Void> save(String line);
  }

  private Readme() {
  }

  /**
   * The headline: each request's body, line by line, blank lines dropped, each line saved (at most
   * five saves at once) and then answered with {@code saved <line>} in a chunked response. The
   * response's back-pressure reaches the request: a client that reads slowly slows the saves and
   * the reading of its upload.
   */
  public static void headline(HttpServer server, Store store) {
    server.requestHandler(request ->
        Aiter.of(RecordParser.newDelimited("\n", request))              // the upload, line by line
            .map(Buffer::toString)
            .mapFilter(line -> line.isBlank() ? List.of() : List.of(line))  // drop blank lines
            .peekAsync(store::save, 5)                                   // at most 5 saves at once
            .map(line -> Buffer.buffer("saved " + line + "\n"))
            .preload(16)                                                 // keep 16 answers ready
            .pipeTo(request.response().setChunked(true)));              // a slow client slows it all
  }

  /** An event-bus consumer that keeps more while paused: it still discards past its limit. */
  static void roomyConsumer(Vertx vertx) {
    MessageConsumer<String> consumer = vertx.eventBus().consumer(
        new MessageConsumerOptions().setAddress("feed").setMaxBufferedMessages(100_000));
    Aiter<Message<String>> messages = Aiter.of(consumer);  // discards only past 100,000 waiting
  }

  /**
   * A stream from one node to another (lesson 10): node A serves the lines of its log, node B
   * requests 5,000 of them and pipes them, parsed, into {@code out}; B's demand reaches A's log.
   */
  static void twoNodes(Vertx nodeA, Vertx nodeB, WriteStream<Entry> out) {
    // node A: each request to "log.lines" gets a stream of its own
    EventBusStreams.create(nodeA).serve("log.lines",
        (Message<Integer> request) -> Aiter.fromIterator(nodeA, ClusteredLog.lines(request.body())));

    // node B: ask for one, and shape it like any Aiter
    EventBusStreams.create(nodeB).<String>request("log.lines", 5_000).map(Entry::parse).pipeTo(out);
  }

  /** An event-bus consumer drained into memory as messages come: nothing discarded, no bound. */
  static void activeConsumer(Vertx vertx) {
    PushStream<Message<String>> messages = Aiter.active(vertx.eventBus().<String>consumer("feed"));
  }
}

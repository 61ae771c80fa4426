package dev.aiter.examples;

import dev.aiter.Aiter;
import dev.aiter.examples.MultiClientServer.Line;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Lesson 5: parallel processing. The handling stage becomes {@code mapAsync(handle, 5)}: up to
 * five events are handled at once, and results come out in the order they complete.
 *
 * <pre>{@code
 * connections -> flatMap(lines of each) -> mapAsync(handle, 5) -> print
 * }</pre>
 *
 * <p>{@link #handle} now returns a {@code Future}. Most lines complete at once; a {@code wait} line
 * completes after a timer (five seconds by default), and while it runs the four other workers go
 * on handling everybody's lines. With {@code map}, or with {@code mapAsync(handle, 1)}, every client
 * would wait behind that one {@code wait}.
 *
 * <p>Each line is echoed at once; a {@code wait} line then writes {@code waited N ms} when its
 * timer fires. An empty line hangs up that client; {@code quit} closes the server and ends the
 * stream.
 *
 * <p>Demand: calls in flight plus results not yet printed never exceed the workers; when five
 * {@code wait}s are running, no further line is read from any socket until one completes, and TCP
 * pushes back on the clients. Buffers: five results.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.ParallelServer},
 * then {@code nc localhost 7777} from two terminals: send {@code wait} in one and lines in the
 * other. {@code quit} stops.
 */
public final class ParallelServer {

  /** How long a {@code wait} takes by default. */
  public static final long DEFAULT_WAIT_MILLIS = 5_000;
  /** How many events are handled at once by default. */
  public static final int DEFAULT_WORKERS = 5;

  private final Vertx vertx;
  private final Connections server;
  private final long waitMillis;

  private ParallelServer(Vertx vertx, Connections server, long waitMillis) {
    this.vertx = vertx;
    this.server = server;
    this.waitMillis = waitMillis;
  }

  /**
   * Runs the pipeline on {@code server} with {@code workers} events handled at once and a
   * {@code wait} of {@code waitMillis}; prints each result to {@code out}. The future completes
   * when the stream has ended.
   */
  public static Future<Void> serve(Vertx vertx, Connections server, long waitMillis, int workers, Consumer<String> out) {
    ParallelServer pipeline = new ParallelServer(vertx, server, waitMillis);
    Aiter<String> results = MultiClientServer.lines(server).mapAsync(pipeline::handle, workers);

    Promise<Void> ended = Promise.promise();
    results.handler(out::accept).endHandler(end -> {
      out.accept("the stream ended");
      ended.complete();
    });
    return ended.future();
  }

  /** {@link #serve(Vertx, Connections, long, int, Consumer)} with the defaults: five workers, five-second waits. */
  public static Future<Void> serve(Vertx vertx, Connections server, Consumer<String> out) {
    return serve(vertx, server, DEFAULT_WAIT_MILLIS, DEFAULT_WORKERS, out);
  }

  /** One event: echo it, act on the commands; the future completes with what the reader prints. */
  private Future<String> handle(Line line) {
    if (line.text().isEmpty()) {
      line.socket().close();
      return Future.succeededFuture("closed the connection of " + line.socket().remoteAddress());
    }
    line.socket().write(line.text() + "\n");
    switch (line.text()) {
      case "quit":
        server.close();
        return Future.succeededFuture("quit: closing the server");
      case "wait":
        return vertx.timer(waitMillis).map(fired -> {
          line.socket().write("waited " + waitMillis + " ms\n");
          return "waited " + waitMillis + " ms for " + line.socket().remoteAddress();
        });
      default:
        return Future.succeededFuture("echoed: " + line.text());
    }
  }

  /**
   * Serves on {@code localhost:7777} (or the port and host given as arguments) until a client sends
   * {@code quit}, then exits.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7777;
    String host = args.length > 1 ? args[1] : "localhost"; // "0.0.0.0": every interface
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> Connections.listen(vertx, host, port)
        .onSuccess(server -> System.out.println("listening: nc localhost " + server.port()
            + " (wait takes five seconds; quit stops)"))
        .compose(server -> serve(vertx, server, System.out::println))
        .onComplete(done -> {
          if (done.failed()) {
            System.out.println("failed: " + done.cause().getMessage());
          }
          vertx.close();
        }));
  }
}

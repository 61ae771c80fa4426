package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;

/**
 * Lesson 3: many clients, one pipeline.
 *
 * <p>Lesson 1 gave a stream of connections; lesson 2 a stream of lines per connection. Together
 * they make a stream of streams, and whenever you hold a stream of streams, the thing you want is
 * {@code join}: one stream with the items of them all, each as it arrives. {@code flatMap} is
 * {@code join} of {@code map}:
 *
 * <pre>{@code
 * Aiter<Line> lines = server.stream().flatMap(socket -> LineServer.lines(socket).map(text -> new Line(text, socket)));
 * }</pre>
 *
 * <p>Each line keeps its socket, so one handler serves every client: it echoes the line to the
 * client that sent it, and a {@code quit} line closes the server. Closing a Vert.x server closes
 * its connections too, so every line stream ends, the connection stream ends, and the joined
 * stream ends with them: nothing needs to break out of a loop.
 *
 * <p>Demand: the joined stream shares its reader's demand among the connections, one line at a
 * time from each; a paused reader pauses every socket. Buffers: at most one line per connection.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.MultiClientServer},
 * then {@code nc localhost 7777} from a few terminals; type {@code quit} in one to stop.
 */
public final class MultiClientServer {

  private MultiClientServer() {
  }

  /** A line and the connection it came from. */
  public record Line(String text, NetSocket socket) {
  }

  /** The lines of every connection of {@code server}, merged as they arrive. */
  public static Aiter<Line> lines(Connections server) {
    return server.stream().flatMap(socket -> LineServer.lines(socket).map(text -> new Line(text, socket)));
  }

  /**
   * Echoes every client's lines and prints them to {@code out}; {@code quit} closes the server.
   * The future completes when the joined line stream has ended.
   */
  public static Future<Void> serve(Connections server, Consumer<String> out) {
    Promise<Void> ended = Promise.promise();
    lines(server)
        .handler(line -> {
          out.accept(line.socket().remoteAddress() + ": " + line.text());
          line.socket().write(line.text() + "\n");
          if (line.text().equals("quit")) {
            server.close();
          }
        })
        .endHandler(end -> {
          out.accept("the server is closed: every line stream and the joined stream ended");
          ended.complete();
        });
    return ended.future();
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
        .onSuccess(server -> System.out.println("listening: nc localhost " + server.port() + " (send quit to stop)"))
        .compose(server -> serve(server, System.out::println))
        .onComplete(done -> {
          if (done.failed()) {
            System.out.println("failed: " + done.cause().getMessage());
          }
          vertx.close();
        }));
  }
}

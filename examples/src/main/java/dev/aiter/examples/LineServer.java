package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.Consumer;

/**
 * Lesson 2: a line server. One connection's bytes become a stream of lines, and each line is
 * echoed back.
 *
 * <p>TCP delivers bytes in chunks that know nothing of lines: one chunk may hold half a line or
 * three. Vert.x's {@link RecordParser} frames them: {@code RecordParser.newDelimited("\n", socket)}
 * is itself a {@code ReadStream<Buffer>} of whole lines (without the {@code "\n"}), and it passes
 * demand on to the socket, so a reader that pauses pauses the socket, and TCP pushes back on the
 * client. {@link Aiter#of} adopts it; {@code map} turns each line into a {@code String}.
 *
 * <p>When the client closes its side cleanly (Ctrl-D in {@code nc}), the socket ends, the parser
 * hands out the last line even if it had no {@code "\n"}, and the line stream ends.
 *
 * <p>This lesson takes one connection: {@code fetch(1)} on the paused connection stream asks for
 * exactly one, and later clients wait, unanswered, until the server closes.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.LineServer},
 * then {@code nc localhost 7777}, type lines, and end with Ctrl-D.
 */
public final class LineServer {

  private LineServer() {
  }

  /** The lines of {@code socket}, as strings without their {@code "\n"}; ends when the socket ends. */
  public static Aiter<String> lines(NetSocket socket) {
    return Aiter.of(RecordParser.newDelimited("\n", socket)).map(Buffer::toString);
  }

  /**
   * Takes the first connection of {@code server}, echoes each of its lines and prints it to
   * {@code out}. The future completes when that connection's line stream has ended.
   */
  public static Future<Void> echoOne(Connections server, Consumer<String> out) {
    Promise<Void> ended = Promise.promise();
    Aiter<NetSocket> connections = server.stream().pause();
    connections.handler(socket -> {
      out.accept("connected: " + socket.remoteAddress());
      lines(socket)
          .handler(line -> {
            out.accept("line: " + line);
            socket.write(line + "\n");
          })
          .endHandler(end -> {
            out.accept("the client closed its side: the line stream ended");
            ended.complete();
          });
    });
    connections.fetch(1);
    return ended.future();
  }

  /**
   * Listens on {@code localhost:7777} (or the port and host given as arguments), echoes the lines of
   * one connection, then closes the server and exits.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7777;
    String host = args.length > 1 ? args[1] : "localhost"; // "0.0.0.0": every interface
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> Connections.listen(vertx, host, port)
        .onSuccess(server -> System.out.println("listening: nc localhost " + server.port()))
        .compose(server -> echoOne(server, System.out::println).compose(ended -> server.close()))
        .onComplete(done -> {
          if (done.failed()) {
            System.out.println("failed: " + done.cause().getMessage());
          }
          vertx.close();
        }));
  }
}

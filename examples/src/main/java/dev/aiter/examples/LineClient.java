package dev.aiter.examples;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.Consumer;

/**
 * A line client for the line servers: the tour's clients and the examples' tests. It sends lines
 * and hands each line it receives to a handler, on its socket's context.
 *
 * <p>Keep the {@link NetClient} it was made from referenced for as long as the connection is
 * used: Vert.x 5 closes an unreachable client, with its connections, when the garbage collector
 * finds it.
 */
public final class LineClient {

  private final NetSocket socket;
  private final Promise<Void> closed = Promise.promise();

  private LineClient(NetSocket socket) {
    this.socket = socket;
  }

  /** Connects to {@code localhost:port}; {@code onLine} gets each line received, without its {@code "\n"}. */
  public static Future<LineClient> connect(NetClient client, int port, Consumer<String> onLine) {
    return client.connect(port, "localhost").map(socket -> {
      LineClient lineClient = new LineClient(socket);
      RecordParser.newDelimited("\n", socket).handler(line -> onLine.accept(line.toString()));
      socket.closeHandler(v -> lineClient.closed.tryComplete());
      return lineClient;
    });
  }

  /** Sends {@code line} and a {@code "\n"}. */
  public Future<Void> send(String line) {
    return socket.write(line + "\n");
  }

  /** Sends {@code text} as it is: a part of a line, or several. */
  public Future<Void> sendRaw(String text) {
    return socket.write(text);
  }

  /** Closes the connection cleanly. */
  public Future<Void> close() {
    return socket.close();
  }

  /** Completes when the connection is closed, by either side. */
  public Future<Void> closed() {
    return closed.future();
  }

  /** The local port: the server sees it as this client's remote port. */
  public int localPort() {
    return socket.localAddress().port();
  }
}

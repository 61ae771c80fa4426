package dev.aiter.examples;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lesson 1: a server's connections as a stream (aiter's {@code start_server_aiter}).
 *
 * <p>A Vert.x {@link NetServer} hands each new connection to a callback, its
 * {@code connectHandler}; it is not a {@code ReadStream}. A {@link PushStream} turns the callback
 * into a stream: the handler pushes each socket, and whoever reads the stream gets the sockets in
 * the order they connected, with the demand they ask for.
 *
 * <p>Two details make it right. Each socket is paused before it is pushed, so the bytes a client
 * sends before anyone reads its socket wait in the socket instead of going to a socket without a
 * handler (where Vert.x drops them). And a {@code NetServer} tells nobody when it closes, so the
 * server is closed through {@link #close()} here, which ends the stream once the server is closed.
 * In Vert.x, closing a server also closes the connections it accepted.
 *
 * <p>Buffers: the push stream holds, without bound, the connections nobody has taken yet.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.Connections},
 * then {@code nc localhost 7777} three times: the third connection closes the server, the stream
 * ends and the program exits. It listens on {@code localhost} only; {@code -Dexec.args="7777 0.0.0.0"}
 * listens on every interface.
 */
public final class Connections {

  private final NetServer server;
  private final PushStream<NetSocket> accepted;

  private Connections(NetServer server, PushStream<NetSocket> accepted) {
    this.server = server;
    this.accepted = accepted;
  }

  /**
   * Starts a server on {@code host} and {@code port} (0: any free port) whose connections arrive
   * as {@link #stream()}. Call it on a Vert.x context: the server, its connections and the stream
   * all run on that context.
   */
  public static Future<Connections> listen(Vertx vertx, NetServerOptions options, String host, int port) {
    NetServer server = vertx.createNetServer(options);
    PushStream<NetSocket> accepted = PushStream.create(vertx);
    server.connectHandler(socket -> {
      socket.pause(); // its bytes wait in the socket until the stream's reader takes it
      accepted.push(socket);
    });
    return server.listen(port, host).map(listening -> new Connections(server, accepted));
  }

  /** {@link #listen(Vertx, NetServerOptions, String, int)} on {@code localhost}. */
  public static Future<Connections> listen(Vertx vertx, NetServerOptions options, int port) {
    return listen(vertx, options, "localhost", port);
  }

  /** {@link #listen(Vertx, NetServerOptions, String, int)} with default options. */
  public static Future<Connections> listen(Vertx vertx, String host, int port) {
    return listen(vertx, new NetServerOptions(), host, port);
  }

  /** {@link #listen(Vertx, NetServerOptions, String, int)} on {@code localhost}, with default options. */
  public static Future<Connections> listen(Vertx vertx, int port) {
    return listen(vertx, "localhost", port);
  }

  /** The connections, in the order they arrived; it ends after {@link #close()}. */
  public Aiter<NetSocket> stream() {
    return accepted;
  }

  /** The port the server listens on (the one chosen when it was asked for port 0). */
  public int port() {
    return server.actualPort();
  }

  /**
   * Closes the server and its connections; then the connection stream ends, after the
   * connections it already holds.
   */
  public Future<Void> close() {
    return server.close().andThen(closed -> accepted.stop());
  }

  /**
   * Listens on {@code localhost:7777} (or the port and host given as arguments), prints three
   * connections, closes the server, and exits when the stream has ended.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7777;
    String host = args.length > 1 ? args[1] : "localhost";
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> listen(vertx, host, port).onSuccess(server -> {
      System.out.println("listening on port " + server.port() + ": connect three times with nc localhost " + server.port());
      AtomicInteger count = new AtomicInteger();
      server.stream()
          .handler(socket -> {
            int n = count.incrementAndGet();
            System.out.println("connection " + n + " from " + socket.remoteAddress());
            if (n == 3) {
              server.close();
            }
          })
          .endHandler(end -> {
            System.out.println("the server is closed: the connection stream ended");
            vertx.close();
          });
    }).onFailure(failure -> {
      System.out.println("cannot listen on port " + port + ": " + failure.getMessage());
      vertx.close();
    }));
  }
}

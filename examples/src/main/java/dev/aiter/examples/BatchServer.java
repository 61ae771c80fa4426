package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Lesson 9: batches of lines, and clients that go quiet. Each connection's lines are stored in
 * batches, as a database or a bulk API wants them: a batch holds 100 lines, or what came within
 * 50 ms of its first line, whichever comes first, so a busy client is stored in big batches and a
 * slow one is not kept waiting. A client that sends nothing for a while is told so and hung up on.
 *
 * <pre>{@code
 * lines(socket)
 *     .timeout(30, SECONDS)                      // fail when the client goes quiet
 *     .filter(line -> !line.isBlank())           // skip blank lines
 *     .takeWhile(line -> !line.equals("bye"))    // "bye" ends this client's lines
 *     .chunks(100, 50, MILLISECONDS)             // batches of 100, or every 50 ms
 *     .forEach(batch -> store(batch))            // a Future<Void>: the end, or the failure
 * }</pre>
 *
 * <p>Each operator is a stream with real demand, so the chain still pushes back: {@code chunks}
 * asks the socket for one batch at a time, and {@code forEach} takes each batch as it comes.
 * {@code timeout} counts only while the chain is waiting for a line (not while a batch is being
 * handled); its Vert.x timer runs on the connection's context, like the one of {@code chunks}, and
 * both are cancelled when the client's lines end. {@code takeWhile} ends the lines at {@code bye}
 * and lets go of the socket, so what the client sends after it is never read.
 *
 * <p>The future of {@code forEach} tells how the client's lines ended: it completes when the client
 * said {@code bye} or closed its side, and fails with a {@link TimeoutException} when it went quiet.
 * Either way the server says goodbye and closes the connection. Here, storing a batch prints it and
 * tells the client which lines it held.
 *
 * <p>Buffers: 100 lines per client (the batch being filled). Context: each connection's chain and
 * timers run on the server's context.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.BatchServer},
 * then {@code nc localhost 7777}: type lines (each is answered as a batch of one, 50 ms later),
 * paste many at once (they come back in batches of up to 100), or wait 30 seconds.
 * {@code seq 1 250 | nc localhost 7777} sends 250 lines at once.
 */
public final class BatchServer {

  /** The most lines in a batch. */
  public static final int BATCH_SIZE = 100;
  /** How long a batch waits for more lines after its first. */
  public static final long BATCH_WAIT_MILLIS = 50;
  /** How long a client may stay quiet by default. */
  public static final long DEFAULT_IDLE_MILLIS = 30_000;

  private BatchServer() {
  }

  /**
   * Serves every connection of {@code server} until it is closed: each client's lines are stored in
   * batches, and a client quiet for {@code idleMillis} is hung up on. Prints what happens to
   * {@code out}.
   */
  public static void serve(Connections server, long idleMillis, Consumer<String> out) {
    server.stream().handler(socket -> serveClient(socket, idleMillis, out));
  }

  /** One client: its lines in batches until it says {@code bye}, closes, or goes quiet. */
  static Future<Void> serveClient(NetSocket socket, long idleMillis, Consumer<String> out) {
    String who = String.valueOf(socket.remoteAddress());
    Aiter<List<String>> batches = LineServer.lines(socket)
        .timeout(idleMillis, TimeUnit.MILLISECONDS)
        .filter(line -> !line.isBlank())
        .takeWhile(line -> !line.equals("bye"))
        .chunks(BATCH_SIZE, BATCH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    return batches
        .forEach(batch -> store(socket, who, batch, out))
        .transform(ended -> {
          if (ended.succeeded()) {
            out.accept(who + ": done");
            socket.write("bye\n");
          } else if (ended.cause() instanceof TimeoutException) {
            out.accept(who + ": quiet, hung up on");
            socket.write("you were quiet (" + ended.cause().getMessage() + "): bye\n");
          } else {
            out.accept(who + ": failed: " + ended.cause());
          }
          return socket.close();
        });
  }

  /** Stores one batch: here, prints it and tells the client what it held. */
  private static void store(NetSocket socket, String who, List<String> batch, Consumer<String> out) {
    out.accept(who + ": a batch of " + batch.size());
    socket.write("stored " + batch.size() + ": " + batch.get(0) + " .. " + batch.get(batch.size() - 1) + "\n");
  }

  /** Serves on {@code localhost:7777} (or the port given) until stopped with Ctrl-C. */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7777;
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> Connections.listen(vertx, port)
        .onSuccess(server -> {
          System.out.println("listening: nc localhost " + server.port() + " (a quiet client is hung up on after "
              + DEFAULT_IDLE_MILLIS / 1000 + " s; Ctrl-C stops)");
          serve(server, DEFAULT_IDLE_MILLIS, System.out::println);
        })
        .onFailure(failure -> {
          System.out.println("failed: " + failure.getMessage());
          vertx.close();
        }));
  }
}

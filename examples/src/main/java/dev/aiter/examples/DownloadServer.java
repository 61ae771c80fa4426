package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lesson 8: a download generated as the client reads it. {@code GET /lines?count=N} answers
 * {@code N} lines ({@code line 1}, {@code line 2}, ...), made one at a time by an iterator and
 * piped into the response:
 *
 * <pre>{@code
 * Aiter.fromIterator(vertx, lines(count))        // made only when asked for
 *     .map(line -> Buffer.buffer(line + "\n"))
 *     .preload(PRELOAD)                            // 64 lines ready for the response
 *     .map(this::sent)                             // counts what goes to the response
 *     .pipeTo(response)                            // a slow client slows the iterator
 * }</pre>
 *
 * <p>{@code pipeTo} writes each buffer to the response and pauses the chain when the response's
 * write queue is full, until it drains; the pause travels up the chain to the iterator, so the
 * server makes lines as fast as the client reads them, however many are asked for. {@code preload}
 * keeps {@value #PRELOAD} lines made ahead so that the response never waits for the iterator, and
 * never more: what the server holds for a download is those lines and the response's write queue,
 * whether the client reads at full speed or a line a minute.
 *
 * <p>The server counts the lines it made ({@link #generated()}) and handed to responses ({@link
 * #sent()}), and the most it ever held in between ({@link #maxAhead()}), so you can watch the bound.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.DownloadServer},
 * then {@code curl -s 'localhost:8080/lines?count=3000000' | tail -1}, or a slow client:
 * {@code curl -s --limit-rate 2M 'localhost:8080/lines?count=3000000' | tail -1}. It listens on
 * {@code localhost} (give a port and a host as arguments to change that); Ctrl-C stops.
 */
public final class DownloadServer {

  /** Lines kept ready for each response. */
  public static final int PRELOAD = 64;
  /** Lines a download has when {@code count} is not given. */
  public static final long DEFAULT_COUNT = 1_000;

  private final Vertx vertx;
  private final HttpServer server;
  /** Lines made, over every download; read on the server's context. */
  private long generated;
  /** Lines handed to a response, over every download. */
  private long sent;
  /** The most lines made and not yet handed to a response, at any moment. */
  private long maxAhead;

  private DownloadServer(Vertx vertx, HttpServerOptions options) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(options).requestHandler(this::download);
  }

  /**
   * Starts the server on {@code host} and {@code port} (0: any free port). Call it on a Vert.x
   * context: requests and chains run on it.
   */
  public static Future<DownloadServer> listen(Vertx vertx, HttpServerOptions options, String host, int port) {
    DownloadServer download = new DownloadServer(vertx, options);
    return download.server.listen(port, host).map(listening -> download);
  }

  /** {@link #listen(Vertx, HttpServerOptions, String, int)} on {@code localhost}. */
  public static Future<DownloadServer> listen(Vertx vertx, HttpServerOptions options, int port) {
    return listen(vertx, options, "localhost", port);
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /** Lines made so far, over every download; call it on the server's context. */
  public long generated() {
    return generated;
  }

  /** Lines handed to a response so far; call it on the server's context. */
  public long sent() {
    return sent;
  }

  /**
   * The most lines the server ever held at once: made and not yet handed to a response. For one
   * download at a time it stays within {@value #PRELOAD} and the line on its way out.
   */
  public long maxAhead() {
    return maxAhead;
  }

  /** Closes the server and its connections. */
  public Future<Void> close() {
    return server.close();
  }

  private void download(HttpServerRequest request) {
    long count;
    try {
      String asked = request.getParam("count");
      count = asked == null ? DEFAULT_COUNT : Long.parseLong(asked);
    } catch (NumberFormatException notANumber) {
      count = -1;
    }
    if (!request.path().equals("/lines") || count < 0) {
      request.response().setStatusCode(404).end("GET /lines?count=N\n");
      return;
    }
    HttpServerResponse response = request.response()
        .setChunked(true)
        .putHeader("content-type", "text/plain; charset=utf-8");
    Aiter.fromIterator(vertx, lines(count))
        .map(line -> Buffer.buffer(line + "\n"))
        .preload(PRELOAD)
        .map(this::sent)
        .pipeTo(response);
  }

  /** {@code line 1} to {@code line count}, each made when the iterator is asked for it. */
  private Iterator<String> lines(long count) {
    return new Iterator<>() {
      private long next = 1;

      @Override
      public boolean hasNext() {
        return next <= count;
      }

      @Override
      public String next() {
        if (next > count) {
          throw new NoSuchElementException();
        }
        generated++;
        maxAhead = Math.max(maxAhead, generated - sent);
        return "line " + next++;
      }
    };
  }

  private Buffer sent(Buffer line) {
    sent++;
    return line;
  }

  /** Serves on port 8080 and {@code localhost}, or on the port and host given as arguments. */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    String host = args.length > 1 ? args[1] : "localhost";
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> listen(vertx, new HttpServerOptions(), host, port)
        .onSuccess(server -> {
          System.out.println("listening: curl -s 'localhost:" + server.port() + "/lines?count=3000000' | tail -1"
              + " (Ctrl-C stops)");
          vertx.setPeriodic(5_000, tick -> System.out.println("lines made " + server.generated()
              + ", sent " + server.sent() + ", at most " + server.maxAhead() + " held at once"));
        })
        .onFailure(failure -> {
          System.out.println("cannot listen on " + host + ":" + port + ": " + failure.getMessage());
          vertx.close();
        }));
  }
}

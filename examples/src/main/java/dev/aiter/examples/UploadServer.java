package dev.aiter.examples;

import dev.aiter.Aiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Lesson 7: shaping an HTTP upload. A request body of newline-delimited JSON (one object per
 * line) is framed, parsed, stored and answered with counts, as one chain:
 *
 * <pre>{@code
 * Aiter.of(RecordParser.newDelimited("\n", request))  // lines of the body
 *     .mapFilter(this::parse)                           // JSON objects; bad lines dropped and counted
 *     .peekAsync(store::save, workers)                  // at most `workers` saves at once
 * }</pre>
 *
 * <p>{@code mapFilter} turns each line into zero or one record: a bad line (not a JSON object)
 * becomes an empty list, is counted, and its place is asked of the body again. {@code peekAsync}
 * calls the asynchronous {@link Store} on up to {@code workers} records at once and passes each
 * record on once its save succeeded (a save completes with nothing: a {@code Future<Void>}). When
 * the upload ends and every call has completed, the stream ends and the server answers
 * {@code {"stored": N, "bad": M}}.
 *
 * <p>A slow store slows the upload instead of growing memory: {@code peekAsync} asks for a record
 * only when a call has completed, the parser asks the request for bytes only when it has no whole
 * line left, and a paused request stops reading its socket, so TCP holds the client back. What
 * the server holds for one upload is a few lines and a few network buffers, however large the
 * body.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.UploadServer},
 * then {@code printf '{"a":1}\nnot json\n{"b":2}\n' | curl -s --data-binary @- localhost:8080/upload}.
 */
public final class UploadServer {

  /** Store calls at once by default. */
  public static final int DEFAULT_WORKERS = 4;

  /** Where records go: any asynchronous store, such as a database client. */
  @FunctionalInterface
  public interface Store {
    /** Stores {@code record}; the future completes once it is stored. */
    Future<Void> save(JsonObject record);
  }

  private final HttpServer server;
  private final Store store;
  private final int workers;

  private UploadServer(Vertx vertx, HttpServerOptions options, Store store, int workers) {
    this.server = vertx.createHttpServer(options).requestHandler(this::upload);
    this.store = store;
    this.workers = workers;
  }

  /**
   * Starts the server on {@code host} and {@code port} (0: any free port); {@code POST /upload}
   * stores each record of the body through {@code store}, {@code workers} calls at a time. Call it
   * on a Vert.x context.
   */
  public static Future<UploadServer> listen(Vertx vertx, HttpServerOptions options, String host, int port,
      Store store, int workers) {
    UploadServer upload = new UploadServer(vertx, options, store, workers);
    return upload.server.listen(port, host).map(listening -> upload);
  }

  /** {@link #listen(Vertx, HttpServerOptions, String, int, Store, int)} on {@code localhost}. */
  public static Future<UploadServer> listen(Vertx vertx, HttpServerOptions options, int port, Store store, int workers) {
    return listen(vertx, options, "localhost", port, store, workers);
  }

  /** The port the server listens on. */
  public int port() {
    return server.actualPort();
  }

  /** Closes the server and its connections. */
  public Future<Void> close() {
    return server.close();
  }

  /** What one upload did so far; lives on the server's context. */
  private static final class Counts {
    long stored;
    long bad;

    JsonObject toJson() {
      return new JsonObject().put("stored", stored).put("bad", bad);
    }
  }

  private void upload(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST || !request.path().equals("/upload")) {
      request.response().setStatusCode(404).end("POST newline-delimited JSON to /upload\n");
      return;
    }
    Counts counts = new Counts();
    Aiter<JsonObject> stored = Aiter.of(RecordParser.newDelimited("\n", request))
        .mapFilter(line -> parse(line, counts))
        .peekAsync(store::save, workers);
    stored
        .handler(record -> counts.stored++)
        .endHandler(end -> request.response().putHeader("content-type", "application/json")
            .end(counts.toJson().encode() + "\n"))
        .exceptionHandler(failure -> request.response().setStatusCode(500)
            .end(counts.toJson().put("error", String.valueOf(failure.getMessage())).encode() + "\n"));
  }

  /** A line as a list of zero or one record: blank lines are skipped, bad ones counted. */
  private static List<JsonObject> parse(Buffer line, Counts counts) {
    String text = line.toString().strip();
    if (text.isEmpty()) {
      return List.of();
    }
    try {
      if (Json.decodeValue(text) instanceof JsonObject record) {
        return List.of(record);
      }
    } catch (DecodeException notJson) {
      // counted below, with the JSON values that are not objects
    }
    counts.bad++;
    return List.of();
  }

  /**
   * Serves on {@code localhost:8080} (or the port and host given as arguments) with an in-memory
   * store that takes 20 ms a record.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    String host = args.length > 1 ? args[1] : "localhost"; // "0.0.0.0": every interface
    Vertx vertx = Vertx.vertx();
    List<JsonObject> memory = new ArrayList<>();
    Store slowStore = record -> vertx.timer(20).map(fired -> {
      memory.add(record);
      System.out.println("stored " + record.encode() + " (" + memory.size() + " in the store)");
      return null;
    });
    vertx.runOnContext(start -> listen(vertx, new HttpServerOptions(), host, port, slowStore, DEFAULT_WORKERS)
        .onSuccess(server -> System.out.println("listening: printf '{\"a\":1}\\nnot json\\n{\"b\":2}\\n'"
            + " | curl -s --data-binary @- localhost:" + server.port() + "/upload (Ctrl-C stops)"))
        .onFailure(failure -> {
          System.out.println("cannot listen on port " + port + ": " + failure.getMessage());
          vertx.close();
        }));
  }
}

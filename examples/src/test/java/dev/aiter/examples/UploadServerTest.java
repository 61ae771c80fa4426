package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lesson 7: an NDJSON upload framed, parsed, stored with bounded concurrency and answered with
 * counts; a store that holds its calls holds the upload back, and the server takes no more records
 * than it has workers.
 */
class UploadServerTest {

  private static final int WORKERS = 4;
  /** Fixed socket buffers (no autotuning), far smaller than the body; 8 KB made this loopback upload crawl. */
  private static final int SOCKET_BUFFER = 65_536;

  private final TestContext tc = new TestContext();
  private final HeldStore store = new HeldStore();
  /** A field: Vert.x 5 closes an unreachable client (VERTX5-NOTES #2). */
  private HttpClient client;

  @AfterEach
  void close() {
    if (client != null) {
      TestContext.await(client.close());
    }
    tc.close();
  }

  @Test
  void badLinesAreCountedAndEveryGoodLineIsStored() {
    UploadServer server = start();
    List<String> lines = new ArrayList<>();
    for (int id = 0; id < 200; id++) {
      lines.add(new JsonObject().put("id", id).encode());
      if (id % 50 == 7) {
        lines.addAll(List.of("not json", "[1, 2, 3]", "{\"unclosed\": ", "  ", "")); // 3 bad, 2 blank
      }
    }
    String body = String.join("\n", lines); // the last line has no "\n": the end frames it

    JsonObject counts = post(server, Buffer.buffer(body));
    assertEquals(new JsonObject().put("stored", 200).put("bad", 12), counts);
    assertEquals(IntStream.range(0, 200).boxed().collect(Collectors.toList()), tc.call(store::storedIds));
    assertTrue(tc.call(() -> store.maxInFlight) <= WORKERS, "store calls in flight never exceed the workers");
  }

  @Test
  void aSlowStoreHoldsTheUploadBackInsteadOfGrowingMemory() {
    int total = 20_000; // about 2.4 MB: far more than the socket buffers between client and server
    UploadServer server = start();
    tc.run(store::hold);
    client = tc.vertx.createHttpClient(new HttpClientOptions().setSendBufferSize(SOCKET_BUFFER));
    HttpClientRequest request = TestContext.await(client.request(HttpMethod.POST, server.port(), "localhost", "/upload"));
    Uploader uploader = new Uploader(request, total);
    uploader.writeMore();

    TestContext.await(store.fourCalls);
    TestContext.await(uploader.stalled); // the client has filled its write queue: the body is far from all taken
    tc.settle();
    assertEquals(WORKERS, (int) tc.call(() -> store.calls), "while the store holds, the server takes no more records than it has workers");
    assertEquals(WORKERS, (int) tc.call(() -> store.inFlight));

    tc.run(store::release);
    // The body is asked for in the response's own callback, on the event loop: asked later, from
    // this thread, a body that came with the head is gone (status 200, body empty: it failed so in
    // two full runs; eclipse-vertx/vert.x#5904).
    String[] status = new String[1];
    Buffer body = TestContext.await(request.response().compose(response -> {
      status[0] = "status " + response.statusCode();
      return response.body();
    }));
    String answer = status[0] + ", body [" + body + "]";
    assertTrue(body.toString().startsWith("{"), answer);
    assertEquals(new JsonObject().put("stored", total).put("bad", 0), body.toJsonObject(), answer);
    assertEquals(total, (int) tc.call(() -> store.calls));
    assertEquals(WORKERS, (int) tc.call(() -> store.maxInFlight), "at most (and, here, exactly) four calls at once");
  }

  private UploadServer start() {
    HttpServerOptions options = new HttpServerOptions().setReceiveBufferSize(SOCKET_BUFFER);
    return TestContext.await(tc.call(() -> UploadServer.listen(tc.vertx, options, 0, store, WORKERS)));
  }

  private JsonObject post(UploadServer server, Buffer body) {
    client = tc.vertx.createHttpClient();
    return TestContext.await(client.request(HttpMethod.POST, server.port(), "localhost", "/upload")
        .compose(request -> request.send(body))
        .compose(HttpClientResponse::body)
        .map(Buffer::toJsonObject));
  }

  /** Writes lines of about 120 bytes, 100 to a chunk, as fast as the request's write queue allows. */
  private static final class Uploader {
    private final HttpClientRequest request;
    private final int total;
    /** Completed, with the lines written so far, the first time the write queue is full. */
    final CompletableFuture<Integer> stalled = new CompletableFuture<>();
    private int sent;
    private boolean ended;

    Uploader(HttpClientRequest request, int total) {
      this.request = request.setChunked(true);
      this.total = total;
    }

    /**
     * Writes until the queue is full, then goes on from the drain handler. It runs first on the test
     * thread and then on the connection's thread, hence the lock and the second look at the queue
     * after the drain handler is set: a drain in between must not be missed.
     */
    synchronized void writeMore() {
      while (!ended) {
        while (sent < total && !request.writeQueueFull()) {
          StringBuilder chunk = new StringBuilder();
          for (int i = 0; i < 100 && sent < total; i++, sent++) {
            chunk.append(new JsonObject().put("id", sent).put("pad", "x".repeat(100)).encode()).append('\n');
          }
          request.write(chunk.toString());
        }
        if (sent == total) {
          ended = true;
          request.end();
          return;
        }
        stalled.complete(sent);
        request.drainHandler(drained -> writeMore());
        if (request.writeQueueFull()) {
          return;
        }
      }
    }
  }

  /** A store that records its calls and, while held, completes none of them. */
  private static final class HeldStore implements UploadServer.Store {
    private enum Mode { PASS, HOLD }

    private Mode mode = Mode.PASS;
    private final List<JsonObject> records = new ArrayList<>();
    private final List<Promise<Void>> held = new ArrayList<>();
    int calls;
    int inFlight;
    int maxInFlight;
    /** Completed when four calls are in flight at once. */
    final CompletableFuture<Void> fourCalls = new CompletableFuture<>();

    @Override
    public Future<Void> save(JsonObject record) {
      calls++;
      records.add(record);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (inFlight == WORKERS) {
        fourCalls.complete(null);
      }
      Promise<Void> saved = Promise.promise();
      if (mode == Mode.HOLD) {
        held.add(saved);
      } else {
        Vertx.currentContext().runOnContext(later -> saved.complete()); // a later tick: calls overlap
      }
      return saved.future().andThen(done -> inFlight--);
    }

    void hold() {
      mode = Mode.HOLD;
    }

    void release() {
      mode = Mode.PASS;
      held.forEach(Promise::complete);
      held.clear();
    }

    List<Integer> storedIds() {
      return records.stream().map(record -> record.getInteger("id")).collect(Collectors.toList());
    }
  }
}

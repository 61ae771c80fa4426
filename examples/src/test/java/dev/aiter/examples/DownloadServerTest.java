package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lesson 8: a chain {@code fromIterator → map(Buffer) → preload(64) → pipeTo(response)} read by a
 * slow HTTP client over loopback holds no more than its preload of lines ahead of the response.
 *
 * <p>How "ahead" is counted: the server counts each line the iterator makes ({@code generated}) and
 * each line a {@code map} stage right before {@code pipeTo} hands to the response ({@code sent});
 * {@code pipeTo} writes what it is handed to the response at once, so {@code generated - sent} is
 * what the chain holds: the lines taken from the source and not yet written. The server takes the
 * maximum each time the iterator makes a line, the only moment the difference grows, so no peak is
 * missed. The bound is {@code PRELOAD + 1}: preload's {@value DownloadServer#PRELOAD} lines, plus the
 * line in hand, which has left preload's buffer (preload refills as it lets a line go) but has not
 * yet reached the counting stage.
 */
class DownloadServerTest {

  /**
   * About 340 KB on the wire (a line and its chunk header are about 17 bytes): several times what
   * the socket buffers and the response's write queue between the two hold.
   */
  private static final long LINES = 20_000;
  /**
   * Buffers the client reads per timer tick of 1 ms. Its HTTP decoder hands over each chunk the
   * server wrote (a line) as one buffer, so this is lines per tick: a client slower than the server,
   * as the test checks.
   */
  private static final int BUFFERS_PER_TICK = 100;
  /** Small fixed socket buffers (no autotuning), so that the response's write queue fills early. */
  private static final int SOCKET_BUFFER = 16_384;

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** A field: Vert.x 5 closes an unreachable client and its connections (VERTX5-NOTES #2). */
  private HttpClient client;
  private DownloadServer server;

  @AfterEach
  void close() {
    if (client != null) {
      TestContext.await(client.close());
    }
    if (server != null) {
      TestContext.await(server.close());
    }
  }

  @Test
  void aSlowClientHoldsTheServerToItsPreload() {
    HttpServerOptions options = new HttpServerOptions().setSendBufferSize(SOCKET_BUFFER);
    server = TestContext.await(tc.call(() -> DownloadServer.listen(tc.vertx, options, "127.0.0.1", 0)));
    client = tc.vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(SOCKET_BUFFER));

    SlowReader reader = tc.call(SlowReader::new);
    Buffer body = TestContext.await(reader.done.future());

    tc.run(() -> {
      assertTrue(server.maxAhead() <= DownloadServer.PRELOAD + 1,
          "lines taken from the iterator and not yet written to the response: at most "
              + server.maxAhead() + ", declared " + DownloadServer.PRELOAD + " (+1 in hand)");
      assertEquals(LINES, server.generated());
      assertEquals(LINES, server.sent());
      assertTrue(reader.fullTicks * 2 > reader.ticks, "the client is the slow end: in " + reader.fullTicks
          + " of " + reader.ticks + " ticks it found all it fetched waiting");
    });
    String[] lines = body.toString().split("\n");
    assertEquals(LINES, lines.length, "every line arrives");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].equals("line " + (i + 1))) {
        assertEquals("line " + (i + 1), lines[i], "line " + (i + 1) + " in order");
      }
    }
  }

  /**
   * A client that pauses the response as soon as its head arrives and then fetches
   * {@value #BUFFERS_PER_TICK} buffers per 1 ms timer tick; made on the test context, where the server
   * runs too.
   */
  private final class SlowReader {
    final Promise<Buffer> done = Promise.promise();
    private final Buffer body = Buffer.buffer();
    /** Timer ticks, and those in which the client got all it fetched the tick before. */
    int ticks;
    int fullTicks;
    /** Buffers received since the last tick. */
    private int sinceTick;

    SlowReader() {
      client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/lines?count=" + LINES)
          .compose(HttpClientRequest::send)
          .onSuccess(this::read)
          .onFailure(done::fail);
    }

    private void read(HttpClientResponse response) {
      response.pause();
      long ticks = tc.vertx.setPeriodic(1, tick -> {
        this.ticks++;
        if (sinceTick == BUFFERS_PER_TICK) {
          fullTicks++; // the response had the whole quota waiting: the client is what holds things up
        }
        sinceTick = 0;
        response.fetch(BUFFERS_PER_TICK);
      });
      response.exceptionHandler(failure -> {
        tc.vertx.cancelTimer(ticks);
        done.tryFail(failure);
      });
      response.handler(buffer -> {
        body.appendBuffer(buffer);
        sinceTick++;
      });
      response.endHandler(end -> {
        tc.vertx.cancelTimer(ticks);
        done.tryComplete(body);
      });
    }
  }
}

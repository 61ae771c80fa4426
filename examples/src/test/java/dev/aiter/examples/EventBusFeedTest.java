package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.examples.EventBusFeed.Holding;
import dev.aiter.support.TestContext;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lesson 6: a paused HTTP client makes the chain stop pulling the event bus, and nothing is lost
 * when it resumes. The messages stay within what a paused consumer keeps (1,000), so the test is
 * about back-pressure, not about the discarding past that edge. Socket buffers are set small and
 * messages are 4 KB, so that the response's write queue really fills: 600 messages are 2.4 MB,
 * far more than the buffers between the chain and the paused client hold.
 */
class EventBusFeedTest {

  private static final int MESSAGES = 600;
  private static final int SIZE = 4096;
  private static final int SOCKET_BUFFER = 8192;

  private final TestContext tc = new TestContext();
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
  void aPausedClientStopsTheChainAndNothingIsLost() {
    EventBusFeed feed = start(Holding.PUSH_BACK);
    HttpClientResponse response = connectPaused(feed);

    sendAll();
    long pulledWhilePaused = tc.call(feed::pulled);
    assertTrue(pulledWhilePaused > 0, "the chain started pulling");
    assertTrue(pulledWhilePaused < MESSAGES / 2,
        "while the client is paused the chain pulls only what the buffers before it hold: " + pulledWhilePaused);

    assertEquals(expected(), readAll(response), "after resuming, every message arrives, in order");
    assertEquals(MESSAGES, (long) tc.call(feed::pulled));
  }

  @Test
  void holdingEverythingPullsAtOnceAndLosesNothing() {
    EventBusFeed feed = start(Holding.HOLD_ALL);
    HttpClientResponse response = connectPaused(feed);

    sendAll();
    assertEquals(MESSAGES, (long) tc.call(feed::pulled), "active() drains the consumer into memory at once");

    assertEquals(expected(), readAll(response));
  }

  private EventBusFeed start(Holding holding) {
    HttpServerOptions options = new HttpServerOptions().setSendBufferSize(SOCKET_BUFFER);
    return TestContext.await(tc.call(() -> EventBusFeed.listen(tc.vertx, options, 0, holding)));
  }

  /** A GET whose response is paused as soon as its head arrives: the consumer is registered by then. */
  private HttpClientResponse connectPaused(EventBusFeed feed) {
    client = tc.vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(SOCKET_BUFFER));
    return TestContext.await(client.request(HttpMethod.GET, feed.port(), "localhost", "/")
        .compose(HttpClientRequest::send)
        .map(HttpClientResponse::pause));
  }

  /** Sends every message on the server's context, then lets it settle: all have reached the consumer. */
  private void sendAll() {
    tc.run(() -> {
      for (String message : expected()) {
        tc.vertx.eventBus().send(EventBusFeed.ADDRESS, message);
      }
    });
    tc.settle();
  }

  /** Resumes the response and reads lines until every message has come. */
  private List<String> readAll(HttpClientResponse response) {
    List<String> lines = new ArrayList<>();
    CompletableFuture<List<String>> all = new CompletableFuture<>();
    RecordParser.newDelimited("\n", response).handler(line -> {
      lines.add(line.toString());
      if (lines.size() == MESSAGES) {
        all.complete(lines);
      }
    });
    response.resume();
    return TestContext.await(all);
  }

  private static List<String> expected() {
    return IntStream.range(0, MESSAGES).mapToObj(i -> i + ":" + "x".repeat(SIZE)).collect(Collectors.toList());
  }
}

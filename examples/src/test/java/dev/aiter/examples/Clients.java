package dev.aiter.examples;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * Real TCP clients for a test, each recording what it receives into an {@link Inbox} under its
 * name. A test keeps this in a field: it holds the {@link NetClient}, which Vert.x 5 would close
 * once unreachable (VERTX5-NOTES #2).
 */
final class Clients {

  private final NetClient client;
  private final Inbox inbox;

  Clients(Vertx vertx, Inbox inbox) {
    this.client = vertx.createNetClient();
    this.inbox = inbox;
  }

  /** Connects a client named {@code who} to {@code localhost:port}, and waits for it. */
  LineClient connect(String who, int port) {
    return TestContext.await(LineClient.connect(client, port, inbox.of(who)));
  }

  /** Whether a new connection to {@code port} fails: the server is closed. */
  boolean refused(int port) {
    Future<Boolean> refused = client.connect(port, "localhost").transform(connected -> {
      if (connected.succeeded()) {
        connected.result().close();
      }
      return Future.succeededFuture(connected.failed());
    });
    return TestContext.await(refused);
  }

  void close() {
    TestContext.await(client.close());
  }
}

package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lesson 1: connections arrive as a stream; closing the server ends it. */
class ConnectionsTest {

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);

  @AfterEach
  void close() {
    clients.close();
    tc.close();
  }

  @Test
  void connectionsArriveInOrderAndClosingTheServerEndsTheStream() {
    Connections server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    Probe<NetSocket> probe = new Probe<>(tc);
    probe.onItem(socket -> {
      if (probe.items.size() == 3) {
        arrived.complete(null);
      }
    });
    tc.run(() -> probe.attach(server.stream()));

    List<LineClient> connected = List.of(
        clients.connect("a", server.port()), clients.connect("b", server.port()), clients.connect("c", server.port()));
    TestContext.await(arrived);

    List<Integer> clientPorts = connected.stream().map(LineClient::localPort).collect(Collectors.toList());
    List<Integer> acceptedFrom = tc.call(() -> probe.items.stream().map(s -> s.remoteAddress().port()).collect(Collectors.toList()));
    assertEquals(clientPorts, acceptedFrom, "one socket per client, in the order they connected");
    assertEquals(0, tc.call(() -> probe.ends), "the stream goes on while the server is open");

    TestContext.await(tc.call(server::close));
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    for (LineClient client : connected) {
      TestContext.await(client.closed()); // closing a Vert.x server closes its connections
    }
    assertTrue(clients.refused(server.port()), "the server no longer accepts connections");
  }
}

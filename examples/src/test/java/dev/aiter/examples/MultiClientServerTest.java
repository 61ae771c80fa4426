package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lesson 3: every client's lines through one joined stream; {@code quit} closes the server. */
class MultiClientServerTest {

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);

  @AfterEach
  void close() {
    clients.close();
    tc.close();
  }

  @Test
  void linesFromThreeClientsAreAllHandledAndQuitClosesTheServer() {
    Connections server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    Future<Void> ended = tc.call(() -> MultiClientServer.serve(server, inbox.of("server")));
    List<String> names = List.of("alice", "bob", "carol");
    List<LineClient> connected = names.stream().map(name -> clients.connect(name, server.port())).collect(Collectors.toList());

    for (int i = 0; i < names.size(); i++) {
      TestContext.await(connected.get(i).send("first from " + names.get(i)));
      TestContext.await(connected.get(i).send("second from " + names.get(i)));
    }
    for (String name : names) {
      inbox.await(name + ": second from " + name);
      assertEquals(List.of("first from " + name, "second from " + name), inbox.seenBy(name),
          "each client gets its own lines back, in order, and nobody else's");
    }
    Set<String> handled = inbox.seenBy("server").stream().map(line -> line.substring(line.indexOf(": ") + 2))
        .collect(Collectors.toSet());
    assertEquals(names.stream().flatMap(name -> List.of("first from " + name, "second from " + name).stream())
        .collect(Collectors.toSet()), handled, "the one handler saw every client's lines");
    assertFalse(ended.isComplete());

    TestContext.await(connected.get(1).send("quit"));
    TestContext.await(ended);
    for (LineClient client : connected) {
      TestContext.await(client.closed());
    }
    assertTrue(clients.refused(server.port()), "quit closed the server");
    List<String> printed = inbox.seenBy("server");
    assertEquals("the server is closed: every line stream and the joined stream ended", printed.get(printed.size() - 1));
  }
}

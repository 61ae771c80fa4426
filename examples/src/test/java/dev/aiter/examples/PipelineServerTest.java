package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lesson 4: handling is a {@code map} stage; the reader only prints its results. */
class PipelineServerTest {

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);

  @AfterEach
  void close() {
    clients.close();
    tc.close();
  }

  @Test
  void eachEventIsHandledByTheMapStageAndTheReaderPrintsTheResults() {
    Connections server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    Future<Void> ended = tc.call(() -> PipelineServer.serve(server, inbox.of("server")));
    LineClient alice = clients.connect("alice", server.port());
    LineClient bob = clients.connect("bob", server.port());

    TestContext.await(alice.send("one"));
    inbox.await("alice: one");
    TestContext.await(bob.send("two"));
    inbox.await("bob: two");

    TestContext.await(alice.send("")); // an empty line hangs up on alice alone
    TestContext.await(alice.closed());
    TestContext.await(bob.send("three"));
    inbox.await("bob: three");
    assertFalse(ended.isComplete(), "one client leaving does not end the stream");

    TestContext.await(bob.send("quit"));
    TestContext.await(ended);
    TestContext.await(bob.closed());
    assertEquals(List.of("echoed: one", "echoed: two", "closed the connection of 127.0.0.1:" + alice.localPort(),
        "echoed: three", "quit: closing the server", "the stream ended"), inbox.seenBy("server"));
  }
}

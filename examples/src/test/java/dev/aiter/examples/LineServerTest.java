package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lesson 2: one connection's bytes framed into lines and echoed; a clean close ends the lines. */
class LineServerTest {

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);

  @AfterEach
  void close() {
    clients.close();
    tc.close();
  }

  @Test
  void echoesWholeLinesHoweverTheBytesArriveAndTheCleanCloseEndsTheLines() {
    Connections server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    Future<Void> ended = tc.call(() -> LineServer.echoOne(server, inbox.of("server")));
    LineClient alice = clients.connect("alice", server.port());

    TestContext.await(alice.sendRaw("hel"));
    TestContext.await(alice.sendRaw("lo\nwor"));
    TestContext.await(alice.sendRaw("ld\nhow are"));
    TestContext.await(alice.sendRaw(" you?\n"));
    inbox.await("alice: how are you?");
    assertEquals(List.of("hello", "world", "how are you?"), inbox.seenBy("alice"));
    assertFalse(ended.isComplete(), "the line stream goes on while the connection is open");

    TestContext.await(alice.sendRaw("bye")); // the last line needs no "\n": the end frames it
    TestContext.await(alice.close());
    TestContext.await(ended);
    List<String> printed = inbox.seenBy("server");
    assertEquals(List.of("line: hello", "line: world", "line: how are you?", "line: bye",
        "the client closed its side: the line stream ended"), printed.subList(1, printed.size()));
  }
}

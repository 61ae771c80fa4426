package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lesson 5: with {@code mapAsync(handle, 5)}, one client's {@code wait} does not hold up the
 * others. The claim is an order, not a timing: Bob's echo arrives before Alice's wait completes.
 * The same script with one worker shows that the order is the pipeline's doing: there Bob's echo
 * comes only after the wait, however short it is.
 */
class ParallelServerTest {

  /** Shorter than the lesson's five seconds; ample for a loopback echo to overtake it. */
  private static final long WAIT_MILLIS = 2_000;

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);

  @AfterEach
  void close() {
    clients.close();
    tc.close();
  }

  @Test
  void aWaitInOneClientDoesNotHoldUpTheOthers() {
    script(WAIT_MILLIS, ParallelServer.DEFAULT_WORKERS);
    assertTrue(inbox.indexOf("bob: hello") < inbox.indexOf("alice: waited " + WAIT_MILLIS + " ms"),
        "Bob's echo arrives before Alice's wait completes: " + inbox);
  }

  @Test
  void withOneWorkerEveryClientWaitsBehindTheWait() {
    script(300, 1);
    // The server's own order: the two answers go out on two connections, which the clients may
    // read in either order.
    String waited = inbox.awaitMatching(entry -> entry.startsWith("server: waited 300 ms"));
    assertTrue(inbox.indexOf(waited) < inbox.indexOf("server: echoed: hello"),
        "with one worker Bob's line is read only after Alice's wait: " + inbox);
  }

  /** Alice starts a wait; once it runs, Bob sends a line; then Bob quits. */
  private void script(long waitMillis, int workers) {
    Connections server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    Future<Void> ended = tc.call(() -> ParallelServer.serve(tc.vertx, server, waitMillis, workers, inbox.of("server")));
    LineClient alice = clients.connect("alice", server.port());
    LineClient bob = clients.connect("bob", server.port());

    TestContext.await(alice.send("wait"));
    inbox.await("alice: wait"); // echoed as the wait starts
    TestContext.await(bob.send("hello"));
    inbox.await("bob: hello");
    inbox.await("alice: waited " + waitMillis + " ms");

    TestContext.await(bob.send("quit"));
    TestContext.await(ended);
  }
}

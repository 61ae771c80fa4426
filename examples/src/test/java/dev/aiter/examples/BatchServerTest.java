package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lesson 9: lines stored in batches of at most 100 (a partial one once 50 ms have passed), blank
 * lines skipped, {@code bye} ends a client, a quiet client is hung up on. Over loopback, with real
 * clients; what is checked is content and order, not time.
 */
class BatchServerTest {

  private static final long IDLE_MILLIS = 300;

  private final TestContext tc = new TestContext();
  private final Inbox inbox = new Inbox();
  private final Clients clients = new Clients(tc.vertx, inbox);
  private Connections server;

  @BeforeEach
  void start() {
    server = TestContext.await(tc.call(() -> Connections.listen(tc.vertx, 0)));
    tc.run(() -> BatchServer.serve(server, IDLE_MILLIS, inbox.of("server")));
  }

  @AfterEach
  void close() {
    TestContext.await(tc.call(() -> server.close()));
    clients.close();
    tc.close();
  }

  @Test
  void manyLinesAtOnceAreStoredInBatchesOfAtMostAHundredInOrderAndThePartialLastOneIsNotKeptWaiting() {
    LineClient alice = clients.connect("alice", server.port());
    String lines = IntStream.rangeClosed(1, 250).mapToObj(i -> i + "\n").collect(Collectors.joining());
    TestContext.await(alice.sendRaw(lines));
    // The connection stays open: the last 50 lines go out on the batch's timer, not at an end.
    inbox.await("alice: stored 50: 201 .. 250");
    List<String> stored = inbox.seenBy("alice");
    List<Integer> covered = new ArrayList<>();
    for (String answer : stored) {
      // "stored N: first .. last": consecutive ranges, each of at most 100 lines
      String[] parts = answer.split("[: .]+");
      int size = Integer.parseInt(parts[1]);
      int first = Integer.parseInt(parts[2]);
      int last = Integer.parseInt(parts[3]);
      assertTrue(size <= BatchServer.BATCH_SIZE, answer);
      assertEquals(size, last - first + 1, answer);
      IntStream.rangeClosed(first, last).forEach(covered::add);
    }
    assertEquals(IntStream.rangeClosed(1, 250).boxed().toList(), covered, "every line once, in order: " + stored);

    TestContext.await(alice.send("bye"));
    inbox.await("alice: bye");
    TestContext.await(alice.closed());
  }

  @Test
  void blankLinesAreSkippedAndByeEndsTheClientAfterTheBatchBeforeIt() {
    LineClient bob = clients.connect("bob", server.port());
    TestContext.await(bob.sendRaw("one\n\n   \ntwo\nbye\nthree\n"));
    TestContext.await(bob.closed());
    assertEquals(List.of("stored 2: one .. two", "bye"), inbox.seenBy("bob"), "three is never read");
  }

  @Test
  void aQuietClientIsHungUpOnAfterItsLastBatch() {
    LineClient carol = clients.connect("carol", server.port());
    TestContext.await(carol.send("hello"));
    TestContext.await(carol.closed()); // then nothing: the server hangs up
    assertEquals(List.of("stored 1: hello .. hello",
        "you were quiet (nothing came within " + IDLE_MILLIS + " milliseconds): bye"), inbox.seenBy("carol"));
    List<String> printed = inbox.seenBy("server");
    assertTrue(printed.get(printed.size() - 1).endsWith(": quiet, hung up on"), printed.toString());
  }

  @Test
  void aClientThatClosesItsSideEndsItsLinesAfterThePartialBatch() {
    LineClient dave = clients.connect("dave", server.port());
    String who = ":" + dave.localPort() + ": "; // how the server names dave
    TestContext.await(dave.sendRaw("a\nb\nc")); // the last line is framed by the end
    TestContext.await(dave.close());
    String done = inbox.awaitMatching(entry -> entry.startsWith("server: ") && entry.contains(who) && entry.endsWith("done"));
    List<String> daves = inbox.seenBy("server").stream().filter(entry -> entry.contains(who)).toList();
    assertEquals(2, daves.size(), daves.toString());
    assertTrue(daves.get(0).endsWith("a batch of 3"), daves.toString());
    assertTrue(done.endsWith(daves.get(1)), daves.toString());
  }
}

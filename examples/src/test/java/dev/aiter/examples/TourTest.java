package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tour that the README runs, with a short wait: it completes, and Bob is answered during Alice's wait. */
class TourTest {

  private final TestContext tc = new TestContext();

  @AfterEach
  void close() {
    tc.close();
  }

  @Test
  void theTourRunsToItsEnd() {
    List<String> printed = Collections.synchronizedList(new ArrayList<>());
    TestContext.await(new Tour(tc.vertx, 500, printed::add).run());

    List<String> said = printed.stream().map(line -> line.substring(line.indexOf(']') + 2).strip()).toList();
    assertTrue(said.indexOf("bob    <- hi") < said.indexOf("alice  <- waited 500 ms"), "Bob is answered during the wait: " + said);
    assertTrue(said.contains("carol  the server hung up"), said::toString);
    assertTrue(said.contains("server the stream ended"), said::toString);
    assertEquals("tour   the server closed, every connection closed, the stream ended: done", said.get(said.size() - 1));
  }
}

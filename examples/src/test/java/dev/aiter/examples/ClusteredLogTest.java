package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.examples.ClusteredLog.Entry;
import dev.aiter.examples.ClusteredLog.Report;
import dev.aiter.support.ClusterNodes;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lesson 10: node A serves its log, node B shapes it into two reports, across a cluster on loopback. */
class ClusteredLogTest {

  @Test
  void nodeBReportsEveryErrorAndSlowRequestOfTheLogNodeAServesEachClientItsOwnStream() {
    int count = 3_000;
    String cluster = ClusterNodes.cluster();
    Vertx a = TestContext.await(ClusteredLog.node(cluster));
    Vertx b = TestContext.await(ClusteredLog.node(cluster));
    try {
      TestContext.await(ClusteredLog.serve(a));
      List<String> printed = new ArrayList<>();
      // Two clients at once: each gets the whole log on a stream of its own.
      List<Report> reports = TestContext.await(Future.all(
          ClusteredLog.report(b, count, line -> {
            synchronized (printed) {
              printed.add(line);
            }
          }),
          ClusteredLog.report(b, count, line -> { }))).list();

      Report expected = expected(count);
      assertFalse(expected.errors().isEmpty() || expected.slow().isEmpty(), "the log has both");
      for (Report report : reports) {
        assertEquals(expected.errors(), report.errors(), "every server error, in log order");
        assertEquals(expected.slow(), report.slow(), "every slow request, in log order");
      }
      synchronized (printed) {
        assertEquals(expected.errors().size() + expected.slow().size(), printed.size());
        assertTrue(printed.containsAll(expected.errors()) && printed.containsAll(expected.slow()));
      }
    } finally {
      TestContext.await(Future.join(b.close(), a.close()));
    }
  }

  /** The reports computed from the log itself, without any stream. */
  private static Report expected(int count) {
    List<String> errors = new ArrayList<>();
    List<String> slow = new ArrayList<>();
    for (Iterator<String> lines = ClusteredLog.lines(count); lines.hasNext(); ) {
      Entry e = Entry.parse(lines.next());
      if (e.isError()) {
        errors.add("error: " + e);
      }
      if (e.isSlow()) {
        slow.add("slow:  " + e);
      }
    }
    return new Report(errors, slow);
  }
}

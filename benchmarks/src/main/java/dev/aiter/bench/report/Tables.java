package dev.aiter.bench.report;

import static dev.aiter.bench.report.Report.fmt;

import dev.aiter.bench.report.Report.Cell;
import dev.aiter.bench.report.Report.Contender;
import dev.aiter.bench.report.Report.Ratio;
import dev.aiter.bench.report.Report.Scenario;
import dev.aiter.bench.report.Report.Suite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The Markdown part of the report: machine, versions, command, results, ratios, targets. */
final class Tables {

  /** Below this many bytes per item, a stage counts as allocation-free (fixed costs per run). */
  private static final double ZERO_ALLOCATION = 0.1;

  private final Suite suite;
  /** The vertx-aiter rows of the same suite run with an earlier library, or {@code null}. */
  private final Suite before;
  private final StringBuilder md = new StringBuilder();

  Tables(Suite suite, Suite before) {
    this.suite = suite;
    this.before = before;
  }

  String markdown(Map<String, String> versions, String env, String command, String chartLink,
      JsonArray jmh) {
    line("## Run");
    line();
    line("Command, from the root of a clone:");
    line();
    line("```");
    line(command);
    line("```");
    line();
    if (!jmh.isEmpty()) {
      JsonObject first = jmh.getJsonObject(0);
      line("JMH " + first.getString("jmhVersion") + ", " + first.getInteger("forks") + " fork(s), "
          + first.getInteger("warmupIterations") + " × " + first.getString("warmupTime")
          + " warm-up, " + first.getInteger("measurementIterations") + " × "
          + first.getString("measurementTime") + " measurement, `-prof gc`; JVM "
          + first.getString("vmName") + " " + first.getString("vmVersion") + ", arguments "
          + first.getJsonArray("jvmArgs", new JsonArray()).encode() + ".");
      line();
    }
    line("Machine, as the run saw it:");
    line();
    line("```");
    line(env.isEmpty() ? "(no env.txt)" : env);
    line("```");
    line();
    StringBuilder v = new StringBuilder("Versions: ");
    versions.forEach((k, val) -> v.append(k).append(' ').append(val).append(", "));
    line(v.substring(0, v.length() - 2) + ". One vertx-core for every Vert.x contender,"
        + " the bridge included.");
    line();
    results();
    beforeAndAfter();
    ratios();
    targets();
    speedTargets();
    line("## Chart");
    line();
    line("![Million items per second per scenario and contender, log scale](" + chartLink + ")");
    line();
    return md.toString();
  }

  private void results() {
    line("## Results");
    line();
    line("Million items per second (higher is better) with the half-width of JMH's 99.9 %"
        + " confidence interval, and bytes allocated per item (`gc.alloc.rate.norm`; an"
        + " operation is one item). One invocation is 10 rounds of N = 100,000 items, each a"
        + " fresh chain, on one Vert.x event-loop context. Where a contender's forks differ by"
        + " a quarter or more, the note gives each fork's mean: the JIT settled in a different"
        + " mode in each JVM, which widens the interval more iterations would not narrow (a"
        + " ratio to such a contender depends on which modes this run drew).");
    line();
    line("| Scenario | Contender | M items/s | ± | B/item | Note |");
    line("|---|---|---:|---:|---:|---|");
    for (Scenario s : Scenario.ALL) {
      boolean first = true;
      for (Contender c : Contender.ALL) {
        Cell cell = suite.get(s, c.key());
        if ("absent".equals(cell.status)) {
          continue;
        }
        String scenario = first ? "**" + s.id() + "** " + s.title() : "";
        first = false;
        if (cell.measured()) {
          line("| " + scenario + " | " + c.label() + " | " + fmt(cell.mps()) + " | "
              + fmt(cell.mpsError()) + " | " + fmt(cell.bytesPerItem) + " |" + forkNote(cell) + " |");
        } else {
          line("| " + scenario + " | " + c.label() + " | " + cell.status + " | | | "
              + cell.reason.replace("|", "\\|") + " |");
        }
      }
    }
    line();
  }

  /** " forks differ: a, b" (M items/s per fork) when they do, else nothing. */
  private static String forkNote(Cell cell) {
    if (!cell.forksDiffer()) {
      return "";
    }
    StringBuilder note = new StringBuilder(" forks differ: ");
    for (int f = 0; f < cell.forks.length; f++) {
      note.append(f == 0 ? "" : ", ").append(fmt(cell.forks[f] / 1e6));
    }
    return note.toString();
  }

  private void ratios() {
    line("## Ratios");
    line();
    line("Throughput of vertx-aiter (fed by the shared source) over each reference, with the"
        + " errors of both propagated.");
    line();
    line("| Scenario | vertx-aiter / hand-written | vertx-aiter / vertx-rx bridge"
        + " | vertx-aiter / Reactor | vertx-aiter / plain loop |");
    line("|---|---:|---:|---:|---:|");
    for (Scenario s : Scenario.ALL) {
      line("| " + s.id() + " " + s.title() + " | " + ratio(s, "hand") + " | "
          + ratio(s, "bridge") + " | " + ratio(s, "reactor") + " | "
          + ratio(s, "plainLoop") + " |");
    }
    line();
  }

  private String ratio(Scenario s, String other) {
    Cell aiter = suite.get(s, "aiter");
    if (!aiter.measured()) {
      return aiter.status;
    }
    Cell ref = suite.get(s, other);
    Ratio r = Ratio.of(aiter, ref);
    return r != null ? r.toString() : Contender.of(other).label() + " " + ref.status;
  }

  private void targets() {
    line("## Targets of issues 7 and 12");
    line();
    line("A target is met when the whole interval clears it, not met when the whole interval"
        + " misses it, and unclear otherwise (more forks and iterations needed).");
    line();
    line("| Target | Scenario | Measured | Verdict |");
    line("|---|---|---:|---|");
    for (Scenario s : Scenario.ALL) {
      if (s.id().equals("S1") || s.id().equals("S2")) {
        target("vertx-aiter ≥ 0.5 × hand-written", s, "hand", 0.5);
      }
    }
    for (Scenario s : Scenario.ALL) {
      Cell bridge = suite.get(s, "bridge");
      if (bridge.measured()) {
        target("vertx-aiter ≥ 2 × bridge", s, "bridge", 2.0);
      } else if (!"absent".equals(bridge.status)) {
        line("| vertx-aiter ≥ 2 × bridge | " + s.id() + " | bridge " + bridge.status
            + " | does not apply |");
      }
    }
    for (Scenario s : Scenario.ALL) {
      if (s.id().equals("S3") || s.id().equals("S6")) {
        target("vertx-aiter ahead of Reactor (limitRate in S6)", s, "reactor", 1.0);
      }
    }
    for (Scenario s : Scenario.ALL) {
      if (s.id().equals("S10") || s.id().equals("S11") || s.id().equals("S12") || s.id().equals("S13")) {
        target("vertx-aiter ahead of Reactor (issue 12)", s, "reactor", 1.0);
        target("vertx-aiter ahead of RxJava (issue 12)", s, "rxjava", 1.0);
      }
    }
    for (Scenario s : Scenario.ALL) {
      if (s.id().equals("S1") || s.id().equals("S2") || s.id().equals("S5")
          || s.id().equals("S6") || s.id().equals("S8")) {
        Cell aiter = suite.get(s, "aiter");
        String measured = aiter.measured() ? fmt(aiter.bytesPerItem) + " B/item" : aiter.status;
        String verdict = !aiter.measured() || Double.isNaN(aiter.bytesPerItem) ? "not measured"
            : aiter.bytesPerItem < ZERO_ALLOCATION ? "met" : "not met";
        line("| no allocation per item (< " + ZERO_ALLOCATION + " B/item; items are"
            + " preallocated) | " + s.id() + " | " + measured + " | " + verdict + " |");
      }
    }
    line();
  }

  /** vertx-aiter with the earlier library ({@code BEFORE_JAR}) beside this run's, same settings. */
  private void beforeAndAfter() {
    if (before == null) {
      return;
    }
    line("## Before and after");
    line();
    line("vertx-aiter rows measured, with the same command and harness, on the library of the"
        + " commit named `before` in the machine block above (BEFORE_JAR), beside this run's.");
    line();
    line("| Scenario | before, M items/s | ± | B/item | after, M items/s | ± | B/item | after / before |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Scenario s : Scenario.ALL) {
      Cell was = before.get(s, "aiter");
      Cell now = suite.get(s, "aiter");
      if (!was.measured() || !now.measured()) {
        continue;
      }
      line("| " + s.id() + " " + s.title() + " | " + fmt(was.mps()) + " | " + fmt(was.mpsError())
          + " | " + fmt(was.bytesPerItem) + " | " + fmt(now.mps()) + " | " + fmt(now.mpsError())
          + " | " + fmt(now.bytesPerItem) + " | " + Ratio.of(now, was) + " |");
    }
    line();
  }

  /** Issue 13: ahead of the best peer, at 0.6 of the hand-written chain, S4/S5/S8/S9 tripled. */
  private void speedTargets() {
    line("## Targets of issue 13");
    line();
    line("The best peer is whichever of RxJava, Reactor and Mutiny has the highest mean in this"
        + " run. \"3 × before\" compares with the before run above (same command, earlier library).");
    line();
    line("| Target | Scenario | Measured | Verdict |");
    line("|---|---|---:|---|");
    for (Scenario s : Scenario.ALL) {
      if (s.id().compareTo("S2") >= 0 && s.id().length() == 2) { // S2 to S9
        String best = bestPeer(s);
        if (best == null) {
          line("| vertx-aiter ≥ best peer | " + s.id() + " | no peer measured | not measured |");
        } else {
          target("vertx-aiter ≥ best peer (" + Contender.of(best).label() + ")", s, best, 1.0);
        }
      }
    }
    for (Scenario s : Scenario.ALL) {
      if (suite.get(s, "hand").measured()) {
        target("vertx-aiter ≥ 0.6 × hand-written", s, "hand", 0.6);
      }
    }
    for (Scenario s : Scenario.ALL) {
      if (suite.get(s, "handContract").measured()) {
        // Where the 0.6 target is read against a hand-written version under the same contract.
        target("hand-written under the contract ≥ 0.6 × hand-written", s, "handContract", "hand", 0.6);
        target("vertx-aiter ≥ hand-written under the contract", s, "handContract", 1.0);
      }
    }
    if (before != null) {
      for (Scenario s : Scenario.ALL) {
        if (s.id().equals("S4") || s.id().equals("S5") || s.id().equals("S8") || s.id().equals("S9")) {
          Ratio r = Ratio.of(suite.get(s, "aiter"), before.get(s, "aiter"));
          line("| vertx-aiter ≥ 3 × before | " + s.id() + " | " + (r == null ? "n/a" : r.toString())
              + " | " + (r == null ? "not measured" : r.against(3.0)
              + modesOf(suite.get(s, "aiter"), "vertx-aiter", before.get(s, "aiter"), "before")) + " |");
        }
      }
    }
    line();
  }

  private String bestPeer(Scenario s) {
    String best = null;
    for (String peer : new String[] {"rxjava", "reactor", "mutiny"}) {
      Cell cell = suite.get(s, peer);
      if (cell.measured() && (best == null || cell.itemsPerSec > suite.get(s, best).itemsPerSec)) {
        best = peer;
      }
    }
    return best;
  }

  private void target(String name, Scenario s, String other, double threshold) {
    target(name, s, "aiter", other, threshold);
  }

  /** A target row: {@code measured} at or above {@code threshold} × {@code other} in scenario {@code s}. */
  private void target(String name, Scenario s, String measured, String other, double threshold) {
    Cell cell = suite.get(s, measured);
    Cell ref = suite.get(s, other);
    String label = Contender.of(measured).label();
    Ratio r = Ratio.of(cell, ref);
    if (r == null) {
      String why = !cell.measured() ? label + " " + cell.status
          : Contender.of(other).label() + " " + ref.status;
      line("| " + name + " | " + s.id() + " | " + why + " | not measured |");
    } else {
      line("| " + name + " | " + s.id() + " | " + r + " | " + r.against(threshold)
          + modesOf(cell, label, ref, Contender.of(other).label()) + " |");
    }
  }

  /** "; forks differ for …" when either side's forks landed in different JIT modes. */
  private static String modesOf(Cell a, String aLabel, Cell b, String bLabel) {
    String who = a.forksDiffer() && b.forksDiffer() ? "both"
        : a.forksDiffer() ? aLabel : b.forksDiffer() ? bLabel : null;
    return who == null ? "" : "; forks differ for " + who + " (Results)";
  }

  private void line(String text) {
    md.append(text).append('\n');
  }

  private void line() {
    md.append('\n');
  }
}

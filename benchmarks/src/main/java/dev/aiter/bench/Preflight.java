package dev.aiter.bench;

import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.Stalled;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of the jar once, outside JMH, with a bounded wait: it checks that each
 * contender delivers exactly the N items it should (count and sum) and ends, and records the ones
 * that stall or fail, with the reason, so that the JMH run leaves them out and the report says why.
 *
 * <p>Usage: {@code Preflight <preflight.json> <excludes.txt> [timeout-seconds [include-regexp]]}:
 * the JSON maps each benchmark (of those whose name the regexp finds, as JMH's include does) to
 * its status ({@code ok}, {@code stalls}, {@code fails}) and reason; the text file lists one JMH
 * exclude pattern per line.
 */
public final class Preflight {

  private Preflight() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Preflight <preflight.json> <excludes.txt>"
          + " [timeout-seconds [include-regexp]]");
      System.exit(2);
    }
    Loop.timeoutMillis = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1000;
    Pattern include = Pattern.compile(args.length > 3 ? args[3] : "");
    List<String> names = new ArrayList<>();
    for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(
        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
        Collections.emptyList())) {
      if (include.matcher(entry.getUsername()).find()) {
        names.add(entry.getUsername());
      }
    }
    Collections.sort(names);
    JsonObject report = new JsonObject();
    List<String> excludes = new ArrayList<>();
    for (String name : names) {
      JsonObject result = check(name);
      report.put(name, result);
      System.out.printf("%-45s %-7s %s%n", name, result.getString("status"),
          result.getString("reason", ""));
      if (!"ok".equals(result.getString("status"))) {
        excludes.add("^" + Pattern.quote(name) + "$");
      }
    }
    Files.writeString(Path.of(args[0]), report.encodePrettily());
    Files.write(Path.of(args[1]), excludes);
    // Vert.x instances of stalled chains may leave non-daemon threads; the report is written.
    System.exit(0);
  }

  private static JsonObject check(String name) {
    int dot = name.lastIndexOf('.');
    Loop loop = new Loop();
    try {
      Class<?> type = Class.forName(name.substring(0, dot));
      Method method = type.getMethod(name.substring(dot + 1), Loop.class);
      Object bench = type.getDeclaredConstructor().newInstance();
      loop.setup();
      long start = System.nanoTime();
      method.invoke(bench, loop);
      long micros = (System.nanoTime() - start) / 1000;
      return new JsonObject().put("status", "ok").put("firstRunMicros", micros);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Stalled) {
        return new JsonObject().put("status", "stalls").put("reason", cause.getMessage());
      }
      return new JsonObject().put("status", "fails").put("reason", describe(cause));
    } catch (Throwable t) {
      return new JsonObject().put("status", "fails").put("reason", describe(t));
    } finally {
      try {
        if (loop.vertx != null) {
          loop.tearDown();
        }
      } catch (Exception ignored) {
        // a Vert.x that will not close does not change the verdict
      }
    }
  }

  private static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(t.toString());
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      s.append("; caused by ").append(c);
    }
    return s.toString();
  }
}

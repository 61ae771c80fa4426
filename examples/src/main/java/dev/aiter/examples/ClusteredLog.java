package dev.aiter.examples;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.aiter.Aiter;
import dev.aiter.ForkStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Lesson 10: a stream from one node to another. Node A serves the lines of its (generated) access
 * log; node B asks for them and shapes them with the combinators into its own report. One call on
 * each side:
 *
 * <pre>{@code
 * // node A: every request gets its own stream of the log
 * streams.serve("log.lines", (Message<Integer> request) -> Aiter.fromIterator(context, lines(request.body())));
 *
 * // node B: one stream, forked into two reports
 * ForkStream<Entry> entries = streams.<String>request("log.lines", 5_000).map(Entry::parse).forker();
 * entries.fork().filter(Entry::isError).map(e -> "error: " + e) ...
 * entries.filter(Entry::isSlow).map(e -> "slow:  " + e) ...
 * }</pre>
 *
 * <p>The stream crosses the cluster with the contract of a local one. B's demand travels back to
 * A as credits: A reads its log only as fast as B's reports take the lines, however slow B is,
 * and nothing is dropped on the way (an event-bus consumer, by contrast, drops what a paused
 * consumer cannot hold). If A's node leaves mid-stream, B's stream fails with a {@code TIMEOUT}
 * within the peer timeout instead of waiting forever; if B leaves, A stops reading for it.
 *
 * <p>On B, {@code forker()} makes the one stream two: each fork sees every entry, in order, and
 * the stream is read as the slower of the two asks. {@code filter} keeps what a report wants. Each request to A gets a stream of its own, with its own demand:
 * a second node B asking at the same time is served independently.
 *
 * <p>The nodes form a Hazelcast cluster on loopback only ({@link #node}): TCP-IP join on
 * 127.0.0.1, no multicast, the event bus on 127.0.0.1.
 *
 * <p>Run both nodes in one program: {@code mvn -q test-compile exec:java
 * -Dexec.mainClass=dev.aiter.examples.ClusteredLog}. Or each in its own terminal: {@code
 * -Dexec.args=serve} for node A (Ctrl-C stops), then {@code -Dexec.args="report 5000"} for node B.
 */
public final class ClusteredLog {

  /** The address node A serves the log at. */
  public static final String ADDRESS = "log.lines";
  /** The cluster the two-terminal run joins. */
  public static final String CLUSTER = "vertx-aiter-example";

  private static final String[] PATHS = {"/", "/cart", "/search", "/orders", "/login"};
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT"};

  private ClusteredLog() {
  }

  // ------------------------------------------------------------------ node A

  /** Node A: serves the log at {@link #ADDRESS}; each request (a number of lines) gets its own stream. */
  public static Future<StreamService> serve(Vertx vertx) {
    EventBusStreams streams = EventBusStreams.create(vertx);
    Context context = vertx.getOrCreateContext();
    return streams.serve(ADDRESS, (Message<Integer> request) -> Aiter.fromIterator(context, lines(request.body())));
  }

  /** The first {@code count} lines of the generated log: the same lines on every call. */
  public static Iterator<String> lines(int count) {
    return new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        return next <= count;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return line(next++);
      }
    };
  }

  /** Line {@code n}: "000042 GET /cart 200 35ms", from a fixed pseudo-random mix of {@code n}. */
  static String line(int n) {
    long h = n * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    int roll = Math.floorMod(h, 100);
    int status = roll < 3 ? 503 : roll < 10 ? 404 : 200;
    int millis = 5 + Math.floorMod(h >>> 8, 1000);
    int path = Math.floorMod(h >>> 24, PATHS.length);
    return String.format("%06d %s %s %d %dms", n, METHODS[path], PATHS[path], status, millis);
  }

  // ------------------------------------------------------------------ node B

  /** One line of the log, parsed. */
  public record Entry(int number, String method, String path, int status, int millis) {

    static Entry parse(String line) {
      String[] f = line.split(" ");
      return new Entry(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]),
          Integer.parseInt(f[4].substring(0, f[4].length() - 2)));
    }

    boolean isError() {
      return status >= 500;
    }

    boolean isSlow() {
      return millis >= 950;
    }

    @Override
    public String toString() {
      return String.format("#%d %s %s %d in %d ms", number, method, path, status, millis);
    }
  }

  /** What node B printed: the two reports, each in log order. */
  public record Report(List<String> errors, List<String> slow) {
  }

  /**
   * Node B: asks node A for {@code count} lines and reports, as they come, the server errors and
   * the slow requests, each line to {@code out}; the future completes with both reports once the
   * stream has ended (or fails with the stream's failure).
   */
  public static Future<Report> report(Vertx vertx, int count, Consumer<String> out) {
    EventBusStreams streams = EventBusStreams.create(vertx);
    Context context = vertx.getOrCreateContext();
    Promise<Report> report = Promise.promise();
    context.runOnContext(start -> { // forks are made on the stream's context: this one
      ForkStream<Entry> entries = streams.<String>request(ADDRESS, count).map(Entry::parse).forker();
      ForkStream<Entry> second = entries.fork();
      Future<List<String>> errors = collect(second.filter(Entry::isError).map(e -> "error: " + e), out);
      Future<List<String>> slow = collect(entries.filter(Entry::isSlow).map(e -> "slow:  " + e), out);
      Future.all(errors, slow).map(both -> new Report(errors.result(), slow.result())).onComplete(report);
    });
    return report.future();
  }

  /** Prints each line of {@code report} as it comes, and keeps them. */
  private static Future<List<String>> collect(Aiter<String> report, Consumer<String> out) {
    List<String> lines = new ArrayList<>();
    Promise<List<String>> done = Promise.promise();
    report.exceptionHandler(done::tryFail).endHandler(end -> done.tryComplete(lines)).handler(line -> {
      lines.add(line);
      out.accept(line);
    });
    return done.future();
  }

  // ------------------------------------------------------------------ the cluster

  /** A Vert.x node of {@code cluster}, clustered with Hazelcast on loopback only. */
  public static Future<Vertx> node(String cluster) {
    Config hazelcast = ConfigUtil.loadConfig(); // Vert.x's own maps
    hazelcast.setClusterName(cluster);
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "none");
    hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", "0");
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered();
  }

  /**
   * With no argument, runs node A and node B in this program and exits; {@code serve} runs node A
   * until Ctrl-C; {@code report [LINES]} runs node B against a running node A and exits.
   */
  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "both";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Consumer<String> out = System.out::println;
    Future<?> run;
    switch (mode) {
      case "serve":
        run = node(CLUSTER).compose(a -> serve(a).onSuccess(s -> out.accept("node A serves " + ADDRESS + " (Ctrl-C stops)")));
        break;
      case "report":
        run = node(CLUSTER).compose(b -> report(b, count, out)
            .onComplete(done -> b.close())
            .onSuccess(report -> out.accept(summary(count, report))));
        break;
      default:
        String cluster = CLUSTER + "-" + ProcessHandle.current().pid();
        // One node after the other: two at once would both try to found the cluster.
        run = node(cluster).compose(a -> node(cluster).compose(b -> {
          out.accept("two nodes on loopback; node B asks node A for " + count + " lines");
          return serve(a)
              .compose(served -> report(b, count, out))
              .onSuccess(report -> out.accept(summary(count, report)))
              .eventually(() -> Future.join(b.close(), a.close()));
        }));
    }
    run.onFailure(failure -> {
      out.accept("failed: " + failure);
      System.exit(1);
    });
  }

  private static String summary(int count, Report report) {
    return count + " lines: " + report.errors().size() + " server errors, " + report.slow().size() + " slow requests";
  }
}

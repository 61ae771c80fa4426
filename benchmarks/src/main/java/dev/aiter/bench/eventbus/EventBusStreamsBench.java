package dev.aiter.bench.eventbus;

import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.ITEM_LIST;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.aiter.Aiter;
import dev.aiter.StoppableStream;
import dev.aiter.bench.support.Items;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamRef;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Streams across the event bus: N items per invocation from a producer context to a consumer
 * context on another event loop (one Vert.x), or on another node of a Hazelcast cluster on
 * loopback (two Vert.x in this JVM), through a {@link StreamRef} (export, open, a flowing
 * consumer) for a few windows, beside the limit: a plain {@code eventBus().send} loop of the same
 * items to a consumer that keeps up (a plain send loop has no flow control: a slow consumer would
 * lose messages past its buffer). Scores are items per second.
 *
 * <p>Not part of {@code run.sh}'s suite (its check and report know one event loop); run it with
 * {@code java -jar benchmarks/target/benchmarks.jar EventBusStreamsBench} (see the README).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.N)
public class EventBusStreamsBench {

  private static final long TIMEOUT_SECONDS = 60;

  /** The window of the reference contenders. */
  @State(Scope.Benchmark)
  public static class Window {
    @Param({"16", "64", "256", "1024"})
    public int window;
  }

  /** Two contexts on two event loops of one Vert.x, and a plain consumer on the second. */
  @State(Scope.Benchmark)
  public static class Local {
    Nodes nodes;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      nodes = new Nodes(vertx, vertx);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      nodes.close();
    }
  }

  /** Two Vert.x nodes clustered with Hazelcast on loopback, a context on each. */
  @State(Scope.Benchmark)
  public static class Clustered {
    Nodes nodes;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      String cluster = "vertx-aiter-bench-" + UUID.randomUUID();
      Vertx a = await(node(cluster)); // one after the other: two at once both try to found the cluster
      Vertx b = await(node(cluster));
      nodes = new Nodes(a, b);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      nodes.close();
    }
  }

  @Benchmark
  public long reference(Local on, Window w) throws Exception {
    return on.nodes.throughReference(w.window);
  }

  @Benchmark
  public long plainSend(Local on) throws Exception {
    return on.nodes.plainSend();
  }

  @Benchmark
  public long referenceClustered(Clustered on, Window w) throws Exception {
    return on.nodes.throughReference(w.window);
  }

  @Benchmark
  public long plainSendClustered(Clustered on) throws Exception {
    return on.nodes.plainSend();
  }

  // ------------------------------------------------------------------ the two sides

  /** A producing context on {@code a} and a consuming one on {@code b} (another event loop). */
  static final class Nodes {
    final Vertx a;
    final Vertx b;
    final Context producer;
    final Context consumer;
    final String plainAddress = "bench.plain." + UUID.randomUUID();
    /** The plain consumer's tally for the invocation under way; on the consumer's context. */
    long count;
    long sum;
    CompletableFuture<Long> plainDone;

    Nodes(Vertx a, Vertx b) throws Exception {
      this.a = a;
      this.b = b;
      this.producer = contextOf(a);
      this.consumer = contextOf(b);
      if (a == b && threadOf(producer) == threadOf(consumer)) {
        throw new IllegalStateException("expected two event loops");
      }
      CompletableFuture<Void> registered = new CompletableFuture<>();
      consumer.runOnContext(v -> {
        MessageConsumer<Integer> plain = b.eventBus().consumer(plainAddress, message -> {
          count++;
          sum += message.body();
          if (count == Items.N) {
            plainDone.complete(sum);
          }
        });
        plain.completion().onComplete(ar -> registered.complete(null));
      });
      registered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    long throughReference(int window) throws Exception {
      StreamOptions options = new StreamOptions().setWindow(window);
      EventBusStreams producing = EventBusStreams.create(a, options);
      EventBusStreams consuming = EventBusStreams.create(b, options);
      CompletableFuture<StreamRef<Integer>> exported = new CompletableFuture<>();
      producer.runOnContext(v -> producing.export(Aiter.<Integer>fromIterable(producer, ITEM_LIST))
          .onComplete(ar -> {
            if (ar.succeeded()) {
              exported.complete(ar.result());
            } else {
              exported.completeExceptionally(ar.cause());
            }
          }));
      StreamRef<Integer> ref = exported.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      CompletableFuture<Long> done = new CompletableFuture<>();
      consumer.runOnContext(v -> {
        StoppableStream<Integer> stream = consuming.open(ref);
        long[] tally = new long[2];
        stream.exceptionHandler(done::completeExceptionally);
        stream.endHandler(end -> done.complete(tally[0] == Items.N ? tally[1] : -tally[0]));
        stream.handler(x -> {
          tally[0]++;
          tally[1] += x;
        });
      });
      return check(done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    long plainSend() throws Exception {
      CompletableFuture<Long> done = new CompletableFuture<>();
      consumer.runOnContext(v -> {
        count = 0;
        sum = 0;
        plainDone = done;
        producer.runOnContext(w -> {
          for (Integer x : ITEMS) {
            a.eventBus().send(plainAddress, x);
          }
        });
      });
      return check(done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    void close() throws Exception {
      if (a != b) {
        await(b.close());
      }
      await(a.close());
    }
  }

  private static long check(long sum) {
    long expected = (long) Items.N * (Items.N - 1) / 2;
    if (sum != expected) {
      throw new IllegalStateException("wrong result: " + sum + ", expected " + expected);
    }
    return sum;
  }

  /** The context of a new (empty) verticle: each deployment gets the next event loop. */
  private static Context contextOf(Vertx vertx) throws Exception {
    CompletableFuture<Context> deployed = new CompletableFuture<>();
    await(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        deployed.complete(context);
        return Future.succeededFuture();
      }
    }));
    return deployed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** A node of {@code cluster}: Hazelcast and the event bus on loopback only, quiet. */
  static Future<Vertx> node(String cluster) {
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(cluster);
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "none");
    hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", "0");
    hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered();
  }
}

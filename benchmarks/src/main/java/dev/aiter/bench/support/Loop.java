package dev.aiter.bench.support;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The event loop every invocation runs on: one Vert.x instance and one event-loop context per
 * trial. {@link #run} starts an invocation on the context and waits for the consumer's end with a
 * bounded wait, so a contender that stalls fails with {@link Stalled} instead of hanging the suite.
 */
@State(Scope.Benchmark)
public class Loop {

  /** Bounded wait for one invocation; the preflight check lowers it. */
  public static volatile long timeoutMillis = 60_000;

  public Vertx vertx;
  public Context context;

  /** What one invocation does on the event loop: build the chain and wire the consumer to run. */
  @FunctionalInterface
  public interface Body {
    void start(Run run) throws Exception;
  }

  @Setup(Level.Trial)
  public void setup() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    context = vertx.getOrCreateContext();
    if (!context.isEventLoopContext()) {
      throw new IllegalStateException("expected an event-loop context");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs one invocation of N items expecting the sum of the items shifted by {@code shift}. */
  public long run(int shift, Body body) throws InterruptedException {
    return run(Items.N, Items.sumShiftedBy(shift), body);
  }

  /** Runs one invocation on the context and returns the consumer's sum once it ended. */
  public long run(long expectedCount, long expectedSum, Body body) throws InterruptedException {
    Run run = new Run();
    context.runOnContext(v -> {
      try {
        body.start(run);
      } catch (Throwable t) {
        run.fail(t);
      }
    });
    if (!run.await(timeoutMillis)) {
      throw new Stalled("delivered " + deliveredSoFar(run) + " of " + expectedCount
          + " items, then nothing for " + timeoutMillis / 1000.0 + " s (consumer: "
          + run.consumerDescription() + ")");
    }
    run.check(expectedCount, expectedSum);
    return run.sum();
  }

  /** Reads the tally on the event loop, so that it is exact; falls back to a racy read. */
  private long deliveredSoFar(Run run) {
    CompletableFuture<Long> count = new CompletableFuture<>();
    context.runOnContext(v -> count.complete(run.count()));
    try {
      return count.get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      return run.count();
    }
  }
}

package dev.aiter.bench.support;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 *
 * <p>One invocation is {@link Items#ROUNDS} rounds, each a fresh chain moving N items, run one
 * after the other on the event loop (the next one as a new event-loop task once the last one
 * ended and was checked): the benchmark thread hands over to the event loop and is woken once per
 * invocation, not once per N items. That hand-over (a task queued across threads, a park and an
 * unpark) costs tens of microseconds on a quiet machine and up to milliseconds on a busy one,
 * against 0.2 ms for the N items of the plain loop: once per N items it swamped the fastest
 * contenders' figures and their error bars (see benchmarks/README.md, "Why the floor was beaten").
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

  /**
   * Runs one invocation ({@link Items#ROUNDS} rounds) on the context and returns the sum of the
   * consumers' sums once the last round ended; every round is checked.
   */
  public long run(long expectedCount, long expectedSum, Body body) throws InterruptedException {
    Rounds rounds = new Rounds(body, expectedCount, expectedSum);
    context.runOnContext(rounds);
    if (!rounds.done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
      Run run = rounds.current;
      throw new Stalled("delivered " + deliveredSoFar(run) + " of " + expectedCount
          + " items, then nothing for " + timeoutMillis / 1000.0 + " s (consumer: "
          + run.consumerDescription() + ")");
    }
    if (rounds.failure != null) {
      if (rounds.failure instanceof RuntimeException) {
        throw (RuntimeException) rounds.failure;
      }
      throw new IllegalStateException(rounds.failure);
    }
    return rounds.total;
  }

  /** The rounds of one invocation, driven on the event loop. */
  private final class Rounds implements Handler<Void> {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Body body;
    private final long expectedCount;
    private final long expectedSum;
    private int left = Items.ROUNDS;
    /** The round running; read by the benchmark thread only for a stall report. */
    private volatile Run current;
    /** Written on the event loop before the latch opens, read after it. */
    private long total;
    private Throwable failure;

    Rounds(Body body, long expectedCount, long expectedSum) {
      this.body = body;
      this.expectedCount = expectedCount;
      this.expectedSum = expectedSum;
    }

    /** Starts the next round, on the event loop. */
    @Override
    public void handle(Void v) {
      Run run = new Run(this::ended);
      current = run;
      try {
        body.start(run);
      } catch (Throwable t) {
        run.fail(t);
      }
    }

    /** The current round ended or failed (on the event loop): check it, then the next or done. */
    private void ended() {
      Run run = current;
      try {
        run.check(expectedCount, expectedSum);
      } catch (Throwable t) {
        failure = t;
        done.countDown();
        return;
      }
      total += run.sum();
      if (--left == 0) {
        done.countDown();
      } else {
        // A new task, not a call from the end handler: the next chain starts on a flat stack.
        context.runOnContext(this);
      }
    }
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

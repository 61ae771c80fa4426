package dev.aiter.tck;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;

/** The TCK's settings for this build, and blocking helpers its TestNG classes share. */
public final class Tck {

  /**
   * How long a test waits for a signal it expects. Generous for 2 shared cores: waiting costs
   * nothing when the signal comes (the TCK classes take as long with 10 s as with 1 s), and a
   * signal that is merely late must not fail a rule. At 1 s, a CI run on a stalled machine let an
   * optional test give up on its onError and skip; the late onError then landed in the next test's
   * error list and failed a rule it had nothing to do with.
   */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  /**
   * How long a test watches for a signal that must not come. Every passing test waits it out, so
   * it sets the run time; our signals run on an idle event loop within microseconds, and a wrong
   * signal shows up well within it.
   */
  public static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;
  /** How often a waiting test looks again. */
  public static final long POLL_MILLIS = 10;
  /** How long after a cancel the publisher has to drop the subscriber (rule 3.13). */
  public static final long GC_TIMEOUT_MILLIS = 500;

  private Tck() {
  }

  public static TestEnvironment environment() {
    return new TestEnvironment(DEFAULT_TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_MILLIS);
  }

  /** Runs {@code block} on {@code context} and returns its result. */
  public static <R> R call(Context context, Callable<R> block) {
    CompletableFuture<R> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(block.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return await(result);
  }

  /** Waits for a Vert.x future. */
  public static <R> R await(Future<R> future) {
    return await(future.toCompletionStage().toCompletableFuture());
  }

  private static <R> R await(CompletableFuture<R> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the TCK's context did not answer", e);
    }
  }
}

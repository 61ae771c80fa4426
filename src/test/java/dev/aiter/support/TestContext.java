package dev.aiter.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Vert.x instance and one context for a test (an event-loop one unless given): runs blocks on
 * the context and waits for them, and "settles" the context (runs its queue through a few times)
 * so a test can show that nothing more arrives without sleeping. Registered as a static {@code
 * @RegisterExtension} field, it is closed after the test class.
 */
public final class TestContext implements AutoCloseable, AfterAllCallback {

  public static final long TIMEOUT_SECONDS = 20;

  public final Vertx vertx;
  public final Context context;

  public TestContext() {
    this(Vertx.vertx());
  }

  public TestContext(Vertx vertx) {
    this(vertx, vertx.getOrCreateContext());
  }

  /** {@code context} of {@code vertx}, of whatever kind (a worker verticle's, say). */
  public TestContext(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  /**
   * The context of a verticle deployed on {@code vertx} with {@code options} (a worker verticle's,
   * say), once its start has run.
   */
  public static Context deployedContext(Vertx vertx, DeploymentOptions options) {
    CompletableFuture<Context> started = new CompletableFuture<>();
    await(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        started.complete(context);
        return Future.succeededFuture();
      }
    }, options));
    return await(started);
  }

  /** Runs {@code block} on the context and returns its result, rethrowing what it throws. */
  public <R> R call(Callable<R> block) {
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

  /** Runs {@code block} on the context and waits for it. */
  public void run(ThrowingRunnable block) {
    call(() -> {
      block.run();
      return null;
    });
  }

  /**
   * Runs {@code build} on a thread of its own while the context waits for it, then {@code use} on
   * what it built in that same task of the context: before anything the build carried onto the
   * context has run. Waits for both, rethrowing what either throws.
   */
  public <R> void buildOffContextThenUse(Callable<R> build, java.util.function.Consumer<R> use) {
    run(() -> {
      CompletableFuture<R> built = new CompletableFuture<>();
      Thread builder = new Thread(() -> {
        try {
          built.complete(build.call());
        } catch (Throwable t) {
          built.completeExceptionally(t);
        }
      }, "off-context builder");
      builder.start();
      use.accept(await(built)); // the context waits: what the build queued for it runs after this
    });
  }

  /** Runs the context's task queue through {@code rounds} times, so queued work has happened. */
  public void settle(int rounds) {
    for (int i = 0; i < rounds; i++) {
      run(() -> { });
    }
  }

  /** {@link #settle(int)} five times. */
  public void settle() {
    settle(5);
  }

  /** Waits for {@code future}, failing the test after {@link #TIMEOUT_SECONDS}. */
  public static <R> R await(CompletableFuture<R> future) {
    return await(future, TIMEOUT_SECONDS);
  }

  /** Waits for {@code future}, failing the test after {@code seconds} (a long run's own bound). */
  public static <R> R await(CompletableFuture<R> future, long seconds) {
    try {
      return future.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new AssertionError(cause);
    } catch (Exception e) {
      return fail("timed out or interrupted waiting on the context", e);
    }
  }

  /** Waits for a Vert.x future, failing the test after {@link #TIMEOUT_SECONDS}. */
  public static <R> R await(io.vertx.core.Future<R> future) {
    return await(future.toCompletionStage().toCompletableFuture());
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    close();
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  /** A block that may throw. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}

package dev.aiter.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A recording consumer: the items, ends and failures a stream delivers, and every handler call
 * made off the stream's context. Read its fields on the context (or after {@code settle}).
 */
public final class Probe<T> {

  public final List<T> items = new ArrayList<>();
  public final List<Throwable> failures = new ArrayList<>();
  public int ends;
  /** Handler calls that ran off the expected context. */
  public int offContext;
  /** Completed at the first end or failure. */
  public final CompletableFuture<Void> terminated = new CompletableFuture<>();

  /** The stream's context, and its event-loop thread. */
  private final Context context;
  private final Thread contextThread;
  private Consumer<T> onItem = item -> { };
  /** Items are counted, not kept ({@link #countingStackDepth}). */
  private boolean countOnly;
  /** Items delivered, when {@link #countingStackDepth} (else see {@link #items}). */
  public long count;
  /** The deepest stack seen at every 1024th item, when {@link #countingStackDepth}. */
  public int deepestStack;

  public Probe(TestContext context) {
    this.context = context.context;
    this.contextThread = context.call(Thread::currentThread);
  }

  /** Runs {@code action} after recording each item (to call pause/fetch from the handler). */
  public Probe<T> onItem(Consumer<T> action) {
    this.onItem = action;
    return this;
  }

  /**
   * For a long run: items are counted instead of kept, and the stack's depth is sampled every
   * 1024 items, so that a test can show a synchronous source does not nest one frame per item.
   */
  public Probe<T> countingStackDepth() {
    this.countOnly = true;
    return this;
  }

  /** Sets all three handlers of {@code stream}. */
  public Probe<T> attach(ReadStream<T> stream) {
    stream.exceptionHandler(t -> {
      check();
      failures.add(t);
      terminated.complete(null);
    });
    stream.endHandler(v -> {
      check();
      ends++;
      terminated.complete(null);
    });
    stream.handler(item -> {
      check();
      if (!countOnly) {
        items.add(item);
      } else if ((++count & 1023) == 0) {
        deepestStack = Math.max(deepestStack, StackWalker.getInstance().walk(frames -> (int) frames.count()));
      }
      onItem.accept(item);
    });
    return this;
  }

  /** Waits for the end or the failure. */
  public Probe<T> awaitTerminal() {
    TestContext.await(terminated);
    return this;
  }

  /** Asserts that the stream ended exactly once, cleanly, on its context. */
  public void assertEndedOnce() {
    assertEquals(1, ends, "ends");
    assertEquals(List.of(), failures, "failures");
    assertEquals(0, offContext, "handler calls off the context");
  }

  private void check() {
    // The context itself, not only its thread: other contexts may share the thread.
    if (Thread.currentThread() != contextThread || Vertx.currentContext() != context) {
      offContext++;
    }
  }
}

package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.streams.ReadStream;

/** Which context a new stream runs on, and whether the caller is on it (contract 1). */
public final class Contexts {

  private Contexts() {
  }

  /** The context of {@code source} when it is one of ours, else the caller's current one. */
  public static Context of(ReadStream<?> source, String call) {
    Args.notNull(source, "source");
    if (source instanceof BaseAiter) {
      return ((BaseAiter<?, ?>) source).context;
    }
    return current(call);
  }

  /** The caller's current context, or an {@link IllegalStateException} naming what to do. */
  public static Context current(String call) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException(call + " was called off any Vert.x context on a stream that"
          + " is not an Aiter: adopt the stream first with Aiter.of(Context, ReadStream)");
    }
    return context;
  }

  /** The context a source made from {@code vertx} runs on: the caller's, else a new one. */
  public static Context of(Vertx vertx) {
    return Args.notNull(vertx, "vertx").getOrCreateContext();
  }

  /**
   * Whether the caller runs on {@code context}: the context itself, not merely its thread nor a
   * duplicate of it (where an event-bus consumer's handler runs), and for an event-loop context its
   * event loop, not a worker running {@code executeBlocking} for it. The test of {@link
   * BaseAiter#isOnContext}, which keeps the context's kind in a field for its hot paths.
   */
  public static boolean isOn(Context context) {
    return Vertx.currentContext() == context
        && (!context.isEventLoopContext() || Context.isOnEventLoopThread());
  }

  /**
   * Whether the caller runs on a duplicate of the event-loop context {@code context}, on its event
   * loop: where Vert.x runs the handler of an event-bus consumer that lives on {@code context}, a
   * new duplicate per message. It is the context's own thread and turn, so what comes there may be
   * handled at once, with {@code context} made current ({@link #dispatch}).
   */
  static boolean isOnDuplicateOf(Context context) {
    return isDuplicateOf(Vertx.currentContext(), context);
  }

  /** Whether {@code current} duplicates {@code context}, and the caller runs on its event loop. */
  static boolean isDuplicateOf(Context current, Context context) {
    return current != context && unduplicated(current) == context && context.isEventLoopContext()
        && Context.isOnEventLoopThread();
  }

  /**
   * Runs {@code task} now with {@code context} made current, for a caller on a duplicate of it
   * ({@link #isOnDuplicateOf}); what the task throws goes to the context's exception handler.
   */
  static void dispatch(Context context, Handler<Void> task) {
    ((ContextInternal) context).dispatch(task);
  }

  /** The context {@code current} duplicates, else {@code current} itself: where its stream lives. */
  static Context unduplicated(Context current) {
    return current instanceof ContextInternal && ((ContextInternal) current).isDuplicate()
        ? ((ContextInternal) current).unwrap() : current;
  }

  /** Runs {@code task} now when the caller is on {@code context}, else carries it there. */
  public static void runOn(Context context, Runnable task) {
    if (isOn(context)) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /**
   * Reports {@code t} to {@code context}'s exception handler: for a failure that has no stream to
   * go to (a second failure, one whose consumer never came).
   */
  public static void report(Context context, Throwable t) {
    Handler<Throwable> h = context.exceptionHandler();
    if (h != null) {
      h.handle(t);
    } else {
      // Vert.x hands what a task throws to the Vert.x exception handler, else logs it.
      context.runOnContext(v -> sneakyThrow(t));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}

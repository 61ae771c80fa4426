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
   * duplicate of it (where an event-bus consumer's handler runs), and not code running {@code
   * executeBlocking} for it: for an event-loop context its event loop, for a worker context one of
   * its tasks ({@link #runsATaskOf}). The test of {@link BaseAiter#isOnContext}, which keeps the
   * context's kind in a field for its hot paths.
   */
  public static boolean isOn(Context context) {
    return Vertx.currentContext() == context
        && (context.isEventLoopContext() ? Context.isOnEventLoopThread() : runsATaskOf(context));
  }

  /**
   * For a caller whose current context is the worker (or virtual-thread) context {@code context}:
   * whether it runs one of the context's tasks, one at a time in the context's order, rather than
   * code {@code executeBlocking} runs for it. Since Vert.x 5.0 those run on a queue of their own,
   * beside the context's tasks and with the context current, so only the context's executor tells
   * the two apart ({@code inThread}, internal API, as {@link #dispatch} is).
   */
  static boolean runsATaskOf(Context context) {
    return !(context instanceof ContextInternal) || ((ContextInternal) context).inThread();
  }

  /**
   * Whether the caller runs on a duplicate of {@code context}, in one of the context's own turns
   * (its event loop, or a task of a worker context: {@link #runsATaskOf}): where Vert.x runs the
   * handler of an event-bus consumer that lives on {@code context}, a new duplicate per message.
   * Nothing else of the context runs meanwhile, so what comes there may be handled at once, with
   * {@code context} made current ({@link #dispatch}).
   */
  static boolean isOnDuplicateOf(Context context) {
    return isDuplicateOf(Vertx.currentContext(), context);
  }

  /** Whether {@code current} duplicates {@code context}, and the caller runs in one of its turns. */
  static boolean isDuplicateOf(Context current, Context context) {
    return current != context && unduplicated(current) == context
        && (context.isEventLoopContext() ? Context.isOnEventLoopThread() : runsATaskOf(context));
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

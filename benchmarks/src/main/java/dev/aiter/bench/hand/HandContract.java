package dev.aiter.bench.hand;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The two pieces of API.md's contract that every hand-written contender under the contract
 * ({@code Hand*Contract}, {@link HandMapOnContext}) writes the same way: contract 1's check that
 * the caller runs on the stream's event-loop context, and contract 7's report of an exception
 * thrown by the consumer's handler.
 */
final class HandContract {

  private HandContract() {
  }

  /** Whether the caller runs on {@code context}, an event-loop context: its context and its thread. */
  static boolean isOn(Context context) {
    return Vertx.currentContext() == context && Context.isOnEventLoopThread();
  }

  /** Reports {@code t} to the stream's exception handler, else to the context's, if either is set. */
  static void report(Handler<Throwable> exceptionHandler, Context context, Throwable t) {
    if (exceptionHandler != null) {
      exceptionHandler.handle(t);
    } else if (context.exceptionHandler() != null) {
      context.exceptionHandler().handle(t);
    }
  }
}

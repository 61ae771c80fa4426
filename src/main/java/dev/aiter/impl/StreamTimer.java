package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The one Vert.x timer of a time-based stream, on the stream's context: at most one is set at a
 * time, and {@link #cancel} removes it from Vert.x, so a stream that ends, fails, stops or loses
 * its demand leaves no timer behind. Every method runs on the stream's context.
 */
public final class StreamTimer {

  private static final long NONE = -1;

  private final Context context;
  private final Handler<Void> action;
  /** The Vert.x id of the timer set, or {@link #NONE}. */
  private long id = NONE;
  /** Timers set and not yet fired or cancelled, for tests: 0 or 1. */
  private int outstanding;
  /** The id of the last timer set, for tests that ask Vert.x whether it is gone. */
  private long lastId = NONE;

  StreamTimer(Context context, Handler<Void> action) {
    this.context = context;
    this.action = action;
  }

  /** Whole milliseconds, rounded up, for a Vert.x timer (at least 1). */
  static long millis(long nanos) {
    return Math.max(1, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1));
  }

  /** Sets the timer to fire after {@code delayNanos} (rounded up to whole ms), unless one is set. */
  void schedule(long delayNanos) {
    if (id != NONE) {
      return;
    }
    Vertx vertx = context.owner();
    // A timer set on another context's thread would run there: carry the firing onto ours.
    boolean onOurs = Vertx.currentContext() == context;
    Handler<Long> fire = onOurs ? this::fired : timerId -> context.runOnContext(v -> fired(timerId));
    id = vertx.setTimer(millis(delayNanos), fire);
    lastId = id;
    outstanding++;
  }

  /** Removes the timer from Vert.x, if one is set. */
  void cancel() {
    if (id != NONE) {
      context.owner().cancelTimer(id);
      id = NONE;
      outstanding--;
    }
  }

  /** Whether a timer is set. */
  boolean isSet() {
    return id != NONE;
  }

  private void fired(long timerId) {
    if (timerId != id) {
      return; // cancelled meanwhile (a worker context may race the cancel)
    }
    id = NONE;
    outstanding--;
    action.handle(null);
  }

  /** For tests: timers set and neither fired nor cancelled (0 or 1). */
  public int outstanding() {
    return outstanding;
  }

  /** For tests: the Vert.x id of the last timer set, or -1; {@code cancelTimer} on it says whether it is still there. */
  public long lastId() {
    return lastId;
  }
}

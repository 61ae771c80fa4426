package dev.aiter.eventbus.impl;

import io.vertx.core.Vertx;

/**
 * One side's watch on its peer: a periodic timer, every sixth of the peer timeout, that sends a
 * heartbeat when this side has sent nothing since the last tick (so the peer hears from it at least
 * every third of the timeout) and calls {@code silent} once nothing was heard for the timeout.
 * Marking a message heard or sent is a field write: the hot path pays nothing more. Runs on the
 * context it was started on, which must be its side's.
 */
final class Liveness {

  private static final int TICKS_PER_TIMEOUT = 6;

  private final Vertx vertx;
  private final Runnable ping;
  private final Runnable silent;
  private long timeout;
  private long timer = -1;
  private boolean heard;
  private boolean sent;
  private int quietTicks;

  Liveness(Vertx vertx, long timeout, Runnable ping, Runnable silent) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.ping = ping;
    this.silent = silent;
  }

  /** The timeout the two sides agreed on; call before {@link #start}. */
  void timeout(long millis) {
    timeout = millis;
  }

  long timeout() {
    return timeout;
  }

  /** Starts watching; call on the side's context. */
  void start() {
    if (timer == -1) {
      heard = true;
      timer = vertx.setPeriodic(Math.max(1, timeout / TICKS_PER_TIMEOUT), id -> tick());
    }
  }

  void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  void heard() {
    heard = true;
  }

  void sent() {
    sent = true;
  }

  private void tick() {
    if (heard) {
      heard = false;
      quietTicks = 0;
    } else if (++quietTicks >= TICKS_PER_TIMEOUT) {
      stop();
      silent.run();
      return;
    }
    if (!sent) {
      ping.run();
    }
    sent = false;
  }
}

package dev.aiter.impl;

/**
 * How a reader asks an upstream that may deliver on another thread for items (contract 4). While
 * the items come from another thread, each arrives at the reader as a task queued behind the
 * others while that thread runs on, which no pause could bound: the upstream is asked for one item
 * at a time, the next once the one before has arrived at the reader. An upstream that delivers on
 * the reader's own context cannot run while the reader's consumer does, and a pause reaches it
 * before it delivers again: it is asked for what is wanted. Another context sharing the reader's
 * event-loop thread does not count: what it sends in one run of its own still queues at the reader
 * as tasks no pause can take back. A pause does not cancel the one item asked alone: it is held
 * when it comes, so that what was asked stays counted exactly and asks never pile up.
 *
 * <p>A foreign stream adopted on the reader's event loop is taken to live there, as everywhere in
 * the library ({@link ForeignUpstream}), and is asked as wanted from the start: a first {@code
 * fetch(1)} would cost a synchronous source's loop two thirds of its speed (its demand, decremented
 * once, is no longer a constant there; S1 map 240 against 764 M items/s). One adopted elsewhere
 * (where it lives, as {@code Aiter.of(Context, ReadStream)} asks) starts one at a time, and is
 * asked as wanted once an item of it comes on the reader's context.
 *
 * <p>It only counts; the reader makes the calls it returns. On the reader's context.
 */
final class Pacing {

  private enum Mode {
    /** One item at a time: the upstream delivers elsewhere, or has not been seen to deliver here. */
    ONE_AT_A_TIME,
    /** The upstream delivers on the reader's context: asked for what is wanted, paused at once. */
    AS_WANTED
  }

  private Mode mode;
  /**
   * One at a time: items wanted and not yet received (unbounded while the reader's consumer
   * flows). Turned to as wanted: what is owed to the upstream once the item that turned it has
   * been handed on ({@link #next}).
   */
  private long wanted;
  /** One item was asked for alone and has not arrived at the reader. */
  private boolean oneAsked;

  /** {@code asWanted}: the upstream is taken to deliver on the reader's context from the start. */
  Pacing(boolean asWanted) {
    this.mode = asWanted ? Mode.AS_WANTED : Mode.ONE_AT_A_TIME;
  }

  /** Whether the upstream is asked for what is wanted and paused directly, as a local one. */
  boolean asWanted() {
    return mode == Mode.AS_WANTED;
  }

  /** The reader wants {@code n} more: how many to ask the upstream for now (0 or 1 unless {@link #asWanted}). */
  long want(long n) {
    if (mode == Mode.AS_WANTED) {
      return n;
    }
    wanted = Demand.add(wanted, n);
    return nextAsk();
  }

  /**
   * The reader stops pulling: what is wanted is forgotten. Returns whether the upstream is to be
   * paused too ({@link #asWanted}); else the one item asked, if any, is left to come.
   */
  boolean stop() {
    wanted = 0;
    return mode == Mode.AS_WANTED;
  }

  /**
   * The reader lets go of the upstream for good, and pauses it (contract 9): what is wanted is
   * forgotten, and so is the one item asked, which the pause voids. Should it come all the same,
   * whoever reads the upstream next holds it, as any item delivered after a pause.
   */
  void letGo() {
    wanted = 0;
    oneAsked = false;
  }

  /**
   * An item asked one at a time arrived at the reader, {@code here} when the upstream delivered it
   * on the reader's context: from then on it is asked as wanted, what the reader asks while
   * handing the item on goes straight to it, and the rest of what was wanted is owed. The reader
   * hands the item on, then asks for what {@link #next} says.
   */
  void arrived(boolean here) {
    wanted = Demand.decrement(wanted);
    oneAsked = false;
    if (here) {
      mode = Mode.AS_WANTED;
    }
  }

  /** After an item that {@link #arrived}: how many to ask the upstream for now. */
  long next() {
    if (mode == Mode.AS_WANTED) {
      long owed = wanted;
      wanted = 0;
      return owed;
    }
    return nextAsk();
  }

  private long nextAsk() {
    if (oneAsked || wanted == 0) {
      return 0;
    }
    oneAsked = true;
    return 1;
  }
}

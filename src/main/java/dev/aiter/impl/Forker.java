package dev.aiter.impl;

import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The state the forks of one {@code forker} share: upstream, and the items pulled from it as a
 * singly linked list. Each fork holds a cursor into the list; the forker holds only its tail, so an
 * item is released (to the garbage collector) as soon as every live fork has passed it. A bounded
 * forker ({@code maxLag}) pulls no item that would leave the slowest live fork more than {@code
 * maxLag} items behind; it pulls again once that fork moves on or stops.
 */
final class Forker<T> {

  /** One item of the list; the tail node holds no item yet. */
  static final class Node<T> {
    T item;
    Node<T> next;
    /** Absolute position, for counting what forks hold. */
    final long index;

    Node(long index) {
      this.index = index;
    }
  }

  private enum Upstream { OPEN, ENDED, FAILED }

  /** Whether a pull was refused because the slowest live fork lags {@code maxLag} behind. */
  private enum Lag { WITHIN, BLOCKED }

  /** Unbounded: what the slowest live fork has not passed is kept, however much. */
  static final long UNBOUNDED = Long.MAX_VALUE;

  final Context context;
  /** The most items the slowest live fork may have left behind it. */
  private final long maxLag;
  private final ReadStream<T> upstream;
  private final List<ForkStreamImpl<T>> forks = new ArrayList<>();
  private Node<T> tail = new Node<>(0);
  /** One item was fetched from upstream and has not come yet. */
  private boolean awaiting;
  private Upstream state = Upstream.OPEN;
  private Throwable failure;
  /** Every fork was stopped or ended, so upstream was let go of: no fork can pull any more. */
  private boolean released;
  private Lag lag = Lag.WITHIN;

  Forker(Context context, ReadStream<T> source, long maxLag) {
    this.context = context;
    this.maxLag = maxLag;
    this.upstream = AdoptedStream.inner(context, source);
  }

  /**
   * Subscribes, once the first fork exists: consumes upstream at once, and sets the handlers on it
   * on the context (carried there when the forker is made off it).
   */
  void start() {
    BaseAiter.claim(upstream, "forker");
    Contexts.runOn(context, this::listen);
  }

  /**
   * Pauses upstream and sets the handlers on it. A pull made before (a fork asked while the
   * subscription was on its way here) was voided by the pause: it is made again.
   */
  private void listen() {
    if (released) {
      return; // every fork stopped before: upstream was let go of
    }
    upstream.pause();
    upstream.exceptionHandler(this::onFailure);
    upstream.endHandler(v -> onEnd());
    upstream.handler(this::onItem);
    if (awaiting) {
      upstream.fetch(1);
    }
  }

  Node<T> tail() {
    return tail;
  }

  void add(ForkStreamImpl<T> fork) {
    forks.add(fork);
  }

  /** A fork stopped or ended; with no fork left, nobody pulls, so let go of upstream. */
  void remove(ForkStreamImpl<T> fork) {
    forks.remove(fork);
    if (!forks.isEmpty()) {
      unblock(); // a fork that stops no longer counts
    } else {
      released = true;
      BaseAiter.release(upstream);
    }
  }

  /** An active fork at the tail wants an item: ask upstream for one unless one is on its way. */
  void pull() {
    if (!awaiting && state == Upstream.OPEN) {
      if (maxLag != UNBOUNDED && retained() >= maxLag) {
        lag = Lag.BLOCKED; // the next item would leave the slowest fork too far behind
        return;
      }
      awaiting = true;
      upstream.fetch(1);
    }
  }

  /** Whether forks may drift at most {@code maxLag} apart. */
  boolean isBounded() {
    return maxLag != UNBOUNDED;
  }

  /** A fork passed an item: if a pull waited for the slowest fork, try again. */
  void advanced() {
    unblock();
  }

  private void unblock() {
    if (lag == Lag.BLOCKED) {
      lag = Lag.WITHIN;
      signalForks();
    }
  }

  /** Upstream was let go of while it could still yield items: a new fork would wait for ever. */
  boolean isAbandoned() {
    return released && state == Upstream.OPEN;
  }

  boolean isEnded() {
    return state != Upstream.OPEN;
  }

  Throwable failure() {
    return failure;
  }

  /** The number of items the slowest live fork has not yet passed. */
  long retained() {
    long oldest = tail.index;
    for (ForkStreamImpl<T> fork : forks) {
      oldest = Math.min(oldest, fork.position());
    }
    return tail.index - oldest;
  }

  private void onItem(T item) {
    awaiting = false;
    Node<T> filled = tail;
    filled.item = item;
    filled.next = new Node<>(filled.index + 1);
    tail = filled.next;
    signalForks();
  }

  private void onEnd() {
    state = Upstream.ENDED;
    signalForks();
  }

  private void onFailure(Throwable cause) {
    state = Upstream.FAILED;
    failure = cause;
    signalForks();
  }

  private void signalForks() {
    for (ForkStreamImpl<T> fork : List.copyOf(forks)) {
      fork.signal();
    }
  }
}

package dev.aiter.impl;

import dev.aiter.Aiter;
import dev.aiter.SharableStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * {@code sharable}: several consumers drain one source. Consumers with demand queue up in turn;
 * each item pulled goes to exactly one of them, the first in line that still has demand. The
 * source is asked for one item at a time, only while some consumer waits. Buffers: the one item in
 * hand when nobody in line still wants it, and whatever more upstream delivers than the sharer
 * asked for (a handler that fetches on the source itself), in order, never dropped.
 *
 * <p>The sharer holds on to a consumer only while it has a data handler, as any source holds its
 * subscriber; one without (never given a handler, or it dropped it, or a {@code stoppable} over it
 * stopped) is held weakly: it still hears the end once it listens, and its maker can let it go.
 */
public final class SharableStreamImpl<T> implements SharableStream<T> {

  private enum Upstream { OPEN, ENDED, FAILED }

  private final Context context;
  private final ReadStream<T> upstream;
  /** Open consumers with a data handler. */
  private final Set<Consumer> consumers = new LinkedHashSet<>();
  /** Open consumers without one, held weakly so that a dropped one is garbage. */
  private final Set<Consumer> idle = Collections.newSetFromMap(new WeakHashMap<>());
  /** Consumers waiting for an item, in turn; each has a data handler. */
  private final ArrayDeque<Consumer> line = new ArrayDeque<>();
  /**
   * Items pulled that no consumer has taken yet, oldest first: the one that came when nobody in
   * line wanted it any more, and what upstream delivered beyond the one item asked for.
   */
  private final ArrayDeque<T> held = new ArrayDeque<>();
  /** One item was fetched and has not come yet. */
  private boolean awaiting;
  private Upstream state = Upstream.OPEN;
  private Throwable failure;

  public SharableStreamImpl(Context context, ReadStream<T> source) {
    this.context = context;
    this.upstream = AdoptedStream.on(context, source);
    BaseAiter.claim(upstream, "sharable");
    Contexts.runOn(context, this::listen);
  }

  /**
   * Pauses upstream and sets the handlers on it, on the context. A fetch made before (a consumer
   * asked while the subscription was on its way here) was voided by the pause: it is made again.
   */
  private void listen() {
    upstream.pause();
    upstream.exceptionHandler(this::onFailure);
    upstream.endHandler(v -> onEnd());
    upstream.handler(this::onItem);
    if (awaiting) {
      upstream.fetch(1);
    }
  }

  @Override
  public Aiter<T> consumer() {
    Consumer consumer = new Consumer();
    Contexts.runOn(context, consumer::register);
    return consumer;
  }

  /** How many consumers the sharer holds on to (those with a data handler); for tests, on the context. */
  public int consumerCount() {
    return consumers.size();
  }

  private void onItem(T item) {
    awaiting = false;
    if (state != Upstream.OPEN) {
      return;
    }
    if (item == null) {
      // A foreign source is checked where it is adopted; this guards every other way in.
      upstream.pause();
      onFailure(Args.nullItem());
      return;
    }
    held.add(item);
    serveLine();
  }

  /** Hands the items held to the consumers waiting in line, in turn, then asks for whoever still waits. */
  private void serveLine() {
    while (!held.isEmpty()) {
      Consumer taker = line.poll();
      if (taker == null) {
        break;
      }
      if (taker.wants()) {
        taker.give(held.poll()); // may re-enter: its handler may fetch, pause or drop out
      }
    }
    if (held.isEmpty() && state != Upstream.OPEN) {
      signalAll(); // the last item went out: every consumer can end now
    }
    askForTheLine();
  }

  /**
   * The item may have been asked for by a consumer further back in line: whoever still waits
   * needs an item of its own, or it would wait for ever.
   */
  private void askForTheLine() {
    while (!line.isEmpty() && !line.peek().wants()) {
      line.poll();
    }
    if (!line.isEmpty() && !awaiting && state == Upstream.OPEN) {
      awaiting = true;
      upstream.fetch(1);
    }
  }

  private void onEnd() {
    state = Upstream.ENDED;
    signalAll();
  }

  private void onFailure(Throwable cause) {
    state = Upstream.FAILED;
    failure = cause;
    signalAll();
  }

  private void signalAll() {
    List<Consumer> all = new ArrayList<>(consumers);
    all.addAll(idle);
    for (Consumer consumer : all) {
      consumer.signal();
    }
  }

  /** One consumer of the shared source. */
  private final class Consumer extends BaseAiter<T, Aiter<T>> {
    /** The item the sharer gave this consumer, not yet delivered. */
    private T given;

    Consumer() {
      super(SharableStreamImpl.this.context);
    }

    boolean wants() {
      return isOpen() && given == null && demand() > 0;
    }

    void give(T item) {
      given = item;
      drain();
    }

    void register() {
      file();
      signal();
    }

    void signal() {
      if (given == null && state != Upstream.OPEN && held.isEmpty()) {
        finish();
      }
      drain();
    }

    /** Held strongly while it has a data handler, weakly while it has none, not at all once closed. */
    private void file() {
      consumers.remove(this);
      idle.remove(this);
      if (isOpen()) {
        (hasHandler() ? consumers : idle).add(this);
      }
    }

    @Override
    protected void onHandlerChange(boolean present) {
      if (!present) {
        line.remove(this);
        if (given != null) {
          held.addFirst(given); // older than anything held: it was handed out first
          given = null;
        }
      }
      file();
      if (!present) {
        serveLine();
      }
    }

    @Override
    protected T poll() {
      T item = take();
      if (item != null || !isOpen()) {
        return item;
      }
      if (state != Upstream.OPEN) {
        finish();
        return null;
      }
      if (!line.contains(this)) {
        line.add(this);
      }
      if (!awaiting) {
        awaiting = true;
        upstream.fetch(1); // may give this consumer an item at once
        if (!canDeliverPolled()) {
          return null; // other handlers the fetch ran paused this consumer: what it got waits
        }
      }
      return take();
    }

    /** The item given to this consumer, else the oldest held that nobody took. */
    private T take() {
      T item = given;
      if (item != null) {
        given = null;
      } else {
        item = held.poll();
      }
      if (item != null && held.isEmpty() && state != Upstream.OPEN) {
        signalAll(); // that was the last item: every consumer can end now
      }
      return item;
    }

    @Override
    protected void onClose() {
      line.remove(this);
      file();
    }

    private void finish() {
      if (!isOpen()) {
        return; // finished already: a consumer made off the context may be signalled twice (filed
        // when its handler was set, then registered), and its failure must come once
      }
      if (state == Upstream.FAILED) {
        failWith(failure);
      } else {
        complete();
      }
    }
  }
}

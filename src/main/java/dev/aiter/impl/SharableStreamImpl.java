package dev.aiter.impl;

import dev.aiter.Aiter;
import dev.aiter.SharableStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sharable}: several consumers drain one source. Consumers with demand queue up in turn;
 * each item pulled goes to exactly one of them, the first in line that still has demand. The
 * source is asked for one item at a time, only while some consumer waits. Buffers: the one item in
 * hand when nobody in line still wants it.
 */
public final class SharableStreamImpl<T> implements SharableStream<T> {

  private enum Upstream { OPEN, ENDED, FAILED }

  private final Context context;
  private final ReadStream<T> upstream;
  private final List<Consumer> consumers = new ArrayList<>();
  /** Consumers waiting for an item, in turn. */
  private final ArrayDeque<Consumer> line = new ArrayDeque<>();
  /** An item pulled when no one in line wanted it any more. */
  private T inHand;
  /** One item was fetched and has not come yet. */
  private boolean awaiting;
  private Upstream state = Upstream.OPEN;
  private Throwable failure;

  public SharableStreamImpl(Context context, ReadStream<T> source) {
    this.context = context;
    this.upstream = AdoptedStream.on(context, source);
    upstream.pause();
    upstream.exceptionHandler(this::onFailure);
    upstream.endHandler(v -> onEnd());
    upstream.handler(this::onItem);
  }

  @Override
  public Aiter<T> consumer() {
    Consumer consumer = new Consumer();
    if (consumer.onContextNow()) {
      consumers.add(consumer);
      consumer.signal();
    } else {
      context.runOnContext(v -> {
        consumers.add(consumer);
        consumer.signal();
      });
    }
    return consumer;
  }

  private void onItem(T item) {
    awaiting = false;
    Consumer taker;
    while ((taker = line.poll()) != null) {
      if (taker.wants()) {
        taker.give(item);
        askForTheLine();
        return;
      }
    }
    inHand = item;
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
    for (Consumer consumer : List.copyOf(consumers)) {
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

    boolean onContextNow() {
      return isOnContext();
    }

    boolean wants() {
      return isOpen() && given == null && demand() > 0;
    }

    void give(T item) {
      given = item;
      drain();
    }

    void signal() {
      if (given == null && state != Upstream.OPEN && inHand == null) {
        finish();
      }
      drain();
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
      }
      return take();
    }

    /** The item given to this consumer, else the one in hand that nobody wanted. */
    private T take() {
      T item = given;
      if (item != null) {
        given = null;
      } else if (inHand != null) {
        item = inHand;
        inHand = null;
        if (state != Upstream.OPEN) {
          signalAll(); // that was the last item: every consumer can end now
        }
      }
      return item;
    }

    @Override
    protected void onClose() {
      consumers.remove(this);
      line.remove(this);
      if (consumers.isEmpty() && state == Upstream.OPEN) {
        // Nobody drains the source any more; it is not ours to close.
        upstream.pause();
      }
    }

    private void finish() {
      if (state == Upstream.FAILED) {
        failWith(failure);
      } else {
        complete();
      }
    }
  }
}

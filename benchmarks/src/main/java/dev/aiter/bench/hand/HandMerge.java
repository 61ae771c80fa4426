package dev.aiter.bench.hand;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * join by hand: every inner stream's items go to the consumer as they come; when the consumer's
 * demand runs out all inner streams are paused, and what they still deliver waits in a queue
 * (at most one item each from a source that honours pause at once). Ends when the outer stream
 * and every inner stream ended.
 */
public final class HandMerge<T> extends HandStage<T> {

  private final ReadStream<? extends ReadStream<? extends T>> outer;
  private final List<ReadStream<? extends T>> inners = new ArrayList<>();
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private int active;
  private boolean outerEnded;
  private boolean paused;

  public HandMerge(ReadStream<? extends ReadStream<? extends T>> outer) {
    this.outer = outer;
  }

  @Override
  protected void subscribe() {
    outer.exceptionHandler(this::fail);
    outer.endHandler(v -> {
      outerEnded = true;
      drain();
    });
    outer.handler(this::add);
  }

  private void add(ReadStream<? extends T> inner) {
    inners.add(inner);
    active++;
    inner.exceptionHandler(this::fail);
    inner.endHandler(v -> {
      active--;
      drain();
    });
    if (paused) {
      inner.pause();
    }
    inner.handler(this::onItem);
  }

  private void onItem(T item) {
    if (queue.isEmpty() && canEmit()) {
      deliver(item);
      if (demand == 0) {
        pauseAll();
      }
    } else {
      queue.add(item);
      pauseAll();
    }
  }

  @Override
  protected void pass() {
    while (!queue.isEmpty() && canEmit()) {
      deliver(queue.poll());
    }
    if (queue.isEmpty() && outerEnded && active == 0) {
      end();
    } else if (paused && canEmit()) {
      paused = false;
      // A resumed inner may use up the demand at once and pause them all: then stop resuming.
      for (int i = 0; i < inners.size() && !paused; i++) {
        inners.get(i).resume();
      }
    }
  }

  @Override
  protected void onPause() {
    pauseAll();
  }

  private void pauseAll() {
    if (!paused) {
      paused = true;
      for (ReadStream<? extends T> inner : inners) {
        inner.pause();
      }
    }
  }
}

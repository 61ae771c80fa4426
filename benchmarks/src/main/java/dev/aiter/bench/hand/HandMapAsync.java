package dev.aiter.bench.hand;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * mapAsync(workers) by hand: up to {@code workers} calls in flight or results waiting; results
 * go out in completion order; ends once upstream ended and every call completed.
 */
public final class HandMapAsync<T, R> extends HandStage<R> {

  private final ReadStream<T> upstream;
  private final Function<? super T, Future<R>> f;
  private final int workers;
  private final ArrayDeque<R> results = new ArrayDeque<>();
  /** Items fetched from upstream and not yet received. */
  private int asked;
  private int inFlight;
  private boolean upstreamEnded;

  public HandMapAsync(ReadStream<T> upstream, Function<? super T, Future<R>> f, int workers) {
    this.upstream = upstream;
    this.f = f;
    this.workers = workers;
  }

  @Override
  protected void subscribe() {
    upstream.pause();
    upstream.exceptionHandler(this::fail);
    upstream.endHandler(v -> {
      upstreamEnded = true;
      drain();
    });
    upstream.handler(x -> {
      asked--;
      inFlight++;
      Future<R> call;
      try {
        call = f.apply(x);
      } catch (Throwable t) {
        fail(t);
        return;
      }
      call.onComplete(onResult);
    });
  }

  /** One handler for every call, so that a call costs no allocation of its own here. */
  private final Handler<AsyncResult<R>> onResult = result -> {
    inFlight--;
    if (result.succeeded()) {
      results.add(result.result());
      drain();
    } else {
      fail(result.cause());
    }
  };

  @Override
  protected void pass() {
    while (!results.isEmpty() && canEmit()) {
      deliver(results.poll());
    }
    if (upstreamEnded) {
      if (inFlight == 0 && results.isEmpty()) {
        end();
      }
      return;
    }
    if (!canEmit()) {
      return;
    }
    int free = workers - asked - inFlight - results.size();
    if (free > 0) {
      asked += free;
      upstream.fetch(free);
    }
  }
}

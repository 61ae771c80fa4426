package dev.aiter.bench.hand;

import io.vertx.core.streams.ReadStream;
import java.util.Iterator;

/** flatten by hand: one element per unit of demand; the next iterable is fetched when one is used up. */
public final class HandFlatten<T> extends HandStage<T> {

  private final ReadStream<? extends Iterable<? extends T>> upstream;
  private Iterator<? extends T> current;
  private boolean asked;
  private boolean upstreamEnded;

  public HandFlatten(ReadStream<? extends Iterable<? extends T>> upstream) {
    this.upstream = upstream;
  }

  @Override
  protected void subscribe() {
    upstream.pause();
    upstream.exceptionHandler(this::fail);
    upstream.endHandler(v -> {
      upstreamEnded = true;
      drain();
    });
    upstream.handler(iterable -> {
      asked = false;
      current = iterable.iterator();
      drain();
    });
  }

  @Override
  protected void pass() {
    for (;;) {
      if (current != null && current.hasNext()) {
        if (!canEmit()) {
          return;
        }
        deliver(current.next());
        continue;
      }
      current = null;
      if (upstreamEnded) {
        end();
        return;
      }
      if (asked || !canEmit()) {
        return;
      }
      asked = true;
      upstream.fetch(1); // a synchronous upstream sets current before this returns
    }
  }
}

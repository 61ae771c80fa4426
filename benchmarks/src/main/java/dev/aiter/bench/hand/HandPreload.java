package dev.aiter.bench.hand;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * preload(n) by hand: nothing is fetched before the consumer first asks; from then on upstream is
 * asked for the consumer's demand plus {@code n} ahead, minus what is buffered or on its way, and
 * refilled by one for each item delivered, as API.md's preload is (so the buffer stays full while
 * the consumer takes from it, instead of emptying before it is refilled in one batch).
 */
public final class HandPreload<T> extends HandStage<T> {

  private final ReadStream<T> upstream;
  private final int ahead;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  /** Fetched from upstream and not yet received. */
  private long outstanding;
  private boolean started;
  /** Upstream was resumed for a flowing consumer. */
  private boolean upstreamFlowing;
  private boolean upstreamEnded;

  public HandPreload(ReadStream<T> upstream, int ahead) {
    this.upstream = upstream;
    this.ahead = ahead;
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
      outstanding--;
      buffer.add(x);
      drain();
    });
  }

  @Override
  protected void onPause() {
    if (upstreamFlowing) {
      upstreamFlowing = false;
      upstream.pause();
      outstanding = 0;
    }
  }

  @Override
  protected void pass() {
    while (!buffer.isEmpty() && canEmit()) {
      deliver(buffer.poll());
      if (started && !upstreamEnded && demand != Long.MAX_VALUE) {
        topUp();
      }
    }
    if (upstreamEnded) {
      if (buffer.isEmpty()) {
        end();
      }
      return;
    }
    if (!canEmit() && !started) {
      return;
    }
    started = true;
    if (demand == Long.MAX_VALUE) {
      if (!upstreamFlowing) {
        upstreamFlowing = true;
        upstream.resume();
      }
      return;
    }
    topUp();
  }

  private void topUp() {
    long want = demand + ahead - buffer.size() - outstanding;
    if (want > 0) {
      outstanding += want;
      upstream.fetch(want);
    }
  }
}

package dev.aiter.impl;

import dev.aiter.PushStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code active}: drains a source eagerly, from creation, into a {@link PushStream}; the source's
 * end and failure carry through. Stopping the push stream lets go of the source. Buffers: without
 * bound.
 */
public final class Active {

  private Active() {
  }

  public static <T> PushStream<T> start(Context context, ReadStream<T> source) {
    PushStreamImpl<T> push = new PushStreamImpl<>(context);
    ReadStream<T> upstream = AdoptedStream.on(context, source);
    BaseAiter.claim(upstream, "active");
    Runnable release = () -> BaseAiter.release(upstream);
    push.onInputClosed(release); // the consumer stopped the push stream, or the source ended
    upstream.exceptionHandler(cause -> {
      if (!push.isStopped()) {
        push.fail(cause);
      }
    });
    upstream.endHandler(v -> push.stop());
    upstream.handler(item -> {
      if (push.isStopped()) {
        release.run(); // stopped on another thread, the release not yet run here
      } else {
        push.push(item);
      }
    });
    upstream.resume();
    return push;
  }
}

package dev.aiter.impl;

import dev.aiter.PushStream;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;

/**
 * {@code active}: drains a source eagerly, from creation, into a {@link PushStream}; the source's
 * end and failure carry through. Stopping the push stream, or its consumer letting go of it
 * ({@code first}), lets go of the source. Buffers: without bound.
 */
public final class Active {

  private Active() {
  }

  public static <T> PushStream<T> start(Context context, ReadStream<T> source) {
    PushStreamImpl<T> push = new PushStreamImpl<>(context);
    ReadStream<T> upstream = AdoptedStream.inner(context, source);
    BaseAiter.claim(upstream, "active");
    // Run once: the push stream was stopped or failed, the source ended or failed, or the
    // consumer let go of the push stream.
    push.onInputClosed(() -> BaseAiter.release(upstream));
    upstream.exceptionHandler(cause -> {
      if (!push.isStopped()) {
        push.fail(cause);
      }
    });
    upstream.endHandler(v -> push.stop());
    upstream.handler(push::pushFromSource); // after a stop from another thread too: never lost
    upstream.resume();
    return push;
  }
}

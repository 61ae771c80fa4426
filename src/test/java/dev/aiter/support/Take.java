package dev.aiter.support;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * aiter's test idiom {@code take(s, n)}: consume exactly {@code n} items and stop consuming, the
 * stream staying usable, so the next take continues where this one stopped; and {@code take(s)}:
 * consume to the end.
 */
public final class Take {

  private Take() {
  }

  /** The next {@code n} items of {@code stream}; demand is exactly {@code n}. */
  public static <T> List<T> take(TestContext tc, ReadStream<T> stream, int n) {
    List<T> taken = new ArrayList<>();
    CompletableFuture<List<T>> done = new CompletableFuture<>();
    tc.run(() -> {
      stream.pause();
      stream.exceptionHandler(done::completeExceptionally);
      stream.endHandler(v -> done.completeExceptionally(
          new AssertionError("ended after " + taken.size() + " of " + n + " items: " + taken)));
      stream.handler(item -> {
        taken.add(item);
        if (taken.size() == n) {
          // Let go of the end: it is held for the next take, as aiter's iterator would hold it.
          stream.endHandler(null);
          done.complete(taken);
        }
      });
      if (n == 0) {
        done.complete(taken);
      } else {
        stream.fetch(n);
      }
    });
    return TestContext.await(done);
  }

  /** Every remaining item of {@code stream}, once it has ended. */
  public static <T> List<T> takeAll(TestContext tc, ReadStream<T> stream) {
    List<T> taken = new ArrayList<>();
    CompletableFuture<List<T>> done = new CompletableFuture<>();
    tc.run(() -> {
      stream.pause();
      stream.exceptionHandler(done::completeExceptionally);
      stream.endHandler(v -> done.complete(taken));
      stream.handler(taken::add);
      stream.resume();
    });
    return TestContext.await(done);
  }
}

package dev.aiter.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The seed tests' {@code take(s, n)} and {@code take(s)}: consume exactly {@code n} items (the
 * stream stays usable and the next take goes on where this one stopped), or everything to the end.
 * Call them from the test thread, not from the context.
 */
public final class Take {

  private Take() {
  }

  /**
   * Pauses {@code stream}, fetches exactly {@code n} and returns the {@code n} items it delivers;
   * then settles the context and checks that no more came. The end is left to a later take: no end
   * handler is set, so an end reached meanwhile is held (contract 6).
   */
  public static <T> List<T> take(TestContext tc, ReadStream<T> stream, int n) {
    List<T> got = new ArrayList<>();
    CompletableFuture<List<T>> done = new CompletableFuture<>();
    tc.run(() -> {
      stream.pause();
      stream.exceptionHandler(done::completeExceptionally);
      stream.handler(item -> {
        got.add(item);
        if (got.size() == n) {
          done.complete(List.copyOf(got));
        }
      });
      stream.fetch(n);
    });
    List<T> items = TestContext.await(done);
    tc.settle();
    tc.run(() -> assertEquals(n, got.size(), "take(" + n + ") delivered more than fetched: " + got));
    return items;
  }

  /** Resumes {@code stream} and returns every item up to its end; a failure is rethrown. */
  public static <T> List<T> takeAll(TestContext tc, ReadStream<T> stream) {
    List<T> got = new ArrayList<>();
    CompletableFuture<List<T>> done = new CompletableFuture<>();
    tc.run(() -> {
      stream.exceptionHandler(done::completeExceptionally);
      stream.endHandler(v -> done.complete(List.copyOf(got)));
      stream.handler(got::add);
      stream.resume();
    });
    return TestContext.await(done);
  }
}

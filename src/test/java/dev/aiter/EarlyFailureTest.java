package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A stream that fails while it is being made (before its caller could set any handler) must still
 * be heard by the handlers set in the same task, as a Vert.x user sets them; else a pipe set up
 * right after never completes. Found while building fromPublisher (which defers what its
 * publisher signals inside subscribe for this reason).
 */
class EarlyFailureTest {

  private static TestContext tc;

  @BeforeAll
  static void start() {
    tc = new TestContext();
  }

  @AfterAll
  static void stop() {
    tc.close();
  }

  private static Iterator<Integer> failingAtOnce(RuntimeException cause) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw cause;
      }

      @Override
      public Integer next() {
        throw cause;
      }
    };
  }

  @Test
  @Disabled("core bug: IteratorStream fails inside its constructor, and BaseAiter sends a failure that"
      + " finds no exception handler to the context at once; see the flow branch report")
  void anIteratorThatFailsAtOnceIsHeardByTheExceptionHandlerSetInTheSameTask() {
    RuntimeException cause = new RuntimeException("cursor failed to open");
    List<Throwable> failures = new ArrayList<>();
    tc.run(() -> Aiter.fromIterator(tc.context, failingAtOnce(cause)).exceptionHandler(failures::add));
    tc.settle();
    tc.run(() -> assertEquals(List.of(cause), failures));
  }

  @Test
  @Disabled("core bug: as above; the pipe's future never completes")
  void aPipeFromAnIteratorThatFailsAtOnceFails() {
    RuntimeException cause = new RuntimeException("cursor failed to open");
    CompletableFuture<Throwable> pipeFailure = new CompletableFuture<>();
    tc.run(() -> {
      Future<Void> piped = Aiter.fromIterator(tc.context, failingAtOnce(cause)).pipeTo(PushStream.create(tc.context));
      piped.onComplete(ar -> pipeFailure.complete(ar.cause()));
    });
    assertSame(cause, TestContext.await(pipeFailure));
  }
}

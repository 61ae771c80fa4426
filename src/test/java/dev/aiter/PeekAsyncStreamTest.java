package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.Items;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code peekAsync}: an asynchronous side effect per item, the item itself passed on once its
 * future succeeded, at most {@code workers} calls at once, in completion order.
 */
class PeekAsyncStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  /** Calls made and not yet completed, by item, in the order they were made; on the context. */
  private final Map<Integer, Promise<Void>> calls = new LinkedHashMap<>();

  /** A side effect that completes only when the test says so. */
  private Future<Void> held(Integer item) {
    Promise<Void> call = Promise.promise();
    calls.put(item, call);
    return call.future();
  }

  @Test
  void itemsGoOnInTheOrderTheirFuturesComplete() {
    PushStream<Integer> source = Sources.pushed(tc, Items.range(1, 4), null);
    Aiter<Integer> peeked = tc.call(() -> source.peekAsync(this::held, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(peeked));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3, 4), List.copyOf(calls.keySet()), "four calls at once, made in source order");
      assertEquals(List.of(), probe.items, "nothing goes on before its call completed");
      calls.get(3).complete();
      calls.get(1).complete();
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(3, 1), probe.items);
      calls.get(4).complete();
      calls.get(2).complete();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(3, 1, 4, 2), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void oneWorkerKeepsSourceOrder() {
    PushStream<Integer> source = Sources.pushed(tc, Items.range(0, 29), null);
    // Later items would finish first if they ran at once: the delays fall and rise.
    Aiter<Integer> peeked = tc.call(() -> source.peekAsync(x -> tc.vertx.timer(1 + (x * 7) % 5), 1));
    assertEquals(Items.range(0, 29), takeAll(tc, peeked));
  }

  @Test
  void theItemGoesOnWhateverTheFuturesValue() {
    List<String> saved = new ArrayList<>();
    Function<String, Future<Void>> save = line -> tc.vertx.timer(1).map(fired -> {
      saved.add(line);
      return null; // a Future<Void> completes with null: the item still goes on
    });
    PushStream<String> lines = Sources.pushed(tc, List.of("a", "b", "c"), null);
    Aiter<String> stored = tc.call(() -> lines.peekAsync(save, 1));
    assertEquals(List.of("a", "b", "c"), takeAll(tc, stored));
    assertEquals(List.of("a", "b", "c"), tc.call(() -> List.copyOf(saved)), "each saved before it went on");

    PushStream<String> words = Sources.pushed(tc, List.of("x", "yy"), null);
    Aiter<String> measured = tc.call(() -> words.peekAsync(w -> Future.succeededFuture(w.length()), 2));
    assertEquals(List.of("x", "yy"), takeAll(tc, measured), "the item, not the future's value");
  }

  @Test
  void neverMoreThanWorkersCallsInFlightNorItemsTakenBeyondThem() {
    int workers = 3;
    Sources.CountingIterator<Integer> source = Sources.counting(Items.range(1, 10), null);
    Aiter<Integer> peeked = tc.call(() -> Aiter.fromIterator(tc.context, source).peekAsync(this::held, workers));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      peeked.pause();
      probe.attach(peeked);
      peeked.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(workers, calls.size(), "calls start ahead of demand, up to workers");
      assertEquals(workers, source.taken(), "taken from the source: the calls in flight");
      calls.remove(1).complete();
      calls.remove(2).complete(); // held: the consumer asked for one item only
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(List.of(3, 4), List.copyOf(calls.keySet()), "item 2 waits in hand and counts against workers");
      assertEquals(workers + 1, source.taken(), "one delivered, two in flight, one held");
      peeked.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      // Item 2 counted against workers until it was delivered; once the consumer has it, call 5
      // takes its place: workers calls in flight again, nothing held.
      assertEquals(List.of(3, 4, 5), List.copyOf(calls.keySet()));
      assertEquals(workers + 2, source.taken());
      peeked.resume();
    });
    for (int item = 3; item <= 10; item++) {
      int next = item;
      tc.run(() -> {
        assertTrue(calls.size() <= workers, "calls in flight: " + calls.size());
        calls.remove(next).complete();
      });
    }
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, 10), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aFailedFutureFailsTheStreamInItsPlace() {
    RuntimeException cause = new RuntimeException("save failed");
    PushStream<Integer> source = Sources.pushed(tc, Items.range(1, 6), null);
    Aiter<Integer> peeked = tc.call(() -> source.peekAsync(this::held, 3));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      peeked.pause();
      probe.attach(peeked);
      peeked.fetch(1); // starts the calls; the consumer then takes one item at a time
    });
    tc.settle();
    tc.run(() -> {
      calls.get(1).complete();
      calls.get(2).complete();
      calls.get(3).fail(cause);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(List.of(), probe.failures, "item 2 came before the failure and waits for demand");
      peeked.fetch(1);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size(), "then the failure, once");
      assertSame(cause, probe.failures.get(0));
      assertEquals(0, probe.ends);
      // 1 delivered, 2 held, 3 failed, 4 in flight: the last two were never taken.
      assertEquals(2, source.size(), "upstream is no longer pulled after the failure");
      calls.get(4).complete(); // a call that was in flight completes late: nothing more goes on
      peeked.fetch(5);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(1, probe.failures.size());
    });
  }

  @Test
  void aThrowingFunctionOrANullFutureFailsTheStreamNamingIt() {
    RuntimeException cause = new RuntimeException("function threw");
    Probe<Integer> threw = run(x -> {
      if (x == 2) {
        throw cause;
      }
      return Future.succeededFuture();
    });
    tc.run(() -> {
      assertEquals(List.of(1), threw.items);
      assertEquals(List.of(cause), threw.failures);
    });

    Probe<Integer> nullFuture = run(x -> x == 2 ? null : Future.succeededFuture());
    tc.run(() -> {
      assertEquals(List.of(1), nullFuture.items);
      assertEquals(1, nullFuture.failures.size());
      String message = nullFuture.failures.get(0).getMessage();
      assertTrue(message.contains("peekAsync") && message.contains("null future"), message);
    });
  }

  private Probe<Integer> run(Function<Integer, Future<?>> f) {
    PushStream<Integer> source = Sources.pushed(tc, Items.range(1, 3), null);
    Aiter<Integer> peeked = tc.call(() -> source.peekAsync(f, 1));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(peeked));
    probe.awaitTerminal();
    tc.settle();
    return probe;
  }

  @Test
  void futuresCompletedOnAnotherThreadAreCarriedOntoTheContext() {
    PushStream<Integer> source = Sources.pushed(tc, Items.range(1, 20), null);
    Aiter<Integer> peeked = tc.call(() -> source.peekAsync(x -> {
      Promise<Void> call = Promise.promise();
      new Thread(call::complete, "completer-" + x).start();
      return call.future();
    }, 4));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(peeked));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, 20), probe.items.stream().sorted().toList());
      probe.assertEndedOnce();
    });
  }

  /**
   * Items a source on another thread sent before the stream failed, carried onto the context
   * behind the failing one, are not handed to the function: the stream has let go of them.
   */
  @Test
  void itemsCarriedInAfterTheFailureAreNotCalledOn() {
    RuntimeException cause = new RuntimeException("save failed");
    FakeStream<Integer> fake = new FakeStream<>();
    List<Integer> called = new ArrayList<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.peekAsync(fake, x -> {
      called.add(x);
      return x == 1 ? Future.failedFuture(cause) : Future.succeededFuture();
    }, 2)));
    tc.run(() -> ForeignThreads.run(() -> {
      fake.emit(1); // both carried onto the context, behind this task
      fake.emit(2);
    }));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), called);
      assertEquals(List.of(cause), probe.failures);
      assertEquals(List.of(), probe.items);
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    PushStream<Integer> source = PushStream.create(tc.context);
    assertRejected(IllegalArgumentException.class, "workers", () -> source.peekAsync(x -> Future.succeededFuture(), 0));
    assertRejected(IllegalArgumentException.class, "workers", () -> Aiter.peekAsync(source, x -> Future.succeededFuture(), -1));
    assertRejected(NullPointerException.class, "f", () -> source.peekAsync(null, 1));
    assertRejected(NullPointerException.class, "source", () -> Aiter.peekAsync(null, x -> Future.succeededFuture(), 1));
  }
}

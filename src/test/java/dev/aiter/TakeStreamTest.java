package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.take;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;

/** {@code take(n)}: the first n, the end, and never asking upstream for more than n in all. */
class TakeStreamTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void theFirstNItemsThenTheEnd() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 100), null);
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterator(tc.context, source).take(5));
    assertEquals(range(1, 5), takeAll(tc, first));
    assertEquals(5, tc.call(source::taken), "no element beyond the fifth taken");
  }

  @Test
  void aFlowingConsumerAsksUpstreamForExactlyNAndUpstreamIsLetGoOf() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> taken = tc.call(() -> Aiter.of(tc.context, fake).take(3));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(taken));
    tc.settle();
    assertEquals(List.of(3L), fake.fetches(), "flowing, but n asked, not Long.MAX_VALUE");
    tc.run(() -> {
      fake.emit(1);
      fake.emit(2);
      fake.emit(3);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals("pause", fake.calls().get(fake.calls().size() - 1), "stops pulling at the nth item");
    tc.run(() -> fake.emit(4)); // a source that ignores the pause: nobody listens any more
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3), probe.items));
  }

  @Test
  void receivedPlusAskedNeverExceedsNWhateverTheConsumerDoes() {
    int n = 7;
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> taken = tc.call(() -> Aiter.of(tc.context, fake).take(n));
    Probe<Integer> probe = new Probe<>(tc);
    int[] emitted = {0};
    long[] worst = {0};
    Runnable look = () -> worst[0] = Math.max(worst[0], emitted[0] + fake.demand());
    tc.run(() -> {
      taken.pause();
      probe.attach(taken);
      taken.fetch(2);
      look.run();
      fake.emit(++emitted[0]);
      taken.fetch(100);
      look.run();
      fake.emit(++emitted[0]);
      taken.pause();
      look.run();
      taken.resume();
      look.run();
      fake.emit(++emitted[0]);
      taken.fetch(Long.MAX_VALUE);
      look.run();
      while (emitted[0] < n) {
        fake.emit(++emitted[0]);
        look.run();
      }
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(1, n), probe.items);
      probe.assertEndedOnce();
      assertTrue(worst[0] <= n, "received plus asked reached " + worst[0]);
    });
    long askedSincePause = fake.fetches().stream().skip(2).mapToLong(Long::longValue).sum();
    assertEquals(List.of(2L, 5L), fake.fetches().subList(0, 2), "fetch(100) asks only for the 5 left");
    assertEquals(n - 2, askedSincePause, "after the pause, exactly the items still due");
  }

  @Test
  void pacedByFetchOneItAsksOneAtATime() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(1, 10), null);
    Aiter<Integer> taken = tc.call(() -> Aiter.fromIterator(tc.context, source).take(4));
    assertEquals(List.of(1, 2), take(tc, taken, 2));
    assertEquals(2, tc.call(source::taken));
    assertEquals(List.of(3, 4), takeAll(tc, taken));
    assertEquals(4, tc.call(source::taken));
  }

  @Test
  void takeZeroEndsWithoutTouchingUpstream() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(tc.context, fake));
    List<String> before = fake.calls();
    Aiter<Integer> none = tc.call(() -> adopted.take(0));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(none));
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    assertEquals(before, fake.calls(), "nothing asked of upstream");
  }

  @Test
  void aShorterSourceEndsItEarlyAndAFailureComesInPlace() {
    assertEquals(List.of(1, 2), takeAll(tc, tc.call(() -> Sources.pushed(tc, List.of(1, 2), null).take(5))));
    RuntimeException cause = new RuntimeException("source");
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Sources.pushed(tc, List.of(1, 2), cause).take(5)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2), probe.items);
      assertEquals(List.of(cause), probe.failures);
    });
  }

  @Test
  void theEndWaitsBehindTheLastItemForDemand() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> taken = tc.call(() -> Aiter.of(tc.context, fake).take(1));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      taken.pause();
      probe.attach(taken);
      taken.fetch(1);
      taken.pause();
      fake.emit(1); // after a pause upstream had not seen: held, with the end behind it
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(0, probe.ends);
      taken.fetch(1);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "n", () -> source.take(-1));
  }

  /**
   * A take that ended and let go of its source (its end still held, no end handler yet) no longer
   * touches it: its pause() and handler(null) do not pause the source for its next consumer.
   */
  @Test
  void aTakeThatLetGoOfItsSourceNoLongerPausesIt() {
    PushStream<Integer> source = PushStream.create(tc.context);
    Aiter<Integer> taken = tc.call(() -> source.take(1));
    List<Integer> rest = new ArrayList<>();
    tc.run(() -> taken.handler(x -> { }));
    source.push(1);
    tc.settle();
    tc.run(() -> {
      source.handler(rest::add);
      source.resume();
    });
    tc.run(taken::pause);
    tc.run(() -> taken.handler(null));
    source.push(2);
    tc.settle();
    tc.run(() -> assertEquals(List.of(2), rest));
  }

  /** take(0) never reads its source: its pause() leaves alone the source another consumer reads. */
  @Test
  void takeZeroNeverPausesItsSource() {
    PushStream<Integer> source = PushStream.create(tc.context);
    List<Integer> seen = new ArrayList<>();
    tc.run(() -> {
      Aiter<Integer> none = source.take(0);
      source.handler(seen::add);
      source.resume();
      none.pause();
      none.handler(null);
    });
    source.push(5);
    tc.settle();
    tc.run(() -> assertEquals(List.of(5), seen));
  }
}

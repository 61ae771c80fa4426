package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static dev.aiter.support.Items.range;
import static dev.aiter.support.Take.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** {@code merge} (join over the sources given): arrival order, each source's order, one item per source. */
class MergeTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  @Test
  void itemsComeAsTheyArriveAndEachSourceKeepsItsOrder() {
    PushStream<Integer> a = PushStream.create(tc.context);
    PushStream<Integer> b = PushStream.create(tc.context);
    Aiter<Integer> merged = tc.call(() -> Aiter.merge(a, b));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(merged));
    b.push(10);
    tc.settle();
    a.push(1);
    tc.settle();
    b.push(11, 12);
    a.push(2);
    a.stop();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 1), probe.items.subList(0, 2), "in the order they arrived");
      assertEquals(List.of(1, 2), probe.items.stream().filter(x -> x < 10).toList());
      assertEquals(0, probe.ends, "b has not ended");
    });
    b.stop();
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 11, 12), probe.items.stream().filter(x -> x >= 10).toList());
      probe.assertEndedOnce();
    });
  }

  /**
   * Sources that are not ours and deliver on another thread (a socket's parser of another event
   * loop, say), where a pause comes late: while there is demand each is asked one item at a time;
   * once the demand ran out none is asked again (one with nothing asked is paused; one with an
   * item asked is left to send it), so at most one item per source is ever held.
   */
  @Test
  void sourcesDeliveringElsewhereAreAskedOneItemAtATimeWhileThereIsDemand() {
    FakeStream<Integer> a = new FakeStream<>();
    FakeStream<Integer> b = new FakeStream<>();
    Aiter<Integer> merged = tc.call(() -> Aiter.merge(List.of(a, b)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      merged.pause();
      probe.attach(merged);
    });
    tc.settle();
    assertEquals("pause", last(a), "nothing is pulled before the consumer asks");
    assertEquals("none", last(b), "one source is taken ahead of demand, not more");
    tc.run(() -> merged.fetch(2));
    tc.settle();
    assertEquals(1, fetches(a), "demand lets every source flow, one item at a time");
    assertEquals(1, fetches(b));
    ForeignThreads.run(() -> a.emit(1));
    tc.settle();
    assertEquals(2, fetches(a), "demand is left: a is asked for its next item");
    ForeignThreads.run(() -> b.emit(10));
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 10), probe.items));
    assertEquals(2, fetches(a), "the demand ran out: nothing more is asked");
    assertEquals(1, fetches(b));
    assertEquals("fetch(1)", last(a), "a's item asked is still owed: a is not paused");
    assertEquals("pause", last(b), "b has nothing asked: paused");

    // The item a was asked for comes after the demand ran out; b sends one it was not asked for.
    ForeignThreads.run(() -> {
      a.emit(2);
      b.emit(11);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 10), probe.items, "held until demand returns");
      merged.fetch(3);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 10, 2, 11), probe.items, "held items first, in the order they came"));
    assertEquals(3, fetches(a), "one unit of demand is left: the sources flow again");
    assertEquals(2, fetches(b));
    assertEquals("fetch(1)", last(a));
    assertEquals("fetch(1)", last(b));
  }

  /**
   * A source that is not ours but delivers on the merge's context (a socket of its event loop)
   * is asked for one item, and once that came here it flows on resume() while there is demand,
   * and is paused when the demand runs out: a pause reaches it at once.
   */
  @Test
  void aSourceDeliveringHereFlowsOnceItDeliveredHere() {
    FakeStream<Integer> a = new FakeStream<>();
    Aiter<Integer> merged = tc.call(() -> Aiter.merge(List.of(a)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      merged.pause();
      probe.attach(merged);
      merged.fetch(3);
    });
    tc.settle();
    assertEquals("fetch(1)", last(a), "where it delivers is not known yet: one item is asked");
    tc.run(() -> a.emit(1));
    tc.settle();
    assertEquals("resume", last(a), "it delivered here: it flows");
    tc.run(() -> {
      a.emit(2);
      a.emit(3);
    });
    tc.settle();
    tc.run(() -> assertEquals(List.of(1, 2, 3), probe.items));
    assertEquals("pause", last(a), "the demand ran out: paused");
  }

  /**
   * A source's item on its way (from another thread) when the consumer pauses and asks again in
   * one task is the answer to the ask already made, not to a new one: the source is never asked
   * for more than one item at a time, and the merge never holds two of its items (found in review:
   * each such pause and fetch left one more ask open).
   */
  @Test
  void anItemOnItsWayAtAPauseAnswersTheAskAlreadyMade() {
    FakeStream<Integer> a = new FakeStream<>();
    Aiter<Integer> merged = tc.call(() -> Aiter.merge(List.of(a)));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      merged.pause();
      probe.attach(merged);
      merged.fetch(1);
    });
    tc.settle();
    for (int i = 1; i <= 3; i++) {
      int item = i;
      tc.run(() -> {
        ForeignThreads.run(() -> a.emit(item)); // carried here behind this task
        merged.pause();
        merged.fetch(2);
      });
      tc.settle();
      tc.run(() -> assertEquals(item, probe.items.size()));
      assertEquals(item + 1, fetches(a), "one ask per item delivered, plus the one open");
      assertTrue(a.demand() <= 1, "asks open at once: " + a.demand());
    }
  }

  @Test
  void aFailureFailsTheStreamAndStopsPullingTheOtherSources() {
    RuntimeException cause = new RuntimeException("a");
    PushStream<Integer> a = PushStream.create(tc.context);
    FakeStream<Integer> b = new FakeStream<>();
    Aiter<Integer> merged = tc.call(() -> Aiter.merge(a, b));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(merged));
    a.push(1);
    tc.settle();
    assertEquals("fetch(1)", last(b), "b is being pulled");
    a.fail(cause);
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      assertEquals(1, probe.failures.size());
      assertSame(cause, probe.failures.get(0));
    });
    assertEquals("pause", last(b), "b no longer pulled");
  }

  private static long fetches(FakeStream<?> stream) {
    return stream.calls().stream().filter("fetch(1)"::equals).count();
  }

  private static String last(FakeStream<?> stream) {
    List<String> calls = stream.calls();
    return calls.isEmpty() ? "none" : calls.get(calls.size() - 1);
  }

  @Test
  void mergeWithMergesAnother() {
    Aiter<Integer> merged = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)).mergeWith(Sources.pushed(tc, range(4, 6), null)));
    assertEquals(range(1, 6), takeAll(tc, merged).stream().sorted().toList());
  }

  /** As concat and zip: the sources are consumed when the merge is made, all of them or none. */
  @Test
  void everySourceIsConsumedAtOnceAndAMergeThatCannotBeMadeConsumesNone() {
    Aiter<Integer> first = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 2)));
    Aiter<Integer> later = tc.call(() -> Aiter.fromIterable(tc.context, range(3, 4)));
    Aiter<Integer> all = tc.call(() -> Aiter.merge(first, later));
    IllegalStateException second = assertThrows(IllegalStateException.class, () -> later.map(x -> x));
    assertTrue(second.getMessage().contains("already consumed by merge"), second.getMessage());

    Aiter<Integer> free = tc.call(() -> Aiter.fromIterable(tc.context, range(5, 6)));
    Aiter<Integer> taken = tc.call(() -> Aiter.fromIterable(tc.context, range(7, 8)));
    Aiter<Integer> mapped = tc.call(() -> taken.map(x -> x));
    assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.merge(free, taken)));
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> tc.call(() -> Aiter.merge(free, free)));
    assertTrue(twice.getMessage().contains("already consumed by merge"), twice.getMessage());
    assertEquals(range(1, 4), takeAll(tc, all).stream().sorted().toList());
    assertEquals(range(5, 6), takeAll(tc, tc.call(() -> free.map(x -> x))), "consumed by neither merge that failed");
    assertEquals(range(7, 8), takeAll(tc, mapped));
  }

  /**
   * A stream of another library has no claim to catch it given twice: the second subscription
   * would take the first one's handlers and the merge would never end. Refused at once, as for
   * concat and zip.
   */
  @Test
  void aStreamOfAnotherLibraryGivenTwiceIsRefusedAtOnce() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> ours = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 2)));
    Map<String, Executable> attempts = Map.of(
        "merge", () -> tc.call(() -> Aiter.merge(ours, fake, fake)),
        "concat", () -> tc.call(() -> Aiter.concat(ours, fake, fake)),
        "zip", () -> tc.call(() -> Aiter.zip(ours, fake, fake)));
    attempts.forEach((operator, attempt) -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, attempt, operator);
      assertTrue(e.getMessage().contains("sources[2] is sources[1] again; " + operator + " cannot consume"), e.getMessage());
    });
    assertEquals(List.of(), fake.calls(), "not touched");
    assertEquals(range(1, 2), takeAll(tc, tc.call(() -> ours.map(x -> x))), "consumed by none of them");
  }

  /** The sources a failed merge never reached are free again, untouched: they flow for the next consumer. */
  @Test
  void theSourcesNotReachedAreFreeAgainAfterAFailure() {
    RuntimeException cause = new RuntimeException("first");
    Aiter<Integer> later = tc.call(() -> Aiter.fromIterable(tc.context, range(1, 3)));
    Aiter<Integer> all = tc.call(() -> Aiter.merge(Sources.pushed(tc, List.<Integer>of(), cause), later));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(all));
    probe.awaitTerminal();
    tc.run(() -> assertEquals(List.of(cause), probe.failures));
    assertEquals(range(2, 4), takeAll(tc, tc.call(() -> later.map(x -> x + 1))));
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> source = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(IllegalArgumentException.class, "sources", () -> Aiter.merge(List.<ReadStream<Integer>>of()));
    assertRejected(NullPointerException.class, "sources[0]", () -> Aiter.merge(null, source));
    assertRejected(NullPointerException.class, "other", () -> source.mergeWith(null));
  }
}

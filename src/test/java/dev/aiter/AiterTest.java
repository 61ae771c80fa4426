package dev.aiter;

import static dev.aiter.support.BadInput.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.PlainStream;
import dev.aiter.support.Probe;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aiter.of: adopting any Vert.x stream, demand passed through exactly, signals carried home. */
class AiterTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();
  private static TestContext worker;

  /** A new event-loop context of the test's Vert.x on another thread than the test context's. */
  private static Context otherEventLoopContext() {
    Thread home = tc.call(Thread::currentThread);
    for (int i = 0; i < 16; i++) {
      // A thread off any context keeps one context for itself, so each try asks from a new one.
      Context[] made = new Context[1];
      ForeignThreads.run(() -> made[0] = tc.vertx.getOrCreateContext());
      Context other = made[0];
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      other.runOnContext(v -> thread.complete(Thread.currentThread()));
      if (TestContext.await(thread) != home) {
        return other;
      }
    }
    throw new AssertionError("no event loop other than the test context's");
  }

  @Test
  void anAiterIsReturnedUnchanged() {
    PushStream<Integer> push = PushStream.create(tc.context);
    Aiter<Integer> mapped = tc.call(() -> push.map(x -> x));
    assertSame(push, Aiter.of(push));
    assertSame(mapped, Aiter.of(mapped));
    assertSame(push, Aiter.of(tc.context, push), "already on that context");
  }

  /** Adopted onto another context, an Aiter becomes a new stream whose handlers run there. */
  @Test
  void anAiterAdoptedOntoAnotherContextRunsThere() {
    PushStream<Integer> push = PushStream.create(tc.context);
    Context other = otherEventLoopContext();
    Aiter<Integer> moved = Aiter.of(other, push);
    assertNotSame(push, moved);

    List<Integer> items = Collections.synchronizedList(new ArrayList<>());
    Set<Context> contexts = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    moved.endHandler(v -> {
      contexts.add(Vertx.currentContext());
      ended.complete(null);
    });
    moved.handler(item -> {
      contexts.add(Vertx.currentContext());
      items.add(item);
    });
    push.push(1, 2, 3);
    push.stop();
    TestContext.await(ended);
    assertEquals(List.of(1, 2, 3), items);
    assertEquals(Set.of(other), contexts);
  }

  /**
   * Demand passes through exactly: the foreign stream is paused at adoption and asked for what the
   * consumer asks for, and no more; an item it delivers after a pause it had not yet seen is held
   * and meets the next demand instead of a new fetch.
   */
  @Test
  void adoptingAForeignStreamPassesDemandThroughExactly() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(fake));
    assertEquals(List.of("pause"), fake.calls(), "paused at adoption, nothing asked");
    assertEquals(0, fake.demand());

    tc.run(() -> {
      adopted.pause();
      probe.attach(adopted);
      adopted.fetch(3);
      assertEquals(List.of(3L), fake.fetches(), "fetch(3) downstream is fetch(3) upstream");
      fake.emit(1);
      fake.emit(2);
      fake.emit(3);
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(0, fake.demand());

      adopted.fetch(3);
      fake.emit(4); // one of three
      adopted.fetch(1);
      assertEquals(List.of(3L, 3L, 1L), fake.fetches(), "only the new unit is asked");
      assertEquals(3, fake.demand(), "upstream demand = the consumer's unmet demand");
      fake.emit(5);
      fake.emit(6);
      fake.emit(7);
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), probe.items);

      adopted.pause();
      fake.emit(8); // the foreign stream had not yet seen the pause
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), probe.items, "held while paused");
      adopted.fetch(1);
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), probe.items, "the held item meets the demand");
      assertEquals(List.of(3L, 3L, 1L), fake.fetches(), "so nothing more is asked");
      fake.end();
    });
    tc.settle();
    tc.run(probe::assertEndedOnce);
    assertFalse(fake.hasHandler(), "after the end the adopter lets go of the foreign stream");
  }

  /**
   * An operator built over an adopted stream nobody has used reads the foreign stream itself (one
   * stage less per item): the adopted stream is consumed by it, and demand, an item delivered
   * after a pause not yet seen, and the end pass as they would through the adopted stream.
   */
  @Test
  void anOperatorOverAnUntouchedAdoptedStreamReadsTheForeignStreamItself() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(fake));
    Aiter<Integer> mapped = tc.call(() -> adopted.map(x -> x * 10));
    IllegalStateException second = assertThrows(IllegalStateException.class,
        () -> tc.call(() -> adopted.map(x -> x)));
    assertTrue(second.getMessage().contains("consumed by map; map cannot"), second.getMessage());
    tc.run(() -> {
      mapped.pause();
      probe.attach(mapped);
      mapped.fetch(2);
      assertEquals(List.of(2L), fake.fetches(), "the map's fetch(2) reaches the foreign stream");
      fake.emit(1);
      fake.emit(2);
      mapped.pause();
      fake.emit(3); // the foreign stream had not yet seen the pause
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items, "held while paused");
      mapped.fetch(1);
      assertEquals(List.of(10, 20, 30), probe.items, "the held item meets the demand");
      assertEquals(List.of(2L), fake.fetches(), "so nothing more is asked");
      fake.end();
    });
    tc.settle();
    tc.run(probe::assertEndedOnce);
    assertFalse(fake.hasHandler(), "after the end the map lets go of the foreign stream");
  }

  /**
   * An adopted event-bus consumer stays registered through an operator reading it in place (it is
   * never given a null handler, which would unregister it) and after the operator let go: the
   * adopted stream is then free for another consumer, and what is sent later arrives.
   */
  @Test
  void anAdoptedEventBusConsumerStaysRegisteredThroughAnOperatorAndAfterIt() {
    String address = "adopted-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    Aiter<Message<Integer>> adopted = tc.call(() -> Aiter.of(consumer));
    Aiter<Integer> firstThree = tc.call(() -> adopted.take(3).map(Message::body));
    TestContext.await(consumer.completion());
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> {
      first.attach(firstThree);
      for (int i = 1; i <= 3; i++) {
        tc.vertx.eventBus().send(address, i);
      }
    });
    first.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), first.items);
      first.assertEndedOnce();
    });
    assertTrue(consumer.isRegistered(), "still registered after take(3) let go");

    CompletableFuture<Void> five = new CompletableFuture<>();
    Probe<Integer> rest = new Probe<Integer>(tc).onItem(x -> {
      if (x == 5) {
        five.complete(null);
      }
    });
    tc.run(() -> {
      rest.attach(adopted.map(Message::body)); // free again: a second consumer in turn
      tc.vertx.eventBus().send(address, 4);
      tc.vertx.eventBus().send(address, 5);
    });
    TestContext.await(five);
    tc.run(() -> assertEquals(List.of(4, 5), rest.items));
    assertTrue(consumer.isRegistered(), "still registered");
    TestContext.await(consumer.unregister());
  }

  /** The ways of reading a consumer: itself (a stream of messages), or its body stream. */
  static Stream<Arguments> viewsOfAConsumer() {
    Function<MessageConsumer<Integer>, ReadStream<?>> itself = c -> c;
    Function<MessageConsumer<Integer>, ReadStream<?>> bodies = MessageConsumer::bodyStream;
    return Stream.of(Arguments.of("the consumer", itself), Arguments.of("its bodyStream()", bodies));
  }

  static Stream<Arguments> waysToLetGoOfAConsumer() {
    Function<ReadStream<?>, Object> first = s -> Aiter.of(s).first();
    Function<ReadStream<?>, Object> failingMap = s -> Aiter.map(s, m -> {
      throw new IllegalStateException("boom");
    }).forEach(x -> { });
    Function<ReadStream<?>, Object> stopped = s -> {
      StoppableStream<?> stoppable = Aiter.stoppable(s);
      stoppable.handler(m -> stoppable.stop());
      return stoppable;
    };
    Function<ReadStream<?>, Object> zipEnded =
        s -> Aiter.zip(s, Aiter.fromIterable(tc.context, List.of(1)), (m, x) -> x).forEach(x -> { });
    List<Arguments> ways = List.of(
        Arguments.of("first() of it adopted", first),
        Arguments.of("a map over it whose function throws", failingMap),
        Arguments.of("stoppable over it, stopped", stopped),
        Arguments.of("a zip of it and a shorter stream", zipEnded));
    return viewsOfAConsumer().flatMap(view -> ways.stream().map(way -> Arguments.of(
        way.get()[0] + ", read as " + view.get()[0], view.get()[1], way.get()[1])));
  }

  /**
   * A stream over an event-bus consumer, or over its body stream, that lets go of it (its own end,
   * a failure, a stop) leaves it registered (contract 9: the consumer is the caller's), and the
   * caller reads on from it. Letting go gave it a null handler, which in Vert.x unregisters it
   * (found in review, then again for the body stream, whose handler is the consumer's).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("waysToLetGoOfAConsumer")
  void lettingGoOfAnEventBusConsumerLeavesItRegistered(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view, Function<ReadStream<?>, Object> use) {
    String address = "let-go-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    tc.run(() -> use.apply(view.apply(consumer)));
    TestContext.await(consumer.completion());
    tc.vertx.eventBus().send(address, 1);
    tc.settle(20);
    assertTrue(consumer.isRegistered(), "let go of, and still registered");
    CompletableFuture<Integer> next = new CompletableFuture<>();
    tc.run(() -> {
      consumer.handler(m -> next.complete(m.body()));
      consumer.resume();
    });
    tc.vertx.eventBus().send(address, 2);
    assertEquals(2, TestContext.await(next), "the caller reads on from it");
    TestContext.await(consumer.unregister());
  }

  /**
   * A reader that lets go of a consumer (its first() completes) and the next reader, made at once
   * in that completion, takes it over: the let-go is done before the next reader starts, not
   * queued behind it, where it paused the consumer again and took its handler (found in review:
   * a consumer's messages come on a duplicate of its context, taken for another home).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("viewsOfAConsumer")
  void theNextReaderOfAConsumerMayStartInTheLetGo(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view) {
    String address = "next-reader-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    CompletableFuture<Object> second = new CompletableFuture<>();
    tc.run(() -> Aiter.of(view.apply(consumer)).first()
        .compose(m -> Aiter.of(view.apply(consumer)).first())
        .onComplete(r -> second.complete(r.succeeded() ? bodyOf(r.result()) : r.cause())));
    TestContext.await(consumer.completion());
    tc.vertx.eventBus().send(address, 1);
    tc.settle(20);
    tc.vertx.eventBus().send(address, 2);
    assertEquals(2, TestContext.await(second), "the second reader's first message");
    TestContext.await(consumer.unregister());
  }

  /**
   * A consumer's messages, which Vert.x hands over on a duplicate of its context, reach a stream's
   * handler with the stream's context itself current (contract 1), in order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("viewsOfAConsumer")
  void aConsumersMessagesReachTheHandlerOnTheStreamsContext(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view) {
    String address = "on-context-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    List<Object> seen = new ArrayList<>();
    List<Context> contexts = new ArrayList<>();
    CompletableFuture<Void> three = new CompletableFuture<>();
    tc.run(() -> Aiter.of(view.apply(consumer)).map(AiterTest::bodyOf).handler(body -> {
      seen.add(body);
      contexts.add(Vertx.currentContext());
      if (body.equals(3)) {
        three.complete(null);
      }
    }));
    TestContext.await(consumer.completion());
    for (int i = 1; i <= 3; i++) {
      tc.vertx.eventBus().send(address, i);
    }
    TestContext.await(three);
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), seen);
      assertEquals(List.of(tc.context, tc.context, tc.context), contexts, "the stream's context, not a duplicate");
    });
    TestContext.await(consumer.unregister());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Stream<Arguments> readersThatStopAtTheSecondMessage() {
    Function<ReadStream<?>, ReadStream<?>> stoppable = Aiter::stoppable;
    Consumer<ReadStream<?>> stopAtTheSecond = s -> s.handler(m -> {
      if (bodyOf(m).equals(2)) {
        ((StoppableStream<?>) s).stop();
      }
    });
    Function<ReadStream<?>, ReadStream<?>> failingMap = s -> Aiter.map(s, m -> {
      if (bodyOf(m).equals(2)) {
        throw new IllegalStateException("boom");
      }
      return m;
    });
    Consumer<ReadStream<?>> forEach = s -> ((Aiter<?>) s).forEach(x -> { });
    Function<ReadStream<?>, ReadStream<?>> concatTakeWhile =
        s -> Aiter.concat((List) List.of(s)).takeWhile(m -> !bodyOf(m).equals(2));
    List<Arguments> readers = List.of(
        Arguments.of("stoppable, stopped in its handler", stoppable, stopAtTheSecond),
        Arguments.of("a map whose function throws, read by forEach", failingMap, forEach),
        Arguments.of("takeWhile over concat", concatTakeWhile, forEach));
    return viewsOfAConsumer().flatMap(view -> readers.stream().map(reader -> Arguments.of(
        reader.get()[0] + ", of " + view.get()[0], view.get()[1], reader.get()[1], reader.get()[2])));
  }

  /**
   * A flowing reader of a consumer that lets go of it at the second message (a stop, a failure,
   * its end) leaves the messages the consumer had already handed over to the caller, who reads on
   * from it: none is lost (contract 3 and 9). They were carried to the reader in tasks, and
   * dropped there once it had let go (found in review).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readersThatStopAtTheSecondMessage")
  void messagesOfAConsumerAReaderLetGoOfAreTheCallers(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view,
      Function<ReadStream<?>, ReadStream<?>> reader, Consumer<ReadStream<?>> start) {
    assertMessagesAfterTheLetGoAreTheCallers(tc, view, reader, start);
  }

  /**
   * The same on a worker context, whose consumer hands its messages over on duplicates of it, in
   * the context's own turn (a task of its executor): they too are the reader's at once, and the
   * caller's after the let-go. They were carried in tasks, and dropped there (found in review).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readersThatStopAtTheSecondMessage")
  void messagesOfAConsumerOnAWorkerContextAReaderLetGoOfAreTheCallers(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view,
      Function<ReadStream<?>, ReadStream<?>> reader, Consumer<ReadStream<?>> start) {
    assertMessagesAfterTheLetGoAreTheCallers(worker(), view, reader, start);
  }

  private static void assertMessagesAfterTheLetGoAreTheCallers(TestContext on,
      Function<MessageConsumer<Integer>, ReadStream<?>> view,
      Function<ReadStream<?>, ReadStream<?>> reader, Consumer<ReadStream<?>> start) {
    String address = "stopped-reader-" + System.nanoTime();
    MessageConsumer<Integer> consumer = on.call(() -> on.vertx.eventBus().<Integer>consumer(address));
    ReadStream<?> stream = on.call(() -> reader.apply(view.apply(consumer)));
    TestContext.await(consumer.completion());
    for (int i = 1; i <= 5; i++) {
      on.vertx.eventBus().send(address, i);
    }
    on.settle(20);
    on.run(() -> start.accept(stream));
    on.settle(20);
    List<Object> rest = new ArrayList<>();
    CompletableFuture<Void> five = new CompletableFuture<>();
    on.run(() -> {
      consumer.handler(m -> {
        rest.add(m.body());
        if (m.body() == 5) {
          five.complete(null);
        }
      });
      consumer.resume();
    });
    TestContext.await(five);
    on.run(() -> assertEquals(List.of(3, 4, 5), rest, "the caller's, after the let-go"));
    TestContext.await(consumer.unregister());
  }

  /** A worker context of {@link #tc}'s Vert.x, deployed once for the class. */
  private static synchronized TestContext worker() {
    if (worker == null) {
      worker = new TestContext(tc.vertx, TestContext.deployedContext(tc.vertx,
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    }
    return worker;
  }

  private static Object bodyOf(Object item) {
    return item instanceof Message ? ((Message<?>) item).body() : item;
  }

  static Stream<Arguments> readersOfAConsumerTheCallerUnregisters() {
    Function<ReadStream<?>, Aiter<?>> adopted = Aiter::of;
    Function<ReadStream<?>, Aiter<?>> concat = s -> Aiter.concat(List.of(s));
    List<Arguments> readers = List.of(Arguments.of("Aiter.of", adopted), Arguments.of("concat", concat));
    return viewsOfAConsumer().flatMap(view -> readers.stream().map(reader -> Arguments.of(
        reader.get()[0] + " of " + view.get()[0], view.get()[1], reader.get()[1])));
  }

  /**
   * A consumer the caller unregisters while a stream reads it ends that stream, which then lets go
   * of it without registering it again (contract 9: the caller closed it). A handler that does
   * nothing, given to keep it registered, registered it again (found in review): sends to its
   * address went to nobody.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readersOfAConsumerTheCallerUnregisters")
  void aConsumerTheCallerUnregistersStaysUnregistered(String name,
      Function<MessageConsumer<Integer>, ReadStream<?>> view, Function<ReadStream<?>, Aiter<?>> reader) {
    String address = "unregistered-" + System.nanoTime();
    MessageConsumer<Integer> consumer = tc.call(() -> tc.vertx.eventBus().<Integer>consumer(address));
    Probe<Object> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(reader.apply(view.apply(consumer)).map(x -> (Object) x)));
    TestContext.await(consumer.completion());
    TestContext.await(tc.call(consumer::unregister));
    probe.awaitTerminal();
    tc.run(probe::assertEndedOnce);
    tc.settle(20);
    assertFalse(consumer.isRegistered(), "closed by the caller, and not registered again");
    ReplyException refused = assertThrows(ReplyException.class,
        () -> TestContext.await(tc.vertx.eventBus().request(address, 1)));
    assertEquals(ReplyFailure.NO_HANDLERS, refused.failureType(), "nobody reads the address");
  }

  /** An Aiter of another context, adopted: an operator over it reads through the adopted stream. */
  @Test
  void anOperatorOverAnAiterAdoptedFromAnotherContextReadsThroughIt() {
    Context other = otherEventLoopContext();
    PushStream<Integer> push = PushStream.create(other);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.of(tc.context, push).map(x -> x * 10)));
    other.runOnContext(v -> {
      push.push(1, 2);
      push.stop();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Adopted where it lives for another context (Aiter.of(Context, ...) in a socket's connect
   * handler), a foreign stream is paused and listened to at once: what it sends in the same task
   * is kept, not lost before the subscription reached the other context.
   */
  @Test
  void aForeignStreamAdoptedAtItsHomeForAnotherContextLosesNothingSentAtOnce() {
    Context other = otherEventLoopContext();
    FakeStream<Integer> fake = new FakeStream<>();
    CompletableFuture<Aiter<Integer>> made = new CompletableFuture<>();
    other.runOnContext(v -> {
      Aiter<Integer> adopted = Aiter.of(tc.context, fake);
      fake.emit(1);
      made.complete(adopted);
    });
    Aiter<Integer> adopted = TestContext.await(made);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(adopted));
    tc.settle();
    other.runOnContext(v -> fake.end());
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Adopted by code running {@code executeBlocking} for the stream's home, for another context, a
   * foreign stream is still called on its home's event loop only (contract 1): the worker thread
   * shares the home's context but is not its thread. 2831644 subscribed at once there and called
   * the stream from the worker.
   */
  @Test
  void aForeignStreamAdoptedInExecuteBlockingIsCalledOnlyOnItsEventLoop() {
    Context other = otherEventLoopContext();
    FakeStream<Integer> fake = new FakeStream<>();
    List<String> offLoop = Collections.synchronizedList(new ArrayList<>());
    PlainStream<Integer> plain = new PlainStream<>(fake, () -> {
      if (!Context.isOnEventLoopThread()) {
        offLoop.add(Thread.currentThread().getName());
      }
    });
    Aiter<Integer> adopted = TestContext.await(
        other.executeBlocking(() -> Aiter.of(tc.context, plain)).toCompletionStage().toCompletableFuture());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(adopted));
    tc.settle();
    other.runOnContext(v -> {
      fake.emit(1);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals(List.of(), offLoop);
  }

  static Stream<Arguments> operatorsOverAForeignSource() {
    return Stream.of(
        Arguments.of("itself", (Function<Aiter<Integer>, Aiter<?>>) s -> s),
        Arguments.of("map", (Function<Aiter<Integer>, Aiter<?>>) s -> s.map(x -> x)),
        Arguments.of("filter", (Function<Aiter<Integer>, Aiter<?>>) s -> s.filter(x -> true)),
        Arguments.of("take", (Function<Aiter<Integer>, Aiter<?>>) s -> s.take(5)),
        Arguments.of("preload", (Function<Aiter<Integer>, Aiter<?>>) s -> s.preload(3)),
        Arguments.of("mapAsync", (Function<Aiter<Integer>, Aiter<?>>) s -> s.mapAsync(io.vertx.core.Future::succeededFuture, 2)),
        Arguments.of("throttle", (Function<Aiter<Integer>, Aiter<?>>) s -> s.throttle(100, 1, TimeUnit.SECONDS)),
        Arguments.of("chunks", (Function<Aiter<Integer>, Aiter<?>>) s -> s.chunks(3, 1, TimeUnit.HOURS)),
        Arguments.of("timeout", (Function<Aiter<Integer>, Aiter<?>>) s -> s.timeout(1, TimeUnit.HOURS)));
  }

  /**
   * A foreign source that breaks the ReadStream contract with a null item fails every operator
   * over it, after what came before, and nothing after it is delivered. Throttle dropped the null
   * and went on, chunks handed it on inside a list, preload threw into the source (found in
   * review): they hold items before emitting them, where the core's null check comes too late.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorsOverAForeignSource")
  void aNullItemFromAForeignSourceFailsTheStreamOverIt(String name, Function<Aiter<Integer>, Aiter<?>> op) {
    FakeStream<Integer> fake = new FakeStream<>();
    @SuppressWarnings("unchecked")
    Aiter<Object> out = (Aiter<Object>) tc.call(() -> op.apply(Aiter.of(tc.context, fake)));
    Probe<Object> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(out);
      fake.emit(1);
      fake.emit(null);
      fake.emit(3);
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(name.equals("chunks") ? List.of(List.of(1)) : List.of(1), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(1, probe.failures.size(), "failures: " + probe.failures);
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertEquals("a stream item must not be null", probe.failures.get(0).getMessage());
    });
    assertFalse(fake.hasHandler(), "the failed source is let go of");
  }

  /** take(0) over an adopted stream never consumes it: it stays free for another consumer. */
  @Test
  void takeZeroLeavesAnAdoptedStreamFree() {
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> adopted = tc.call(() -> Aiter.of(fake));
    Probe<Integer> none = new Probe<>(tc);
    tc.run(() -> none.attach(adopted.take(0)));
    none.awaitTerminal();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      probe.attach(adopted.map(x -> x + 1));
      fake.emit(1);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      none.assertEndedOnce();
      assertEquals(List.of(), none.items);
      assertEquals(List.of(2), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * An item the foreign stream sent from another thread just before an operator took it over (on
   * its way to the adopted stream, carried onto the context) reaches the operator: nothing is lost
   * in the hand-over.
   */
  @Test
  void anItemOnItsWayWhenTheOperatorTakesOverIsPassedOn() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> adopted = Aiter.of(fake);
      ForeignThreads.run(() -> fake.emit(1)); // carried onto the context, behind this task
      probe.attach(adopted.map(x -> x * 10));
    });
    tc.settle();
    tc.run(() -> {
      fake.emit(2);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Adopted off the context, a foreign stream is not read in place by an operator built on the
   * context before the adoption's subscription ran there: that subscription's pause voided what
   * the operator asked, and the stream hung.
   */
  @Test
  void anOperatorOverAStreamAdoptedOffTheContextWaitsForItsSubscription() {
    PushStream<Integer> push = PushStream.create(tc.context);
    push.push(1, 2, 3);
    push.stop();
    Probe<Integer> probe = new Probe<>(tc);
    tc.buildOffContextThenUse(() -> Aiter.of(tc.context, new PlainStream<>(push)),
        adopted -> probe.attach(adopted.map(x -> x * 10)));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(10, 20, 30), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * An adopted stream that was used before an operator is built over it (it holds an item its
   * source delivered although paused, or its source ended) is read through: nothing is lost.
   */
  @Test
  void anOperatorOverAnAdoptedStreamAlreadyUsedReadsThroughIt() {
    FakeStream<Integer> holding = new FakeStream<>();
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> adopted = Aiter.of(holding);
      holding.emit(1); // the adopted stream holds it
      first.attach(adopted.map(x -> x * 10));
      holding.emit(2);
      holding.end();
    });
    first.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(10, 20), first.items);
      first.assertEndedOnce();
    });

    FakeStream<Integer> ended = new FakeStream<>();
    Probe<Integer> second = new Probe<>(tc);
    tc.run(() -> {
      Aiter<Integer> adopted = Aiter.of(ended);
      ended.end(); // the adopted stream holds the end
      second.attach(adopted.map(x -> x * 10));
    });
    second.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(), second.items);
      second.assertEndedOnce();
    });
  }

  @Test
  void itemsAForeignStreamEmitsOnAPlainThreadArriveOnTheContext() {
    FakeStream<Integer> fake = new FakeStream<>();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(Aiter.of(fake)));
    assertTrue(fake.fetches().size() > 0, "a flowing consumer asks");
    List<Integer> items = IntStream.rangeClosed(1, 1000).boxed().toList();
    ForeignThreads.run(() -> {
      items.forEach(fake::emit);
      fake.end();
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce(); // on the context
    });
  }

  /** of(context, stream), made off any context, carries items emitted on another event loop. */
  @Test
  void ofContextCarriesItemsEmittedOnAnotherEventLoopOntoTheContext() {
    assertEquals(null, Vertx.currentContext(), "this test runs off any context");
    FakeStream<Integer> fake = new FakeStream<>();
    Aiter<Integer> adopted = Aiter.of(tc.context, fake);
    Probe<Integer> probe = new Probe<>(tc);
    adopted.pause();
    probe.attach(adopted);
    adopted.fetch(500);
    tc.settle();
    assertEquals(List.of(1L), fake.fetches(), "adopted off any context: one item at a time until it delivers here");

    List<Integer> items = IntStream.rangeClosed(1, 500).boxed().toList();
    otherEventLoopContext().runOnContext(v -> {
      items.forEach(fake::emit);
      fake.end();
    });
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(items, probe.items);
      probe.assertEndedOnce(); // on the context
    });
  }

  @Test
  void adoptingAForeignStreamOffAnyContextNamesTheOverloadTakingAContext() {
    assertEquals(null, Vertx.currentContext(), "this test runs off any context");
    IllegalStateException e = assertRejected(IllegalStateException.class, "Aiter.of",
        () -> Aiter.of(new FakeStream<Integer>()));
    assertTrue(e.getMessage().contains("Aiter.of(Context, ReadStream)"), e.getMessage());
  }

  @Test
  void badInputFailsAtOnceNamingTheArgument() {
    Aiter<Integer> stream = tc.call(() -> Sources.pushed(tc, List.of(1), null));
    assertRejected(NullPointerException.class, "stream", () -> Aiter.of((ReadStream<Integer>) null));
    assertRejected(NullPointerException.class, "context", () -> Aiter.of(null, stream));
    assertRejected(NullPointerException.class, "stream", () -> Aiter.of(tc.context, (ReadStream<Integer>) null));
  }

  /** Every way a stream gets its one consumer, named as users call it. */
  static Stream<Arguments> consumers() {
    return Stream.of(
        consumer("map", s -> s.map(x -> x)),
        consumer("filter", s -> s.filter(x -> true)),
        consumer("take", s -> s.take(2)),
        consumer("skip", s -> s.skip(1)),
        consumer("takeWhile", s -> s.takeWhile(x -> true)),
        consumer("mapFilter", s -> s.mapFilter(List::of)),
        consumer("flatten", s -> Aiter.flatten(asIterables(s))),
        consumer("mapAsync", s -> s.mapAsync(io.vertx.core.Future::succeededFuture, 2)),
        consumer("peekAsync", s -> s.peekAsync(io.vertx.core.Future::succeededFuture, 2)),
        consumer("mapAsyncOrdered", s -> s.mapAsyncOrdered(io.vertx.core.Future::succeededFuture, 2)),
        consumer("gated", s -> s.gated()),
        consumer("preload", s -> s.preload(2)),
        consumer("stoppable", s -> s.stoppable()),
        consumer("chunks", s -> s.chunks(2, 1, TimeUnit.SECONDS)),
        consumer("timeout", s -> s.timeout(1, TimeUnit.SECONDS)),
        consumer("throttle", s -> s.throttle(1, 1, TimeUnit.SECONDS)),
        consumer("zip", s -> s.zipWith(Aiter.fromIterable(tc.context, List.of(1)), (a, b) -> a)),
        consumer("concat", s -> s.concatWith(Aiter.fromIterable(tc.context, List.of(1)))),
        consumer("join", s -> {
          Aiter<Integer> joined = Aiter.join(Aiter.fromIterable(tc.context, List.of(s)));
          joined.pause();
          joined.handler(x -> { }); // inner streams are taken once a data handler is set
          return joined;
        }),
        consumer("sharable", s -> s.sharable()),
        consumer("forker", s -> s.forker()),
        consumer("active", s -> s.active()),
        consumer("toPublisher", s -> {
          java.util.concurrent.Flow.Publisher<Integer> publisher = s.toPublisher();
          publisher.subscribe(new dev.aiter.support.RecordingSubscriber<>());
          return publisher;
        }),
        consumer("first", s -> s.first()),
        consumer("forEach", s -> s.forEach(x -> { })));
  }

  private static Arguments consumer(String name, Function<Aiter<Integer>, Object> consume) {
    return Arguments.of(name, consume);
  }

  /** The stream seen as one of lists: flatten consumes it, and nothing is delivered here. */
  @SuppressWarnings("unchecked")
  private static ReadStream<List<Integer>> asIterables(Aiter<Integer> s) {
    return (ReadStream<List<Integer>>) (ReadStream<?>) s;
  }

  /**
   * A second combinator over a stream another one consumes is refused at once, with a message
   * that names both as users call them ({@code filter}, not the class behind it).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("consumers")
  void aSecondConsumerIsRefusedNamingTheFirst(String name, Function<Aiter<Integer>, Object> consume) {
    // An empty push source, which neither ends nor yields: a consumer done with its source (first
    // once it has its item, active once the source ended) lets go of it, and another may take it.
    PushStream<Integer> source = PushStream.create(tc.context);
    tc.run(() -> consume.apply(source));
    IllegalStateException second = assertThrows(IllegalStateException.class,
        () -> tc.call(() -> source.filter(x -> true)));
    assertTrue(second.getMessage().contains("already consumed by " + name + "; filter cannot consume it too"),
        second.getMessage());
  }

  /** What {@code make} returns, made on {@code context}, as a stream is adopted where it lives. */
  private static <T> T callOn(Context context, Supplier<T> make) {
    CompletableFuture<T> made = new CompletableFuture<>();
    context.runOnContext(v -> made.complete(make.get()));
    return TestContext.await(made);
  }

  static Stream<Arguments> readersOfAStreamOnAnotherContext() {
    Function<ReadStream<Integer>, ReadStream<Integer>> ours = s -> s;
    Function<ReadStream<Integer>, ReadStream<Integer>> foreign = PlainStream::new;
    return Stream.of(ours, foreign).flatMap(kind -> {
      String of = kind == ours ? "a stream of ours" : "a foreign stream";
      return Stream.of(
          Arguments.of("Aiter.of(context, " + of + ")", kind,
              (Function<ReadStream<Integer>, Aiter<Integer>>) s -> Aiter.of(tc.context, s)),
          Arguments.of("map over Aiter.of(context, " + of + ")", kind,
              (Function<ReadStream<Integer>, Aiter<Integer>>) s -> Aiter.of(tc.context, s).map(x -> x)),
          Arguments.of("concat of a source here and " + of, kind,
              (Function<ReadStream<Integer>, Aiter<Integer>>) s ->
                  Aiter.concat(Aiter.fromIterable(tc.context, List.<Integer>of()), s)));
    });
  }

  /**
   * A stream on another event loop (one of ours, or a foreign one adopted where it lives, as
   * Aiter.of(Context, ReadStream) says), read here by a flowing consumer: while the consumer's
   * handler is busy with the first item, that event loop runs on, and the stream gives at most
   * one more item (contract 4: a slow flowing consumer slows the source). Asked for all at once,
   * it sent every item it had, queued here as tasks. Then every item comes, in order, and the end.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readersOfAStreamOnAnotherContext")
  void aFlowingConsumerReadsAStreamOnAnotherContextAtMostOneItemAhead(String name,
      Function<ReadStream<Integer>, ReadStream<Integer>> kind,
      Function<ReadStream<Integer>, Aiter<Integer>> reader) {
    Context other = otherEventLoopContext();
    PushStream<Integer> source = PushStream.create(other);
    for (int i = 1; i <= 200; i++) {
      source.push(i);
    }
    source.stop();
    Aiter<Integer> read = callOn(other, () -> reader.apply(kind.apply(source)));
    long[] gaveWhileBusy = {-1};
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(x -> {
      if (x == 1) {
        for (int round = 0; round < 5; round++) { // the other event loop's queue, through a few times
          CompletableFuture<Void> passed = new CompletableFuture<>();
          other.runOnContext(v -> passed.complete(null));
          TestContext.await(passed);
        }
        gaveWhileBusy[0] = 200 - source.size();
      }
    });
    tc.run(() -> probe.attach(read));
    probe.awaitTerminal();
    tc.run(() -> {
      assertTrue(gaveWhileBusy[0] >= 1 && gaveWhileBusy[0] <= 2, "gave " + gaveWhileBusy[0] + " for 1 item delivered");
      assertEquals(IntStream.rangeClosed(1, 200).boxed().toList(), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * Two fused maps over a foreign stream adopted where it lives, on another event loop, and read
   * one item at a time: a flowing forEach over the second lets go of it when its handler throws on
   * the first item, and the first map, handed the stream back, reads the rest and the end: nothing
   * lost, nothing stalled.
   */
  @Test
  void aForeignStreamOnAnotherContextIsLeftReadableByTheMapHandedItBack() {
    Context other = otherEventLoopContext();
    PushStream<Integer> source = PushStream.create(other);
    for (int i = 1; i <= 5; i++) {
      source.push(i);
    }
    source.stop();
    ReadStream<Integer> plain = new PlainStream<>(source);
    Aiter<Integer> adopted = callOn(other, () -> Aiter.of(tc.context, plain));
    Aiter<Integer> first = tc.call(() -> adopted.map(x -> x));
    Aiter<Integer> second = tc.call(() -> first.map(x -> x));
    RuntimeException enough = new RuntimeException("enough");
    List<Integer> seen = new ArrayList<>();
    Throwable failed = assertThrows(RuntimeException.class, () -> TestContext.await(tc.call(() ->
        second.forEach(x -> {
          seen.add(x);
          throw enough;
        }))));
    assertSame(enough, failed);
    assertEquals(List.of(1), seen);
    assertEquals(List.of(2, 3, 4, 5), dev.aiter.support.Take.takeAll(tc, first));
  }

  /**
   * A foreign stream adopted off its home for a reader elsewhere is asked one item at a time until
   * an item of it comes on the reader's event loop: then it is asked for the rest at once, and its
   * items and end keep their order.
   */
  @Test
  void aForeignStreamAdoptedElsewhereIsAskedForTheRestOnceItDeliversOnTheReadersLoop() {
    Context other = otherEventLoopContext();
    FakeStream<Integer> fake = new FakeStream<>(); // lives on the test context, as it turns out
    Aiter<Integer> adopted = callOn(other, () -> Aiter.of(tc.context, fake));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      adopted.pause();
      probe.attach(adopted);
      adopted.fetch(3);
    });
    tc.settle();
    callOn(other, () -> null); // the fetch is made where the stream was adopted: it has run there
    assertEquals(List.of(1L), fake.fetches(), "one item alone: where it lives is not known yet");
    tc.run(() -> fake.emit(1));
    tc.settle();
    assertEquals(List.of(1L, 2L), fake.fetches(), "it delivered on the reader's loop: the rest of the three");
    tc.run(() -> {
      fake.emit(2);
      fake.emit(3);
      fake.end();
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      probe.assertEndedOnce();
    });
  }

  /**
   * A consumer that pauses and resumes in every handler call (as a pipe does when its destination
   * fills and drains) over a stream on another context: no item is lost or repeated, nothing
   * stalls, and the stream is never more than two items ahead of what was delivered (a pause does
   * not cancel the one item asked, which is held when it comes, so asks never pile up).
   */
  @ParameterizedTest(name = "foreign: {0}")
  @ValueSource(booleans = {false, true})
  void pausingAndResumingInEveryHandlerKeepsAStreamOnAnotherContextAtMostTwoAhead(boolean foreign) {
    Context other = otherEventLoopContext();
    PushStream<Integer> source = PushStream.create(other);
    for (int i = 1; i <= 300; i++) {
      source.push(i);
    }
    source.stop();
    ReadStream<Integer> plain = new PlainStream<>(source);
    Aiter<Integer> read = callOn(other, () -> Aiter.of(tc.context, foreign ? plain : source));
    int[] mostAhead = {0};
    Probe<Integer> probe = new Probe<Integer>(tc);
    probe.onItem(x -> {
      read.pause();
      mostAhead[0] = Math.max(mostAhead[0], 300 - source.size() - probe.items.size());
      read.resume();
    });
    tc.run(() -> probe.attach(read));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(IntStream.rangeClosed(1, 300).boxed().toList(), probe.items);
      probe.assertEndedOnce();
      assertTrue(mostAhead[0] <= 2, "ahead by " + mostAhead[0]);
    });
  }
}

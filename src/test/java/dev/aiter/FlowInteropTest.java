package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ListPublisher;
import dev.aiter.support.PlainStream;
import dev.aiter.support.Probe;
import dev.aiter.support.RecordingSubscriber;
import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code toPublisher} and {@code fromPublisher}: demand mapped exactly both ways, cancellation
 * and stopping, every signal on the context, failures both ways, and round trips through Aiter
 * chains for RxJava, Reactor and Mutiny with their demand intact.
 */
class FlowInteropTest {

  private static TestContext tc;
  private static Thread contextThread;

  @BeforeAll
  static void start() {
    tc = new TestContext();
    contextThread = tc.call(Thread::currentThread);
  }

  @AfterAll
  static void stop() {
    tc.close();
  }

  private static List<Integer> range(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  // ------------------------------------------------------------------ toPublisher

  @Test
  void toPublisherTurnsEachRequestIntoAFetchOfExactlyThatMany() {
    Sources.CountingIterator<Integer> source = Sources.counting(range(10), null);
    Flow.Publisher<Integer> publisher = tc.call(() -> Aiter.fromIterator(tc.context, source).toPublisher());
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    Flow.Subscription subscription = subscriber.subscription();
    tc.settle();
    assertEquals(0, tc.call(source::taken), "nothing pulled before a request");

    subscription.request(3);
    tc.settle();
    assertEquals(range(3), subscriber.items);
    assertEquals(3, tc.call(source::taken));

    subscription.request(2);
    tc.settle();
    assertEquals(range(5), subscriber.items);
    assertEquals(5, tc.call(source::taken));
    assertEquals(0, subscriber.completes.get());

    subscription.request(Long.MAX_VALUE);
    subscriber.awaitTerminal();
    tc.settle();
    assertEquals(range(10), subscriber.items);
    assertEquals(1, subscriber.completes.get());
    assertEquals(List.of(), subscriber.errors);
    assertEquals(0, subscriber.outOfOrder.get());
  }

  @Test
  void toPublisherSignalsRunOnTheStreamContextWhateverThreadRequests() throws Exception {
    PushStream<Integer> push = PushStream.create(tc.context);
    Flow.Publisher<Integer> publisher = push.toPublisher();
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    Flow.Subscription subscription = subscriber.subscription();
    ExecutorService foreign = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 20; i++) {
        foreign.submit(() -> subscription.request(1)).get(TestContext.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      foreign.shutdown();
    }
    for (int i = 1; i <= 30; i++) {
      push.push(i); // from the test thread too
    }
    push.stop();
    tc.settle();
    assertEquals(range(20), subscriber.items, "20 requested, 20 delivered");
    subscription.request(10);
    subscriber.awaitTerminal();
    assertEquals(range(30), subscriber.items);
    assertEquals(Set.of(contextThread), subscriber.threads);
    assertEquals(0, subscriber.outOfOrder.get());
  }

  @Test
  void toPublisherCancelStopsPullingAndHandsTheStreamBackToItsOwner() {
    PushStream<Integer> push = PushStream.create(tc.context);
    push.push(range(10).toArray(new Integer[0]));
    push.stop();
    Flow.Publisher<Integer> publisher = push.toPublisher();
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    Flow.Subscription subscription = subscriber.subscription();
    subscription.request(2);
    tc.settle();
    subscription.cancel();
    subscription.request(5); // rule 3.6: nothing after a cancel
    tc.settle();
    assertEquals(range(2), subscriber.items);
    assertEquals(8, push.size(), "nothing pulled after the cancel");
    assertEquals(0, subscriber.completes.get());

    // Contract 9: the stream is the caller's again (paused, as the cancel left it), nothing lost,
    // and the cancelled subscriber hears nothing more of it, not even its end.
    List<Integer> rest = new ArrayList<>();
    int[] ends = {0};
    tc.run(() -> {
      push.handler(rest::add);
      push.resume();
    });
    tc.settle();
    tc.run(() -> push.endHandler(v -> ends[0]++));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), rest);
      assertEquals(1, ends[0], "the end, held for the owner's end handler");
    });
    assertEquals(0, subscriber.completes.get());
    assertEquals(List.of(), subscriber.errors);
  }

  @Test
  void toPublisherSignalsTheStreamFailureAfterItsItems() {
    RuntimeException cause = new RuntimeException("boom");
    PushStream<Integer> push = PushStream.create(tc.context);
    Flow.Publisher<Integer> publisher = push.toPublisher();
    push.push(1, 2, 3);
    push.fail(cause);
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    subscriber.subscription().request(Long.MAX_VALUE);
    subscriber.awaitTerminal();
    tc.settle();
    assertEquals(range(3), subscriber.items);
    assertEquals(List.of(cause), subscriber.errors);
    assertEquals(0, subscriber.completes.get());
  }

  @Test
  void toPublisherKeepsAFailureReachedBeforeTheSubscriberForIt() {
    List<Throwable> reportedToContext = new CopyOnWriteArrayList<>();
    Context context = tc.vertx.getOrCreateContext();
    context.exceptionHandler(reportedToContext::add);
    RuntimeException cause = new RuntimeException("early");
    PushStream<Integer> push = PushStream.create(context);
    Flow.Publisher<Integer> publisher = push.toPublisher();
    push.fail(cause);
    tc.settle();
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    subscriber.awaitTerminal();
    assertTrue(subscriber.subscribed.isDone(), "onSubscribe before onError (rule 1.9)");
    assertEquals(List.of(cause), subscriber.errors, "onError without a request (rule 1.4)");
    assertEquals(0, subscriber.outOfOrder.get());
    assertEquals(List.of(), reportedToContext, "the failure went to the subscriber, not the context");
  }

  @Test
  void toPublisherServesOneSubscriberAndRejectsTheNextWithOnError() {
    PushStream<Integer> push = PushStream.create(tc.context);
    Flow.Publisher<Integer> publisher = push.toPublisher();
    RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
    RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
    publisher.subscribe(first);
    first.subscription().request(1);
    publisher.subscribe(second);
    second.awaitTerminal();
    assertTrue(second.subscribed.isDone());
    assertInstanceOf(IllegalStateException.class, second.errors.get(0));
    push.push(7);
    tc.settle();
    assertEquals(List.of(7), first.items, "the first subscriber is still served");
    assertEquals(List.of(), second.items);
  }

  @Test
  void toPublisherAnswersANonPositiveRequestWithOnErrorAndLetsGoOfTheStream() {
    PushStream<Integer> push = PushStream.create(tc.context);
    push.push(1, 2, 3);
    Flow.Publisher<Integer> publisher = push.toPublisher();
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    subscriber.subscription().request(0);
    subscriber.awaitTerminal();
    Throwable error = subscriber.errors.get(0);
    assertInstanceOf(IllegalArgumentException.class, error);
    assertTrue(error.getMessage().contains("3.9"), error.getMessage());
    subscriber.subscription().request(3);
    tc.settle();
    assertEquals(List.of(), subscriber.items);
    assertEquals(3, push.size(), "released without pulling");
  }

  @Test
  void toPublisherRejectsANullSubscriberAtOnce() {
    Flow.Publisher<Integer> publisher = PushStream.<Integer>create(tc.context).toPublisher();
    NullPointerException e = assertThrows(NullPointerException.class, () -> publisher.subscribe(null));
    assertTrue(e.getMessage().contains("subscriber"), e.getMessage());
  }

  @Test
  void toPublisherOfAForeignStreamOffAnyContextNamesTheFix() {
    ReadStream<Integer> foreign = new ForeignStream();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aiter.toPublisher(foreign));
    assertTrue(e.getMessage().contains("Aiter.toPublisher"), e.getMessage());
  }

  // ------------------------------------------------------------------ fromPublisher

  @Test
  void fromPublisherTurnsEachFetchIntoARequestOfExactlyThatMany() {
    ListPublisher<Integer> publisher = ListPublisher.of(range(10), null);
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, publisher);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
    });
    tc.settle();
    assertEquals(List.of(), publisher.requests, "nothing requested before a fetch");
    tc.run(() -> stream.fetch(3));
    tc.settle();
    tc.run(() -> stream.fetch(2));
    tc.settle();
    tc.run(() -> {
      assertEquals(range(5), probe.items);
      assertEquals(List.of(3L, 2L), publisher.requests);
      assertEquals(5, publisher.emitted());
      stream.fetch(5);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(10), probe.items);
      probe.assertEndedOnce();
      assertEquals(List.of(3L, 2L, 5L), publisher.requests);
    });
  }

  @Test
  void aFlowingConsumerRequestsInBoundedBatches() {
    int n = 5_000;
    ListPublisher<Integer> publisher = ListPublisher.of(range(n), null);
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, publisher);
    long[] mostAhead = {0};
    Probe<Integer> probe = new Probe<Integer>(tc).onItem(item ->
        mostAhead[0] = Math.max(mostAhead[0], publisher.emitted() - item));
    tc.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(n), probe.items);
      probe.assertEndedOnce();
      assertTrue(publisher.requests.stream().allMatch(r -> r > 0 && r <= 128), publisher.requests.toString());
      assertTrue(mostAhead[0] <= 128, "emitted ahead of delivery: " + mostAhead[0]);
    });
  }

  @Test
  void aPauseCannotTakeBackARequestSoWhatArrivesWaitsInTheStream() {
    ManualExecutor publisherThread = new ManualExecutor();
    ListPublisher<Integer> publisher = ListPublisher.on(publisherThread, range(20), null);
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, publisher);
    publisherThread.runAll(); // onSubscribe
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      stream.pause();
      probe.attach(stream);
      stream.fetch(5);
      stream.pause();
      stream.fetch(3);
    });
    tc.settle();
    assertEquals(List.of(5L), publisher.requests, "3 wanted after the pause, 5 still owed");
    publisherThread.runAll(); // the publisher sends the 5, on its own thread
    tc.settle();
    tc.run(() -> {
      assertEquals(range(3), probe.items, "3 delivered, 2 held");
      stream.fetch(10);
    });
    tc.settle();
    assertEquals(List.of(5L, 8L), publisher.requests, "10 wanted, 2 held");
    publisherThread.runAll();
    tc.settle();
    tc.run(() -> {
      assertEquals(range(13), probe.items);
      assertEquals(0, probe.offContext);
    });
  }

  @Test
  void itemsSentBeyondDemandAreKeptNotLost() {
    // A publisher that breaks rule 1.1: five items before any request.
    Flow.Publisher<Integer> eager = subscriber -> {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
      });
      for (int i = 1; i <= 5; i++) {
        subscriber.onNext(i);
      }
      subscriber.onComplete();
    };
    Probe<Integer> probe = new Probe<>(tc);
    Aiter<Integer> stream = tc.call(() -> {
      Aiter<Integer> s = Aiter.fromPublisher(tc.context, eager);
      s.pause();
      probe.attach(s);
      return s;
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(), probe.items, "held while the consumer asks nothing");
      assertEquals(0, probe.ends, "the end waits behind the held items");
      stream.fetch(2);
    });
    tc.settle();
    tc.run(() -> {
      assertEquals(range(2), probe.items);
      stream.fetch(3);
    });
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(5), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void signalsFromThePublisherThreadsAreCarriedOntoTheContext() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      ListPublisher<Integer> publisher = ListPublisher.on(executor, range(1000), null);
      Aiter<Integer> stream = Aiter.fromPublisher(tc.context, publisher);
      Probe<Integer> probe = new Probe<>(tc);
      tc.run(() -> probe.attach(stream));
      probe.awaitTerminal();
      tc.settle();
      tc.run(() -> {
        assertEquals(range(1000), probe.items);
        probe.assertEndedOnce(); // includes: no handler call off the context
      });
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void aHotPublisherLosesNothingOfferedAfterTheStreamIsMade() {
    SubmissionPublisher<Integer> hot = new SubmissionPublisher<>();
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, hot);
    for (int i = 1; i <= 100; i++) {
      hot.submit(i);
    }
    hot.close();
    tc.settle();
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(range(100), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aPublisherFailureFailsTheStreamOnceAfterItsItems() {
    RuntimeException cause = new RuntimeException("boom");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Aiter<Integer> stream = Aiter.fromPublisher(tc.context, ListPublisher.on(executor, range(3), cause));
      Probe<Integer> probe = new Probe<>(tc);
      tc.run(() -> probe.attach(stream));
      probe.awaitTerminal();
      tc.settle();
      tc.run(() -> {
        assertEquals(range(3), probe.items);
        assertEquals(List.of(cause), probe.failures);
        assertEquals(0, probe.ends);
        assertEquals(0, probe.offContext);
      });
    } finally {
      executor.shutdown();
    }
  }

  /** A publisher whose subscription's request throws {@code thrown}; its cancel runs {@code onCancel}. */
  private static Flow.Publisher<Integer> requestThrows(RuntimeException thrown, Runnable onCancel) {
    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        throw thrown;
      }

      @Override
      public void cancel() {
        onCancel.run();
      }
    });
  }

  /** A request that throws fails the stream and cancels the subscription (rule 3.16, contract 9). */
  @Test
  void aThrowingRequestFailsTheStreamAndCancelsTheSubscription() {
    AtomicInteger cancels = new AtomicInteger();
    RuntimeException boom = new RuntimeException("boom");
    Flow.Publisher<Integer> broken = requestThrows(boom, cancels::incrementAndGet);
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, broken);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stream));
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(boom), probe.failures);
      assertEquals(0, probe.ends);
    });
    assertEquals(1, cancels.get(), "the failing stream cancelled its subscription");
  }

  /**
   * A request and a cancel that both throw: the stream's exception handler runs once, with the
   * request's exception (contract 7); the cancel's goes to the context, never swallowed. It ran
   * the stream's handler twice.
   */
  @Test
  void aThrowingCancelAfterAThrowingRequestReportsTheFailureOnce() {
    RuntimeException boom = new RuntimeException("request");
    RuntimeException badCancel = new RuntimeException("cancel");
    Flow.Publisher<Integer> broken = requestThrows(boom, () -> {
      throw badCancel;
    });
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    tc.run(() -> tc.context.exceptionHandler(reported::add));
    try {
      Aiter<Integer> stream = Aiter.fromPublisher(tc.context, broken);
      Probe<Integer> probe = new Probe<>(tc);
      tc.run(() -> probe.attach(stream));
      tc.settle();
      tc.run(() -> {
        assertEquals(List.of(boom), probe.failures);
        assertEquals(0, probe.ends);
      });
      assertEquals(List.of(badCancel), reported);
    } finally {
      tc.run(() -> tc.context.exceptionHandler(null));
    }
  }

  @Test
  void aNullItemFailsTheStreamAndCancelsTheSubscription() {
    AtomicInteger cancels = new AtomicInteger();
    List<Throwable> thrownAtPublisher = new CopyOnWriteArrayList<>();
    Flow.Publisher<Integer> broken = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
      private boolean sent;

      @Override
      public void request(long n) {
        if (sent) {
          return;
        }
        sent = true;
        subscriber.onNext(1);
        try {
          subscriber.onNext(null);
        } catch (NullPointerException e) {
          thrownAtPublisher.add(e); // rule 2.13
        }
      }

      @Override
      public void cancel() {
        cancels.incrementAndGet();
      }
    });
    Aiter<Integer> stream = Aiter.fromPublisher(tc.context, broken);
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1), probe.items, "the item before the violation is delivered");
      assertEquals(1, probe.failures.size());
      assertInstanceOf(NullPointerException.class, probe.failures.get(0));
      assertEquals(0, probe.ends);
    });
    assertEquals(1, thrownAtPublisher.size());
    assertEquals(1, cancels.get(), "the failing stream cancelled its subscription");
  }

  @Test
  void aThrowingSubscribeFailsTheStreamAfterTheTaskThatMadeIt() {
    IllegalStateException cause = new IllegalStateException("cannot subscribe");
    Probe<Integer> probe = new Probe<>(tc);
    // Made on the context, the failure comes after the task that made it: its handlers hear it.
    tc.run(() -> probe.attach(Aiter.fromPublisher(tc.context, subscriber -> {
      throw cause;
    })));
    probe.awaitTerminal();
    tc.run(() -> assertSame(cause, probe.failures.get(0)));
  }

  @Test
  void aPublisherThatFailsInsideSubscribeIsHeardByHandlersSetRightAfter() {
    RuntimeException cause = new RuntimeException("failed at once");
    Flow.Publisher<Integer> failed = subscriber -> {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
      });
      subscriber.onError(cause);
    };
    List<Throwable> failures = new ArrayList<>();
    tc.run(() -> Aiter.fromPublisher(tc.context, failed).exceptionHandler(failures::add));
    tc.settle();
    tc.run(() -> assertEquals(List.of(cause), failures));
  }

  @Test
  void fromPublisherRejectsNullArgumentsNamingThem() {
    Flow.Publisher<Integer> publisher = ListPublisher.of(range(1), null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> Aiter.fromPublisher(tc.context, null));
    assertTrue(e.getMessage().contains("publisher"), e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Aiter.fromPublisher((Vertx) null, publisher));
    assertTrue(e.getMessage().contains("vertx"), e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Aiter.fromPublisher((Context) null, publisher));
    assertTrue(e.getMessage().contains("context"), e.getMessage());
  }

  // ------------------------------------------------------------------ round trips

  @Test
  void rxJavaRoundTripsThroughAnAiterChainWithItsDemandIntact() {
    List<Long> upstreamRequests = new CopyOnWriteArrayList<>();
    Flowable<Integer> source = Flowable.range(1, 1000).doOnRequest(upstreamRequests::add);
    Flow.Publisher<Integer> chain = Aiter.fromPublisher(tc.context, FlowAdapters.toFlowPublisher(source))
        .map(x -> x * 10)
        .toPublisher();
    TestSubscriber<Integer> result = Flowable.fromPublisher(FlowAdapters.toPublisher(chain))
        .take(5)
        .test();
    assertTrue(awaitDone(result));
    result.assertValues(10, 20, 30, 40, 50).assertComplete();
    assertEquals(5L, upstreamRequests.stream().mapToLong(Long::longValue).sum(),
        "take(5) asked for 5, and 5 is all the range was asked for: " + upstreamRequests);
  }

  @Test
  void reactorRoundTripsAcrossThreadsWithItsDemandIntact() {
    List<Long> upstreamRequests = new CopyOnWriteArrayList<>();
    Flux<Integer> source = Flux.range(1, 100)
        .doOnRequest(upstreamRequests::add)
        .subscribeOn(Schedulers.boundedElastic()); // signals come from a Reactor thread
    Flow.Publisher<Integer> chain = Aiter.fromPublisher(tc.context, JdkFlowAdapter.publisherToFlowPublisher(source))
        .mapFilter(x -> x % 2 == 0 ? List.of(x) : List.of())
        .toPublisher();
    List<Integer> result = JdkFlowAdapter.flowPublisherToFlux(chain)
        .limitRate(10)
        .collectList()
        .block(Duration.ofSeconds(TestContext.TIMEOUT_SECONDS));
    assertEquals(IntStream.rangeClosed(1, 50).map(x -> 2 * x).boxed().toList(), result);
    assertTrue(upstreamRequests.stream().allMatch(r -> r > 0 && r <= 10),
        "limitRate(10) downstream: no request upstream above 10: " + upstreamRequests);
  }

  @Test
  void mutinyRoundTripsThroughAnAiterChainWithItsDemandIntact() {
    List<Long> upstreamRequests = new CopyOnWriteArrayList<>();
    Multi<Integer> source = Multi.createFrom().range(1, 101).onRequest().invoke(upstreamRequests::add);
    Flow.Publisher<String> chain = Aiter.fromPublisher(tc.context, source).map(x -> "#" + x).toPublisher();
    AssertSubscriber<String> result = Multi.createFrom().publisher(chain)
        .subscribe().withSubscriber(AssertSubscriber.create(0));
    Duration timeout = Duration.ofSeconds(TestContext.TIMEOUT_SECONDS);
    result.request(3).awaitItems(3, timeout);
    tc.settle();
    assertEquals(List.of("#1", "#2", "#3"), result.getItems());
    assertEquals(List.of(3L), upstreamRequests, "3 asked at the end, 3 asked of the source");
    result.request(97).awaitItems(100, timeout).awaitCompletion(timeout);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      expected.add("#" + i);
    }
    assertEquals(expected, result.getItems());
    assertEquals(100L, upstreamRequests.stream().mapToLong(Long::longValue).sum(), upstreamRequests.toString());
  }

  private static boolean awaitDone(TestSubscriber<?> subscriber) {
    try {
      return subscriber.await(TestContext.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A Vert.x stream that is not ours and never emits. */
  private static final class ForeignStream implements ReadStream<Integer> {
    @Override
    public ReadStream<Integer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Integer> handler(Handler<Integer> handler) {
      return this;
    }

    @Override
    public ReadStream<Integer> pause() {
      return this;
    }

    @Override
    public ReadStream<Integer> resume() {
      return this;
    }

    @Override
    public ReadStream<Integer> fetch(long amount) {
      return this;
    }

    @Override
    public ReadStream<Integer> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }

  /** An executor whose tasks run when the test says, on the test thread: a publisher's own thread. */
  private static final class ManualExecutor implements java.util.concurrent.Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }

  /**
   * A publisher of a foreign stream, cancelled, lets go of that stream (contract 9), its handlers
   * with it: its own adopter was released, never closed (found in review).
   */
  @Test
  void toPublisherOfAForeignStreamCancelledLetsGoOfIt() {
    FakeStream<Integer> fake = new FakeStream<>();
    Flow.Publisher<Integer> publisher = tc.call(() -> Aiter.toPublisher(fake));
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    subscriber.subscription().request(1);
    tc.run(() -> fake.emit(7));
    tc.settle();
    assertEquals(List.of(7), subscriber.items);
    assertTrue(fake.hasHandler(), "the publisher reads it");
    subscriber.subscription().cancel();
    tc.settle();
    assertFalse(fake.hasHandler(), "the publisher let go of it");
  }

  /**
   * toPublisher of a foreign stream touches it only when the subscriber comes, as promised: it
   * set its handlers at once (found in review), which registers an event-bus consumer that,
   * paused, then discards past its buffer while nobody subscribes.
   */
  @Test
  void toPublisherOfAForeignStreamTouchesItOnlyWhenTheSubscriberComes() {
    FakeStream<Integer> fake = new FakeStream<>();
    Flow.Publisher<Integer> publisher = tc.call(() -> Aiter.toPublisher(fake));
    tc.settle();
    assertFalse(fake.hasHandler(), "untouched before a subscriber");
    assertEquals(List.of(), fake.calls(), "no call before a subscriber");
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    publisher.subscribe(subscriber);
    subscriber.subscription().request(2);
    tc.run(() -> {
      fake.emit(1);
      fake.emit(2);
      fake.end();
    });
    tc.settle();
    assertEquals(List.of(1, 2), subscriber.items);
    assertEquals(1, subscriber.completes.get(), "completed once");
  }

  /**
   * toPublisher of a foreign stream, subscribed from another context: the stream is called on the
   * context toPublisher took it to live on, never from the subscriber's (contract 1; found in
   * review: adopted in subscribe, it was taken to live where subscribe was called).
   */
  @Test
  void toPublisherSubscribedFromAnotherContextCallsAForeignStreamOnItsOwn() {
    List<Context> calls = new CopyOnWriteArrayList<>();
    PushStream<Integer> in = PushStream.create(tc.context);
    ReadStream<Integer> plain = new PlainStream<>(in, () -> calls.add(Vertx.currentContext()));
    Flow.Publisher<Integer> publisher = tc.call(() -> Aiter.toPublisher(plain));
    Context other = tc.vertx.getOrCreateContext();
    assertNotSame(tc.context, other);
    RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
    other.runOnContext(v -> publisher.subscribe(subscriber));
    TestContext.await(subscriber.subscribed).request(2);
    in.push(1, 2);
    in.stop();
    subscriber.awaitTerminal();
    assertEquals(List.of(1, 2), subscriber.items);
    assertFalse(calls.isEmpty(), "the stream was read");
    assertTrue(calls.stream().allMatch(c -> c == tc.context), "called on " + calls);
  }
}

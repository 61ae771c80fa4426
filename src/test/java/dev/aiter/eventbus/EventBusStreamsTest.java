package dev.aiter.eventbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import dev.aiter.StoppableStream;
import dev.aiter.eventbus.impl.Protocol;
import dev.aiter.support.Items;
import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams across the local event bus: the two shapes, demand carried as credits, and every fault
 * the API names. The same protocol across a real cluster: {@link ClusteredStreamsTest}.
 */
class EventBusStreamsTest {

  @RegisterExtension
  static final TestContext tc = new TestContext();

  private static final long SHORT_TIMEOUT = 300;

  // ------------------------------------------------------------------ demand carried as credits

  @Test
  void oneHundredThousandItemsReachAOneAtATimeConsumerOnAnotherEventLoopNeverAheadOfCredits() {
    int n = 100_000;
    int window = StreamOptions.DEFAULT_WINDOW;
    AtomicLong credits = new AtomicLong();
    AtomicLong worstAheadOfCredits = new AtomicLong(Long.MIN_VALUE);
    Numbers numbers = new Numbers(n, pulled -> worstAheadOfCredits.accumulateAndGet(pulled - credits.get(), Math::max));
    // Credits are counted as the consumer sends them: before the producer can have them.
    Handler<DeliveryContext<Object>> countCredits = dc -> {
      MultiMap headers = dc.message().headers();
      String kind = headers.get(Protocol.KIND);
      if (Protocol.OPEN.equals(kind) || Protocol.CREDIT.equals(kind)) {
        credits.addAndGet(Long.parseLong(headers.get(Protocol.CREDIT)));
      }
      dc.next();
    };
    tc.vertx.eventBus().addOutboundInterceptor(countCredits);
    try {
      EventBusStreams streams = EventBusStreams.create(tc.vertx);
      AtomicReference<Thread> producerThread = new AtomicReference<>();
      CompletableFuture<StreamRef<Integer>> ref = new CompletableFuture<>();
      deploy(new VerticleBase() {
        @Override
        public Future<?> start() {
          producerThread.set(Thread.currentThread());
          return streams.export(Aiter.fromIterator(context, numbers)).onSuccess(ref::complete);
        }
      });

      AtomicReference<Thread> consumerThread = new AtomicReference<>();
      AtomicLong delivered = new AtomicLong();
      AtomicLong outOfOrder = new AtomicLong();
      AtomicLong worstAheadOfDelivery = new AtomicLong(Long.MIN_VALUE);
      CompletableFuture<Void> ended = new CompletableFuture<>();
      deploy(new VerticleBase() {
        @Override
        public Future<?> start() {
          consumerThread.set(Thread.currentThread());
          StoppableStream<Integer> stream = streams.open(TestContext.await(ref));
          stream.pause();
          stream.exceptionHandler(ended::completeExceptionally);
          stream.endHandler(ended::complete);
          stream.handler(item -> {
            long count = delivered.incrementAndGet();
            if (item != count) {
              outOfOrder.incrementAndGet();
            }
            worstAheadOfDelivery.accumulateAndGet(numbers.pulled.get() - count, Math::max);
            stream.fetch(1);
          });
          stream.fetch(1);
          return Future.succeededFuture();
        }
      });

      TestContext.await(ended);
      assertNotEquals(producerThread.get(), consumerThread.get(), "two event loops");
      assertEquals(n, delivered.get(), "all arrive");
      assertEquals(0, outOfOrder.get(), "in order");
      assertTrue(worstAheadOfCredits.get() <= 0, "the source was pulled " + worstAheadOfCredits.get() + " beyond the credits");
      assertTrue(worstAheadOfDelivery.get() <= window,
          "the source was " + worstAheadOfDelivery.get() + " ahead of delivery; window " + window);
    } finally {
      tc.vertx.eventBus().removeOutboundInterceptor(countCredits);
    }
  }

  @Test
  void aPausedConsumerStopsTheSourceAfterAtMostTheWindowAndLosesNothing() {
    int window = 50;
    int n = 1_000;
    int before = 120;
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(window));
    Numbers numbers = new Numbers(n);
    StreamRef<Integer> ref = export(streams, () -> Aiter.fromIterator(tc.context, numbers));
    CompletableFuture<Void> paused = new CompletableFuture<>();
    Probe<Integer> probe = new Probe<>(tc);
    StoppableStream<Integer> stream = tc.call(() -> streams.open(ref));
    probe.onItem(item -> {
      if (probe.items.size() == before) {
        stream.pause();
        paused.complete(null);
      }
    });
    tc.run(() -> probe.attach(stream));
    TestContext.await(paused);
    tc.settle();
    long pulled = numbers.pulled.get();
    assertTrue(pulled - before <= window, "pulled " + pulled + " for " + before + " delivered; window " + window);
    tc.settle();
    assertEquals(pulled, numbers.pulled.get(), "a paused consumer asks for nothing more");
    tc.run(() -> assertEquals(before, probe.items.size()));

    tc.run(stream::resume);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, n), probe.items);
      probe.assertEndedOnce();
    });
  }

  @Test
  void aPausedConsumerOutlivesManyPeerTimeoutsOnHeartbeatsAlone() {
    // The consumer's timeout is short, the producer's the default: they agree on the shorter one.
    EventBusStreams producing = EventBusStreams.create(tc.vertx);
    EventBusStreams consuming = EventBusStreams.create(tc.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    StreamRef<Integer> ref = export(producing, () -> Aiter.fromIterator(tc.context, new Numbers(10)));
    Probe<Integer> probe = new Probe<>(tc);
    CompletableFuture<Void> quietPeriodOver = new CompletableFuture<>();
    tc.run(() -> {
      StoppableStream<Integer> stream = consuming.open(ref);
      stream.pause();
      probe.attach(stream);
      stream.fetch(3);
      tc.vertx.setTimer(SHORT_TIMEOUT * 4, t -> {
        quietPeriodOver.complete(null);
        stream.resume();
      });
    });
    TestContext.await(quietPeriodOver);
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, 10), probe.items);
      probe.assertEndedOnce();
    });
  }

  // ------------------------------------------------------------------ the service

  @Test
  void threeClientsOfVeryDifferentSpeedsEachGetTheirWholeAnswerAndTheSlowOneHoldsUpNobody() {
    int fastItems = 20_000;
    int slowItems = 200;
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(64));
    String address = "numbers." + UUID.randomUUID();
    deploy(new VerticleBase() {
      @Override
      public Future<?> start() {
        return streams.serve(address, (Message<Integer> request) -> Aiter.fromIterator(context, new Numbers(request.body())));
      }
    });

    List<Probe<Integer>> fast = List.of(new Probe<>(tc), new Probe<>(tc));
    Probe<Integer> slow = new Probe<>(tc);
    List<Integer> slowItemsWhenAFastOneEnded = new ArrayList<>();
    tc.run(() -> {
      StoppableStream<Integer> slowStream = streams.request(address, slowItems);
      slowStream.pause();
      // One item per 5 ms timer: at least half a second for half of its items.
      slow.onItem(item -> tc.vertx.setTimer(5, t -> slowStream.fetch(1))).attach(slowStream);
      slowStream.fetch(1);
      for (Probe<Integer> probe : fast) {
        StoppableStream<Integer> fastStream = streams.request(address, fastItems);
        probe.attach(fastStream);
        fastStream.endHandler(v -> {
          slowItemsWhenAFastOneEnded.add(slow.items.size());
          probe.ends++;
          probe.terminated.complete(null);
        });
      }
    });
    fast.forEach(Probe::awaitTerminal);
    slow.awaitTerminal();
    tc.run(() -> {
      for (Probe<Integer> probe : fast) {
        assertEquals(Items.range(1, fastItems), probe.items);
        probe.assertEndedOnce();
      }
      assertEquals(Items.range(1, slowItems), slow.items);
      slow.assertEndedOnce();
      assertEquals(2, slowItemsWhenAFastOneEnded.size());
      for (int slowCount : slowItemsWhenAFastOneEnded) {
        assertTrue(slowCount < slowItems / 2, "a fast client ended when the slow one had " + slowCount);
      }
    });
  }

  @Test
  void aClosedServiceTakesNoMoreRequestsWhileItsOpenStreamsGoOn() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(8));
    String address = "closing." + UUID.randomUUID();
    StreamService service = TestContext.await(tc.call(() -> streams.serve(address,
        (Message<Integer> request) -> Aiter.fromIterator(tc.context, new Numbers(request.body())))));
    assertEquals(address, service.address());
    CompletableFuture<Void> tenItems = new CompletableFuture<>();
    Probe<Integer> open = new Probe<Integer>(tc).onItem(item -> {
      if (item == 10) {
        tenItems.complete(null);
      }
    });
    StoppableStream<Integer> stream = tc.call(() -> streams.request(address, 100));
    tc.run(() -> {
      stream.pause();
      open.attach(stream);
      stream.fetch(10);
    });
    TestContext.await(tenItems);
    tc.settle();
    tc.run(() -> assertEquals(Items.range(1, 10), open.items, "exactly the demand"));

    TestContext.await(service.close());
    ReplyException refused = replyFailure(tc.call(() -> streams.request(address, 5)));
    assertEquals(ReplyFailure.NO_HANDLERS, refused.failureType());
    assertTrue(refused.getMessage().contains(address), refused.getMessage());

    tc.run(stream::resume);
    open.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, 100), open.items);
      open.assertEndedOnce();
    });
  }

  @Test
  void aServiceFunctionThatThrowsOrReturnsNullFailsTheRequestersStream() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    String address = "broken." + UUID.randomUUID();
    TestContext.await(tc.call(() -> streams.serve(address, (Message<String> request) -> {
      if (request.body().equals("throw")) {
        throw new IllegalArgumentException("no such log");
      }
      return null;
    })));
    ReplyException threw = replyFailure(tc.call(() -> streams.request(address, "throw")));
    assertEquals(ReplyFailure.RECIPIENT_FAILURE, threw.failureType());
    assertEquals(EventBusStreams.SERVICE_FAILED, threw.failureCode());
    assertTrue(threw.getMessage().contains("no such log"), threw.getMessage());

    ReplyException returnedNull = replyFailure(tc.call(() -> streams.request(address, "null")));
    assertEquals(EventBusStreams.SERVICE_FAILED, returnedNull.failureCode());
    assertTrue(returnedNull.getMessage().contains("null"), returnedNull.getMessage());
  }

  @Test
  void aPlainRequestToAServiceIsRefusedAsNotAStreamRequest() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    String address = "plain." + UUID.randomUUID();
    TestContext.await(tc.call(() -> streams.serve(address, request -> Aiter.fromIterable(tc.context, List.of(1)))));
    Throwable failure = awaitFailure(tc.call(() -> tc.vertx.eventBus().request(address, "hello")));
    ReplyException e = assertInstanceOf(ReplyException.class, failure);
    assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
    assertEquals(EventBusStreams.NOT_A_STREAM_REQUEST, e.failureCode());
  }

  // ------------------------------------------------------------------ faults

  @Test
  void theSourcesFailureIsTheConsumersFailureAfterTheItemsBeforeIt() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    StreamRef<Integer> ref = export(streams, () -> {
      PushStream<Integer> push = PushStream.create(tc.context);
      push.push(1, 2, 3);
      push.fail(new IllegalStateException("disk on fire"));
      return push;
    });
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(streams.open(ref)));
    probe.awaitTerminal();
    tc.settle();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(1, probe.failures.size());
      ReplyException e = assertInstanceOf(ReplyException.class, probe.failures.get(0));
      assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
      assertEquals(EventBusStreams.SOURCE_FAILED, e.failureCode());
      assertEquals("disk on fire", e.getMessage());
    });
  }

  @Test
  void aReferenceOpensOnceAndASecondOpenFails() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    StreamRef<Integer> ref = export(streams, () -> Aiter.fromIterator(tc.context, new Numbers(5)));
    Probe<Integer> first = new Probe<>(tc);
    tc.run(() -> first.attach(streams.open(ref)));
    first.awaitTerminal();

    ReplyException again = replyFailure(tc.call(() -> streams.open(ref)));
    // Opened and since ended: the reference is gone.
    assertEquals(ReplyFailure.NO_HANDLERS, again.failureType());

    StreamRef<Integer> live = export(streams, () -> Aiter.fromIterator(tc.context, new Numbers(Long.MAX_VALUE)));
    Probe<Integer> opened = new Probe<>(tc);
    StoppableStream<Integer> stream = tc.call(() -> streams.open(live));
    tc.run(() -> {
      stream.pause();
      opened.attach(stream);
      stream.fetch(2);
    });
    ReplyException second = replyFailure(tc.call(() -> streams.open(live)));
    assertEquals(ReplyFailure.RECIPIENT_FAILURE, second.failureType());
    assertEquals(EventBusStreams.ALREADY_OPEN, second.failureCode());
    assertTrue(second.getMessage().contains(live.address()), second.getMessage());

    tc.run(() -> stream.fetch(3));
    tc.settle();
    tc.run(() -> {
      assertEquals(Items.range(1, 5), opened.items, "the first stream goes on");
      assertEquals(List.of(), opened.failures);
      stream.stop();
    });
    assertEquals(5, first.items.size());
  }

  @Test
  void aReferenceNeverOpenedIsWithdrawnAfterThePeerTimeoutAndItsSourceLetGoOf() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    Watched<Integer> source = new Watched<>(Aiter.fromIterator(tc.context, new Numbers(10)));
    List<String> order = new ArrayList<>();
    StreamRef<Integer> ref = TestContext.await(tc.call(() -> streams.export(source).onSuccess(exported -> {
      tc.vertx.setTimer(SHORT_TIMEOUT / 2, t -> order.add(source.released.isDone() ? "released" : "held"));
      tc.vertx.setTimer(SHORT_TIMEOUT * 3, t -> order.add(source.released.isDone() ? "released" : "held"));
    })));
    TestContext.await(source.released);
    tc.settle();
    ReplyException gone = replyFailure(tc.call(() -> streams.open(ref)));
    assertEquals(ReplyFailure.NO_HANDLERS, gone.failureType());
    assertTrue(gone.getMessage().contains(ref.address()), gone.getMessage());
    assertEquals(0, source.pulled.get(), "nothing was pulled for nobody");
    tc.run(() -> tc.vertx.setTimer(SHORT_TIMEOUT * 3, t -> order.add("done")));
    awaitSize(order, 3);
    assertEquals(List.of("held", "released", "done"), order, "held for half the timeout, released within three");
  }

  /**
   * A source that fails before anyone opened its reference, which is then withdrawn: its failure
   * goes to the context's exception handler, once, when nobody can open it any more. It was kept
   * for an opener that never came, and so dropped unseen (found in review).
   */
  @Test
  void aSourceFailureBeforeAnOpenerCameGoesToTheContextWhenTheReferenceIsWithdrawn() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    RuntimeException cause = new RuntimeException("failed before anyone opened it");
    PushStream<Integer> pushed = PushStream.create(tc.context);
    Watched<Integer> source = new Watched<>(pushed);
    List<Throwable> reported = new ArrayList<>();
    CompletableFuture<Void> firstReport = new CompletableFuture<>();
    tc.run(() -> tc.context.exceptionHandler(t -> {
      reported.add(t);
      firstReport.complete(null);
    }));
    try {
      StreamRef<Integer> ref = TestContext.await(tc.call(() -> streams.export(source)));
      tc.run(() -> {
        pushed.fail(cause);
        assertEquals(List.of(), reported, "an opener may still come for it");
      });
      TestContext.await(firstReport);
      tc.settle();
      tc.run(() -> assertEquals(List.of(cause), reported, "once"));
      ReplyException gone = replyFailure(tc.call(() -> streams.open(ref)));
      assertEquals(ReplyFailure.NO_HANDLERS, gone.failureType(), "reported once withdrawn");
    } finally {
      tc.run(() -> tc.context.exceptionHandler(null));
    }
  }

  @Test
  void anItemWithoutACodecFailsTheStreamAtOnceNamingItsClass() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    Watched<Object> source = new Watched<>(Aiter.fromIterable(tc.context, List.of("a", "b", new NoCodec(), "c", "d")));
    StreamRef<Object> ref = export(streams, () -> source);
    Probe<Object> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(streams.open(ref)));
    probe.awaitTerminal();
    TestContext.await(source.released);
    tc.run(() -> {
      assertEquals(List.of("a", "b"), probe.items);
      ReplyException e = assertInstanceOf(ReplyException.class, probe.failures.get(0));
      assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
      assertEquals(EventBusStreams.ITEM_NOT_CARRIED, e.failureCode());
      assertTrue(e.getMessage().contains(NoCodec.class.getName()), e.getMessage());
      assertEquals(3, source.pulled.get(), "nothing pulled after the item that could not go");
    });
  }

  @Test
  void aStreamExportedTwiceFailsTheSecondExport() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    Aiter<Integer> source = tc.call(() -> Aiter.fromIterator(tc.context, new Numbers(3)));
    StreamRef<Integer> ref = TestContext.await(tc.call(() -> streams.export(source)));
    Throwable second = awaitFailure(tc.call(() -> streams.export(source)));
    assertInstanceOf(IllegalStateException.class, second);
    assertTrue(second.getMessage().contains("consumed"), second.getMessage());
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(streams.open(ref)));
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(List.of(1, 2, 3), probe.items, "the first export goes on");
      probe.assertEndedOnce();
    });
  }

  @Test
  void noSuchReferenceOrServiceFailsWithNoHandlers() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    ReplyException ref = replyFailure(tc.call(() -> streams.open(new StreamRef<>("nowhere." + UUID.randomUUID(), "x"))));
    assertEquals(ReplyFailure.NO_HANDLERS, ref.failureType());
    ReplyException service = replyFailure(tc.call(() -> streams.request("nowhere." + UUID.randomUUID(), "hello")));
    assertEquals(ReplyFailure.NO_HANDLERS, service.failureType());
  }

  @Test
  void stoppingTheConsumerStopsTheSourceAndRemovesTheRegistrationsOfBothSides() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(16));
    Watched<Integer> source = new Watched<>(Aiter.fromIterator(tc.context, new Numbers(Long.MAX_VALUE)));
    StreamRef<Integer> ref = export(streams, () -> source);
    CompletableFuture<String> inbox = new CompletableFuture<>();
    Handler<DeliveryContext<Object>> findInbox = dc -> {
      if (Protocol.OPEN.equals(dc.message().headers().get(Protocol.KIND))) {
        inbox.complete(dc.message().headers().get(Protocol.INBOX));
      }
      dc.next();
    };
    tc.vertx.eventBus().addOutboundInterceptor(findInbox);
    Probe<Integer> probe = new Probe<>(tc);
    try {
      StoppableStream<Integer> stream = tc.call(() -> streams.open(ref));
      probe.onItem(item -> {
        if (item == 100) {
          stream.stop();
        }
      });
      tc.run(() -> probe.attach(stream));
      probe.awaitTerminal();
      TestContext.await(source.released);
    } finally {
      tc.vertx.eventBus().removeOutboundInterceptor(findInbox);
    }
    tc.settle();
    long pulled = source.pulled.get();
    tc.run(() -> {
      assertEquals(Items.range(1, 100), probe.items);
      probe.assertEndedOnce();
      assertTrue(pulled <= 100 + 16, "pulled " + pulled);
    });
    tc.settle();
    assertEquals(pulled, source.pulled.get(), "the source is no longer pulled");
    for (String address : List.of(ref.address(), TestContext.await(inbox))) {
      Throwable failure = awaitFailure(tc.call(() -> tc.vertx.eventBus().request(address, null)));
      assertEquals(ReplyFailure.NO_HANDLERS, assertInstanceOf(ReplyException.class, failure).failureType(), address);
    }
  }

  @Test
  void aProducerWhoseVerticleIsUndeployedFailsTheConsumerWithATimeoutNamingTheStream() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    CompletableFuture<StreamRef<Integer>> exported = new CompletableFuture<>();
    String producer = deploy(new VerticleBase() {
      @Override
      public Future<?> start() {
        return streams.export(Aiter.fromIterator(context, new Numbers(Long.MAX_VALUE))).onSuccess(exported::complete);
      }
    });
    StreamRef<Integer> ref = TestContext.await(exported);
    Probe<Integer> probe = new Probe<>(tc);
    CompletableFuture<Void> tenItems = new CompletableFuture<>();
    StoppableStream<Integer> stream = tc.call(() -> streams.open(ref));
    probe.onItem(item -> {
      if (item == 10) {
        stream.pause();
        tenItems.complete(null);
      }
    });
    tc.run(() -> probe.attach(stream));
    TestContext.await(tenItems);
    TestContext.await(tc.vertx.undeploy(producer));
    tc.run(stream::resume); // the failure comes after the items the stream holds
    probe.awaitTerminal();
    tc.run(() -> {
      assertEquals(Items.range(1, probe.items.size()), probe.items);
      assertTrue(probe.items.size() <= 10 + StreamOptions.DEFAULT_WINDOW, "items " + probe.items.size());
      assertEquals(0, probe.ends);
      ReplyException e = assertInstanceOf(ReplyException.class, probe.failures.get(0));
      assertEquals(ReplyFailure.TIMEOUT, e.failureType());
      assertTrue(e.getMessage().contains(ref.address()), e.getMessage());
    });
  }

  @Test
  void aConsumerWhoseVerticleIsUndeployedMakesTheProducerLetGoOfItsSource() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    Watched<Integer> source = new Watched<>(Aiter.fromIterator(tc.context, new Numbers(Long.MAX_VALUE)));
    StreamRef<Integer> ref = export(streams, () -> source);
    CompletableFuture<Void> tenItems = new CompletableFuture<>();
    String consumer = deploy(new VerticleBase() {
      @Override
      public Future<?> start() {
        StoppableStream<Integer> stream = streams.open(ref);
        stream.pause();
        stream.handler(item -> {
          if (item == 10) {
            tenItems.complete(null);
          } else {
            stream.fetch(1);
          }
        });
        stream.fetch(1);
        return Future.succeededFuture();
      }
    });
    TestContext.await(tenItems);
    assertTrue(!source.released.isDone());
    TestContext.await(tc.vertx.undeploy(consumer));
    TestContext.await(source.released);
    long pulled = source.pulled.get();
    tc.settle();
    assertEquals(pulled, source.pulled.get());
  }

  // ------------------------------------------------------------------ a producer that breaks the protocol

  @Test
  void aGapADuplicateOrAnItemNotAskedForFailsTheStreamLoudly() {
    assertBroken(List.of(1L, 2L, 4L), false, "1 lost");
    assertBroken(List.of(1L, 2L, 2L), false, "duplicate");
    // A paused consumer opens with no credit at all.
    assertBroken(List.of(1L), true, "beyond the 0 asked for");
  }

  /**
   * Plays a producer by hand that sends items numbered {@code seqs} to a consumer ({@code paused}
   * or flowing); the stream must fail naming what went wrong, and tell the producer to stop.
   */
  private void assertBroken(List<Long> seqs, boolean paused, String expected) {
    EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(4));
    String address = "fake." + UUID.randomUUID();
    CompletableFuture<String> stopped = new CompletableFuture<>();
    TestContext.await(tc.call(() -> tc.vertx.eventBus().<Object>consumer(address, frame -> {
      MultiMap headers = frame.headers();
      String kind = headers.get(Protocol.KIND);
      if (Protocol.OPEN.equals(kind)) {
        frame.reply(null);
        for (long seq : seqs) {
          tc.vertx.eventBus().send(headers.get(Protocol.INBOX), (int) seq,
              new io.vertx.core.eventbus.DeliveryOptions().addHeader(Protocol.SEQ, Long.toString(seq)));
        }
      } else if (Protocol.STOP.equals(kind)) {
        frame.reply(null);
        stopped.complete(kind);
      }
    }).completion()));
    Probe<Integer> probe = new Probe<>(tc);
    tc.run(() -> {
      StoppableStream<Integer> stream = streams.open(new StreamRef<>(address, "fake"));
      if (paused) {
        stream.pause();
      }
      probe.attach(stream);
    });
    probe.awaitTerminal();
    assertEquals(Protocol.STOP, TestContext.await(stopped), "the producer is told to stop");
    tc.run(() -> {
      assertEquals(0, probe.ends);
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, probe.failures.get(0));
      assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(address), e.getMessage());
    });
  }

  // ------------------------------------------------------------------ values and bad input

  @Test
  void referencesAreValuesThatTravelAsJson() {
    StreamRef<String> ref = new StreamRef<>("a", "1");
    assertEquals(ref, StreamRef.fromJson(ref.toJson()));
    assertEquals(ref.hashCode(), StreamRef.fromJson(ref.toJson()).hashCode());
    assertNotEquals(ref, new StreamRef<>("a", "2"));
    assertNotEquals(ref, new StreamRef<>("b", "1"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> StreamRef.fromJson(new io.vertx.core.json.JsonObject().put("address", "a")));
    assertTrue(e.getMessage().contains("\"id\""), e.getMessage());
  }

  @Test
  void optionsCopyAndTravelAsJson() {
    StreamOptions options = new StreamOptions().setWindow(7).setPeerTimeout(1234)
        .setDeliveryOptions(new io.vertx.core.eventbus.DeliveryOptions().setCodecName("mine").setLocalOnly(true));
    StreamOptions copy = new StreamOptions(new StreamOptions(options.toJson()));
    assertEquals(options.toJson(), copy.toJson());
    assertEquals(7, copy.getWindow());
    assertEquals(1234, copy.getPeerTimeout());
    assertEquals("mine", copy.getDeliveryOptions().getCodecName());
    assertTrue(copy.getDeliveryOptions().isLocalOnly());
    assertEquals(StreamOptions.DEFAULT_WINDOW, new StreamOptions().getWindow());
    assertEquals(10_000, new StreamOptions().getPeerTimeout());
    EventBusStreams streams = EventBusStreams.create(tc.vertx, options);
    options.setWindow(99);
    assertEquals(7, streams.options().getWindow(), "create takes a copy");
  }

  @Test
  void badInputIsRefusedAtOnceNamingTheArgument() {
    EventBusStreams streams = EventBusStreams.create(tc.vertx);
    assertRefused(IllegalArgumentException.class, "window", () -> new StreamOptions().setWindow(0));
    assertRefused(IllegalArgumentException.class, "peerTimeout", () -> new StreamOptions().setPeerTimeout(0));
    assertRefused(NullPointerException.class, "deliveryOptions", () -> new StreamOptions().setDeliveryOptions(null));
    assertRefused(IllegalArgumentException.class, "window",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("window", 0)));
    assertRefused(IllegalArgumentException.class, "peerTimeout",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("peerTimeout", -1)));
    // Found in review: truncated to a window of 1, or an unboxing NullPointerException naming nothing.
    assertRefused(IllegalArgumentException.class, "window",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("window", 4_294_967_297L)));
    assertRefused(IllegalArgumentException.class, "window",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().putNull("window")));
    assertRefused(IllegalArgumentException.class, "window",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("window", 2.5)));
    assertRefused(IllegalArgumentException.class, "peerTimeout",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().putNull("peerTimeout")));
    // Found in review: a ClassCastException naming nothing, and a null taken for "left out".
    assertRefused(IllegalArgumentException.class, "deliveryOptions",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("deliveryOptions", "fast")));
    assertRefused(IllegalArgumentException.class, "deliveryOptions",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().putNull("deliveryOptions")));
    assertRefused(IllegalArgumentException.class, "deliveryOptions",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject()
            .put("deliveryOptions", new io.vertx.core.json.JsonObject().put("timeout", "soon"))));
    assertRefused(IllegalArgumentException.class, "deliveryOptions",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("deliveryOptions",
            new io.vertx.core.json.JsonObject().put("headers", new io.vertx.core.json.JsonObject().put("h", 1)))));
    assertRefused(IllegalArgumentException.class, "deliveryOptions",
        () -> new StreamOptions(new io.vertx.core.json.JsonObject().put("deliveryOptions",
            new io.vertx.core.json.JsonObject().put("tracingPolicy", "bogus"))));
    assertRefused(NullPointerException.class, "vertx", () -> EventBusStreams.create(null));
    assertRefused(NullPointerException.class, "options", () -> EventBusStreams.create(tc.vertx, null));
    assertRefused(NullPointerException.class, "stream", () -> streams.export(null));
    assertRefused(NullPointerException.class, "ref", () -> streams.open(null));
    assertRefused(NullPointerException.class, "address", () -> streams.serve(null, m -> null));
    assertRefused(NullPointerException.class, "handler", () -> streams.serve("a", null));
    assertRefused(NullPointerException.class, "address", () -> streams.request(null, "body"));
    assertRefused(NullPointerException.class, "address", () -> new StreamRef<>(null, "id"));
  }

  private static void assertRefused(Class<? extends RuntimeException> type, String argument, Runnable call) {
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(type, call::run);
    assertTrue(e.getMessage().contains(argument), e.getMessage());
  }

  // ------------------------------------------------------------------ helpers

  /** A type the event bus has no codec for (and not Serializable). */
  static final class NoCodec {
  }

  private static String deploy(VerticleBase verticle) {
    return TestContext.await(tc.vertx.deployVerticle(verticle));
  }

  /** Exports the stream {@code source} makes on the test context, and waits for the reference. */
  private static <T> StreamRef<T> export(EventBusStreams streams, java.util.function.Supplier<io.vertx.core.streams.ReadStream<T>> source) {
    return TestContext.await(tc.call(() -> streams.export(source.get())));
  }

  /** The failure {@code stream} ends with, as a ReplyException; asserts that it delivered no item. */
  private static <T> ReplyException replyFailure(StoppableStream<T> stream) {
    Probe<T> probe = new Probe<>(tc);
    tc.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    tc.settle();
    return tc.call(() -> {
      assertEquals(List.of(), probe.items);
      assertEquals(0, probe.ends);
      assertEquals(1, probe.failures.size(), "failures");
      return assertInstanceOf(ReplyException.class, probe.failures.get(0));
    });
  }

  private static Throwable awaitFailure(Future<?> future) {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    future.onComplete(ar -> failure.complete(ar.cause()));
    Throwable cause = TestContext.await(failure);
    assertTrue(cause != null, "expected a failure");
    return cause;
  }

  /** Waits until {@code list}, filled on the test context, holds {@code size} elements. */
  private static void awaitSize(List<?> list, int size) {
    CompletableFuture<Void> full = new CompletableFuture<>();
    tc.run(() -> tc.vertx.setPeriodic(10, id -> {
      if (list.size() >= size) {
        tc.vertx.cancelTimer(id);
        full.complete(null);
      }
    }));
    TestContext.await(full);
  }
}

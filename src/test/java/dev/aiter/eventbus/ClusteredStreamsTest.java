package dev.aiter.eventbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Aiter;
import dev.aiter.StoppableStream;
import dev.aiter.support.ClusterNodes;
import dev.aiter.support.Items;
import dev.aiter.support.Probe;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.vertx.core.streams.ReadStream;

/**
 * Streams between two Vert.x nodes clustered with Hazelcast in this JVM, on loopback: node A
 * produces, node B consumes. The nodes start once for the class (a few seconds); the test that
 * closes a node mid-stream starts a third.
 */
@Timeout(120)
class ClusteredStreamsTest {

  private static final long SHORT_TIMEOUT = 1_000;

  private static String cluster;
  private static TestContext a;
  private static TestContext b;

  @BeforeAll
  static void startNodes() {
    cluster = ClusterNodes.cluster();
    a = new TestContext(TestContext.await(ClusterNodes.start(cluster)));
    b = new TestContext(TestContext.await(ClusterNodes.start(cluster)));
    for (TestContext node : List.of(a, b)) {
      node.vertx.eventBus().registerCodec(new PointCodec());
    }
  }

  @AfterAll
  static void stopNodes() {
    if (a != null) {
      TestContext.await(Future.join(a.vertx.close(), b.vertx.close()));
    }
  }

  // ------------------------------------------------------------------ a million items

  @Test
  void aMillionItemsCrossToAConsumerThatPausesAndResumesNoneLostNoneTwiceInOrder() {
    int n = 1_000_000;
    int pauseAt = 300_000;
    int window = StreamOptions.DEFAULT_WINDOW;
    Numbers numbers = new Numbers(n);
    EventBusStreams onA = EventBusStreams.create(a.vertx);
    EventBusStreams onB = EventBusStreams.create(b.vertx);
    // A hands out the reference as JSON in an ordinary reply, as an application would.
    String refs = "refs." + cluster;
    TestContext.await(a.call(() -> a.vertx.eventBus().<Void>consumer(refs,
        ask -> onA.export(Aiter.fromIterator(a.context, numbers)).onSuccess(ref -> ask.reply(ref.toJson()))).completion()));
    StreamRef<Integer> ref = StreamRef.fromJson(
        (JsonObject) TestContext.await(b.call(() -> b.vertx.eventBus().request(refs, null))).body());

    AtomicLong delivered = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicLong worstAhead = new AtomicLong(Long.MIN_VALUE);
    List<Long> pulledWhilePaused = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    b.run(() -> {
      StoppableStream<Integer> stream = onB.open(ref);
      stream.exceptionHandler(ended::completeExceptionally);
      stream.endHandler(ended::complete);
      stream.handler(item -> {
        long count = delivered.incrementAndGet();
        if (item != count) {
          wrong.incrementAndGet();
        }
        worstAhead.accumulateAndGet(numbers.pulled.get() - count, Math::max);
        if (count == pauseAt) {
          stream.pause();
          b.vertx.setTimer(200, t -> pulledWhilePaused.add(numbers.pulled.get()));
          b.vertx.setTimer(600, t -> {
            pulledWhilePaused.add(numbers.pulled.get());
            stream.resume();
          });
        }
      });
    });
    TestContext.await(ended, 90); // a million items across two nodes: over 20 s on a loaded 2-core machine
    assertEquals(n, delivered.get(), "none lost");
    assertEquals(0, wrong.get(), "none duplicated, in order");
    assertTrue(worstAhead.get() <= window, "the producer was " + worstAhead.get() + " ahead; window " + window);
    b.run(() -> {
      assertEquals(2, pulledWhilePaused.size());
      assertTrue(pulledWhilePaused.get(0) <= pauseAt + window, "pulled while paused: " + pulledWhilePaused);
      assertEquals(pulledWhilePaused.get(0), pulledWhilePaused.get(1), "a paused consumer asks for nothing more");
    });
  }

  // ------------------------------------------------------------------ item types

  @Test
  void everyKindOfItemTheEventBusCarriesCrossesTheCluster() {
    List<List<Object>> samples = List.of(
        List.of("one", "", "drei ünïcødé"),
        List.of(Buffer.buffer("bytes"), Buffer.buffer(new byte[] {0, 1, 2, (byte) 255})),
        List.of(new JsonObject().put("a", 1).put("nested", new JsonObject().put("b", List.of(1, 2)))),
        List.of(new JsonArray().add(1).add("two").add(new JsonObject())),
        List.of(1, -2, Integer.MAX_VALUE),
        List.of(1L, Long.MIN_VALUE),
        List.of(1.5d, Double.NaN),
        List.of(2.5f),
        List.of((short) 7, (byte) 8, 'c', true, false));
    EventBusStreams onA = EventBusStreams.create(a.vertx);
    EventBusStreams onB = EventBusStreams.create(b.vertx);
    for (List<Object> items : samples) {
      assertEquals(items, across(onA, onB, () -> Aiter.fromIterable(a.context, items)), "items " + items);
    }
    List<Object> bytes = across(onA, onB, () -> Aiter.fromIterable(a.context, List.of(new byte[] {1, 2, 3})));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) bytes.get(0));

    // A user type, with its codec registered on both nodes and named in the delivery options.
    EventBusStreams points = EventBusStreams.create(a.vertx,
        new StreamOptions().setDeliveryOptions(new DeliveryOptions().setCodecName(PointCodec.NAME)));
    List<Point> sent = List.of(new Point(1, 2), new Point(-3, 4));
    assertEquals(sent, across(points, onB, () -> Aiter.fromIterable(a.context, sent)));
  }

  // ------------------------------------------------------------------ faults

  @Test
  void stoppingTheConsumerOnBStopsTheSourceOnAAndItsReferenceIsGone() {
    EventBusStreams onA = EventBusStreams.create(a.vertx);
    EventBusStreams onB = EventBusStreams.create(b.vertx, new StreamOptions().setWindow(32));
    Watched<Integer> source = new Watched<>(Aiter.fromIterator(a.context, new Numbers(Long.MAX_VALUE)));
    StreamRef<Integer> ref = TestContext.await(a.call(() -> onA.export(source)));
    Probe<Integer> probe = new Probe<>(b);
    StoppableStream<Integer> stream = b.call(() -> onB.open(ref));
    probe.onItem(item -> {
      if (item == 1_000) {
        stream.stop();
      }
    });
    b.run(() -> probe.attach(stream));
    probe.awaitTerminal();
    TestContext.await(source.released);
    long pulled = source.pulled.get();
    a.settle();
    b.settle();
    assertEquals(pulled, source.pulled.get(), "A's source is no longer pulled");
    assertTrue(pulled <= 1_000 + 32, "pulled " + pulled);
    b.run(() -> {
      assertEquals(Items.range(1, 1_000), probe.items);
      probe.assertEndedOnce();
    });
    assertEquals(ReplyFailure.NO_HANDLERS, eventuallyNoHandlers(a, ref.address()).failureType());
  }

  @Test
  void aReferenceOpenedTwiceAcrossTheClusterFailsTheSecondStream() {
    EventBusStreams onA = EventBusStreams.create(a.vertx);
    EventBusStreams onB = EventBusStreams.create(b.vertx);
    StreamRef<Integer> ref = TestContext.await(a.call(() -> onA.export(Aiter.fromIterator(a.context, new Numbers(Long.MAX_VALUE)))));
    StoppableStream<Integer> first = b.call(() -> {
      StoppableStream<Integer> stream = onB.open(ref);
      stream.pause();
      stream.handler(item -> { });
      return stream;
    });
    Probe<Integer> second = new Probe<>(b);
    b.run(() -> second.attach(onB.open(ref)));
    second.awaitTerminal();
    b.run(() -> {
      ReplyException e = assertInstanceOf(ReplyException.class, second.failures.get(0));
      assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
      assertEquals(EventBusStreams.ALREADY_OPEN, e.failureCode());
      first.stop();
    });
  }

  @Test
  void aReferenceNeverOpenedIsWithdrawnAndItsSourceLetGoOf() {
    EventBusStreams onA = EventBusStreams.create(a.vertx, new StreamOptions().setPeerTimeout(SHORT_TIMEOUT));
    EventBusStreams onB = EventBusStreams.create(b.vertx);
    Watched<Integer> source = new Watched<>(Aiter.fromIterator(a.context, new Numbers(10)));
    StreamRef<Integer> ref = TestContext.await(a.call(() -> onA.export(source)));
    TestContext.await(source.released);
    assertEquals(0, source.pulled.get());
    Probe<Integer> probe = new Probe<>(b);
    b.run(() -> probe.attach(onB.open(ref)));
    probe.awaitTerminal();
    b.run(() -> assertEquals(ReplyFailure.NO_HANDLERS,
        assertInstanceOf(ReplyException.class, probe.failures.get(0)).failureType()));
  }

  @Test
  void anItemWithoutACodecFailsTheStreamAtOnceNamingItsClass() {
    EventBusStreams onA = EventBusStreams.create(a.vertx);
    EventBusStreams onB = EventBusStreams.create(b.vertx);
    // Serializable is enough on one node, not across the cluster (unless allowed by name).
    List<Object> items = List.of("a", new Unlisted(), "b");
    StreamRef<Object> ref = TestContext.await(a.call(() -> onA.export(Aiter.fromIterable(a.context, items))));
    Probe<Object> probe = new Probe<>(b);
    b.run(() -> probe.attach(onB.open(ref)));
    probe.awaitTerminal();
    b.run(() -> {
      assertEquals(List.of("a"), probe.items);
      ReplyException e = assertInstanceOf(ReplyException.class, probe.failures.get(0));
      assertEquals(ReplyFailure.RECIPIENT_FAILURE, e.failureType());
      assertEquals(EventBusStreams.ITEM_NOT_CARRIED, e.failureCode());
      assertTrue(e.getMessage().contains(Unlisted.class.getName()), e.getMessage());
    });
  }

  @Test
  void closingANodeMidStreamFailsItsConsumersWithATimeoutAndReleasesItsProducersSources() throws Exception {
    // Node C produces for B and consumes from A; then C leaves.
    TestContext c = new TestContext(TestContext.await(ClusterNodes.start(cluster)));
    StreamOptions options = new StreamOptions().setPeerTimeout(SHORT_TIMEOUT);
    EventBusStreams onA = EventBusStreams.create(a.vertx, options);
    EventBusStreams onB = EventBusStreams.create(b.vertx, options);
    EventBusStreams onC = EventBusStreams.create(c.vertx, options);

    StreamRef<Integer> fromC = TestContext.await(c.call(() -> onC.export(Aiter.fromIterator(c.context, new Numbers(Long.MAX_VALUE)))));
    Watched<Integer> aSource = new Watched<>(Aiter.fromIterator(a.context, new Numbers(Long.MAX_VALUE)));
    StreamRef<Integer> fromA = TestContext.await(a.call(() -> onA.export(aSource)));

    CompletableFuture<Void> bGotItems = new CompletableFuture<>();
    Probe<Integer> onBFromC = new Probe<Integer>(b).onItem(item -> {
      if (item == 1_000) {
        bGotItems.complete(null);
      }
    });
    b.run(() -> onBFromC.attach(onB.open(fromC)));
    CompletableFuture<Void> cGotItems = new CompletableFuture<>();
    c.run(() -> {
      StoppableStream<Integer> stream = onC.open(fromA);
      stream.handler(item -> {
        if (item == 1_000) {
          stream.pause(); // nothing in flight to C when it leaves: its own Vert.x would log each as discarded
          cGotItems.complete(null);
        }
      });
    });
    TestContext.await(bGotItems);
    TestContext.await(cGotItems);

    List<String> order = new ArrayList<>();
    b.run(() -> {
      b.vertx.setTimer(SHORT_TIMEOUT / 2, t -> order.add("half the timeout"));
      b.vertx.setTimer(SHORT_TIMEOUT * 3, t -> order.add("three times the timeout"));
    });
    c.close();
    onBFromC.awaitTerminal();
    b.run(() -> order.add("failed"));
    TestContext.await(aSource.released);
    b.run(() -> {
      assertEquals(0, onBFromC.ends);
      ReplyException e = assertInstanceOf(ReplyException.class, onBFromC.failures.get(0));
      assertEquals(ReplyFailure.TIMEOUT, e.failureType());
      assertTrue(e.getMessage().contains(fromC.address()), e.getMessage());
      assertEquals(Items.range(1, onBFromC.items.size()), onBFromC.items, "in order up to the failure");
      assertEquals(List.of("half the timeout", "failed"), order, "failed after the timeout, well within three");
    });
  }

  // ------------------------------------------------------------------ helpers

  /** The items of the stream {@code source} makes on A, opened on B. */
  private static <T> List<Object> across(EventBusStreams onA, EventBusStreams onB, Supplier<ReadStream<T>> source) {
    StreamRef<T> ref = TestContext.await(a.call(() -> onA.export(source.get())));
    Probe<Object> probe = new Probe<>(b);
    b.run(() -> probe.attach(onB.<Object>open(new StreamRef<>(ref.address(), ref.id()))));
    probe.awaitTerminal();
    return b.call(() -> {
      probe.assertEndedOnce();
      return new ArrayList<>(probe.items);
    });
  }

  /**
   * What a request to {@code address} gets once the cluster has taken in its removal: the
   * cluster's map of registrations is updated asynchronously, and a request that meets a stale
   * entry waits for its own (short) timeout, so a bounded number of such tries are allowed.
   */
  private static ReplyException eventuallyNoHandlers(TestContext node, String address) {
    ReplyException last = null;
    for (int tries = 0; tries < 15; tries++) {
      last = failure(node.call(() -> node.vertx.eventBus().request(address, null,
          new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(1_000))));
      if (last.failureType() != ReplyFailure.TIMEOUT) {
        return last;
      }
    }
    return last;
  }

  private static ReplyException failure(Future<?> future) {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    future.onComplete(ar -> failure.complete(ar.cause()));
    return assertInstanceOf(ReplyException.class, TestContext.await(failure));
  }

  /** Serializable, but not allowed across the cluster: no codec for it there. */
  static final class Unlisted implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A user type. */
  record Point(int x, int y) {
  }

  /** Its codec: two ints. */
  static final class PointCodec implements MessageCodec<Point, Point> {
    static final String NAME = "point";

    @Override
    public void encodeToWire(Buffer buffer, Point point) {
      buffer.appendInt(point.x()).appendInt(point.y());
    }

    @Override
    public Point decodeFromWire(int pos, Buffer buffer) {
      return new Point(buffer.getInt(pos), buffer.getInt(pos + 4));
    }

    @Override
    public Point transform(Point point) {
      return point;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}

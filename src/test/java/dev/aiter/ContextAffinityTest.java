package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.FakeStream;
import dev.aiter.support.ForeignThreads;
import dev.aiter.support.PlainStream;
import dev.aiter.support.TestContext;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract 1 in the cases that broke it (issue 15, items 1 to 3): a stream first touched on a
 * worker running {@code executeBlocking}, two contexts sharing one event-loop thread, and foreign
 * streams owned by other event loops. Each test has a Vert.x of its own, closed after it: a
 * livelocked event loop shows as a close that never completes.
 */
class ContextAffinityTest {

  private Vertx vertx;

  @AfterEach
  void close() {
    if (vertx != null) {
      TestContext.await(vertx.close());
    }
  }

  /** Regression (item 1): the worker thread was taken for the event loop, and every call looped. */
  @Test
  void aStreamFirstTouchedInsideExecuteBlockingRunsOnItsEventLoop() {
    vertx = Vertx.vertx();
    TestContext tc = new TestContext(vertx);
    Aiter<Integer> fromIterable = TestContext.await(tc.context.executeBlocking(
        () -> Aiter.fromIterable(vertx, List.of(1, 2, 3))));
    PushStream<Integer> push = PushStream.create(tc.context);
    TestContext.await(tc.context.executeBlocking(() -> {
      push.push(4, 5);
      push.stop();
      return null;
    }));
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      Aiter<Integer> both = Aiter.join(Aiter.fromIterable(tc.context, List.of(fromIterable, push)));
      both.endHandler(v -> ended.complete(null));
      both.handler(seen::add);
    });
    TestContext.await(ended);
    tc.run(() -> assertEquals(List.of(1, 2, 3, 4, 5), seen.stream().sorted().toList()));
  }

  /** Regression (item 2): a push from context b ran a's handler on b, which shares a's thread. */
  @Test
  void aHandlerRunsOnItsStreamsContextWhenAnotherContextSharesTheThread() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Context a = vertx.getOrCreateContext();
    Context b = vertx.getOrCreateContext();
    assertNotSame(a, b);
    PushStream<Integer> push = PushStream.create(a);
    CompletableFuture<Context> handlerContext = new CompletableFuture<>();
    CompletableFuture<Context> timerContext = new CompletableFuture<>();
    a.runOnContext(v -> push.handler(item -> {
      handlerContext.complete(Vertx.currentContext());
      vertx.setTimer(1, id -> timerContext.complete(Vertx.currentContext()));
    }));
    b.runOnContext(v -> push.push(1));
    assertSame(a, TestContext.await(handlerContext));
    assertSame(a, TestContext.await(timerContext), "a timer set in the handler belongs to a");
  }

  /**
   * A stream on another context that shares the reader's event-loop thread (one of ours, or a
   * foreign one adopted where it lives), read by a flowing consumer, is asked one item at a time
   * all along: what that context sends in one run queues at the reader as tasks no pause takes
   * back (contract 4). Counting the shared thread as "here" gave 198 items beyond those delivered.
   */
  @ParameterizedTest(name = "foreign: {0}")
  @ValueSource(booleans = {false, true})
  void aStreamOfAnotherContextOnTheReadersThreadIsReadOneItemAtATime(boolean foreign) {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    TestContext tc = new TestContext(vertx);
    Context other = vertx.getOrCreateContext();
    assertNotSame(tc.context, other);
    PushStream<Integer> source = PushStream.create(other);
    for (int i = 1; i <= 200; i++) {
      source.push(i);
    }
    source.stop();
    ReadStream<Integer> plain = new PlainStream<>(source);
    CompletableFuture<Aiter<Integer>> adopted = new CompletableFuture<>();
    other.runOnContext(v -> adopted.complete(Aiter.of(tc.context, foreign ? plain : source)));
    Aiter<Integer> read = TestContext.await(adopted);
    long[] mostAhead = {0};
    List<Integer> items = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      read.endHandler(v -> ended.complete(null));
      read.handler(x -> {
        items.add(x);
        mostAhead[0] = Math.max(mostAhead[0], 200 - source.size() - items.size());
      });
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList(), items);
      assertTrue(mostAhead[0] <= 1, "taken beyond what was delivered: " + mostAhead[0]);
    });
  }

  /**
   * Regression (item 3): record parsers over sockets of three server event loops, adopted onto
   * the join's context, were driven from the join's thread: lines came out short and reordered.
   */
  @Test
  void aJoinOfLineParsersFromSeveralEventLoopsLosesNoLine() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    int servers = 3;
    int clientsPerServer = 2;
    int linesPerClient = 2_000;
    Context joinContext = vertx.getOrCreateContext();
    PushStream<Aiter<Buffer>> connections = PushStream.create(joinContext);
    List<Integer> ports = new ArrayList<>();
    for (int s = 0; s < servers; s++) {
      Context serverContext = vertx.getOrCreateContext();
      Promise<NetServer> listening = Promise.promise();
      serverContext.runOnContext(v -> vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1"))
          .connectHandler(socket -> {
            // Adopted on the socket's own context, where the parser lives; consumed on another.
            Aiter<Buffer> lines = Aiter.of(joinContext, RecordParser.newDelimited("\n", socket));
            connections.push(lines);
          })
          .listen(0)
          .onComplete(listening));
      ports.add(TestContext.await(listening.future()).actualPort());
    }
    Map<String, List<Integer>> byClient = new HashMap<>();
    CompletableFuture<Void> allIn = new CompletableFuture<>();
    int expected = servers * clientsPerServer * linesPerClient;
    int[] count = {0};
    joinContext.runOnContext(v -> Aiter.join(connections).handler(line -> {
      String[] parts = line.toString().split(":");
      byClient.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
      if (++count[0] == expected) {
        allIn.complete(null);
      }
    }));
    NetClient client = vertx.createNetClient(); // kept referenced while its connections are used
    List<Future<?>> sent = new ArrayList<>();
    for (int s = 0; s < servers; s++) {
      for (int c = 0; c < clientsPerServer; c++) {
        String name = "client" + s + "-" + c;
        Buffer payload = Buffer.buffer();
        for (int i = 0; i < linesPerClient; i++) {
          payload.appendString(name + ":" + i + "\n");
        }
        sent.add(client.connect(ports.get(s), "127.0.0.1").compose(socket -> socket.end(payload)));
      }
    }
    TestContext.await(Future.all(sent));
    TestContext.await(allIn);
    CompletableFuture<Map<String, List<Integer>>> seen = new CompletableFuture<>();
    joinContext.runOnContext(v -> seen.complete(Map.copyOf(byClient)));
    Map<String, List<Integer>> lines = TestContext.await(seen);
    assertEquals(servers * clientsPerServer, lines.size());
    List<Integer> inOrder = java.util.stream.IntStream.range(0, linesPerClient).boxed().toList();
    lines.forEach((name, numbers) -> assertEquals(inOrder, numbers, name + "'s lines, in order"));
  }

  /**
   * Regression (item 3): a record parser over a socket of another event loop, adopted onto a
   * consumer's context and paced by fetch(1) from there, was parsed on the consumer's thread.
   */
  @Test
  void aLineParserOfAnotherEventLoopIsDrivenOnItsOwnLoop() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    int lines = 20_000;
    Context consumerContext = vertx.getOrCreateContext();
    Context serverContext = vertx.getOrCreateContext();
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Promise<NetServer> listening = Promise.promise();
    serverContext.runOnContext(v -> vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1"))
        .connectHandler(socket -> {
          Aiter<Buffer> parsed = Aiter.of(consumerContext, RecordParser.newDelimited("\n", socket));
          consumerContext.runOnContext(w -> {
            parsed.pause();
            parsed.exceptionHandler(ended::completeExceptionally);
            parsed.endHandler(x -> ended.complete(null));
            parsed.handler(line -> {
              seen.add(Integer.parseInt(line.toString()));
              parsed.fetch(1);
            });
            parsed.fetch(1);
          });
        })
        .listen(0)
        .onComplete(listening));
    int port = TestContext.await(listening.future()).actualPort();
    NetClient client = vertx.createNetClient(); // kept referenced while its connection is used
    Buffer payload = Buffer.buffer();
    for (int i = 0; i < lines; i++) {
      payload.appendString(i + "\n");
    }
    TestContext.await(client.connect(port, "127.0.0.1").compose(socket -> socket.end(payload)));
    TestContext.await(ended);
    CompletableFuture<List<Integer>> result = new CompletableFuture<>();
    consumerContext.runOnContext(v -> result.complete(List.copyOf(seen)));
    assertEquals(java.util.stream.IntStream.range(0, lines).boxed().toList(), TestContext.await(result));
  }

  /**
   * Regression (item 3), deterministic: every call into a foreign stream (not an Aiter) that
   * lives on another context is made on that context, however the consumer paces it.
   */
  @Test
  void callsIntoAForeignStreamAreMadeOnItsOwnContext() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Context home = vertx.getOrCreateContext();
    Context consumerContext = vertx.getOrCreateContext();
    PushStream<Integer> push = PushStream.create(home);
    List<Context> callContexts = java.util.Collections.synchronizedList(new ArrayList<>());
    ReadStream<Integer> foreign = new PlainStream<>(push, () -> callContexts.add(Vertx.currentContext()));
    CompletableFuture<Aiter<Integer>> adopted = new CompletableFuture<>();
    home.runOnContext(v -> adopted.complete(Aiter.of(consumerContext, foreign)));
    Aiter<Integer> stream = TestContext.await(adopted);
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    consumerContext.runOnContext(v -> {
      stream.pause();
      stream.endHandler(x -> ended.complete(null));
      stream.handler(item -> {
        seen.add(item);
        stream.fetch(1);
      });
      stream.fetch(1);
    });
    for (int i = 0; i < 100; i++) {
      push.push(i);
    }
    push.stop();
    TestContext.await(ended);
    assertEquals(java.util.stream.IntStream.range(0, 100).boxed().toList(), seen);
    synchronized (callContexts) {
      assertTrue(callContexts.size() > 100, "calls recorded: " + callContexts.size());
      assertEquals(List.of(home), callContexts.stream().distinct().toList(), "contexts calls were made on");
    }
  }

  /**
   * A foreign source of {@code zip} whose {@code fetch} has another thread deliver the item while
   * the call waits: the zip's call into it is under way on the event loop, but the item came from
   * elsewhere and is carried onto the zip's context (a slot takes an item delivered within its own
   * call without looking the context up, and must check the thread for that).
   */
  @Test
  void anItemAForeignSourceOfZipDeliversFromAnotherThreadWithinTheZipsCallIsCarriedOver() {
    everyItemOnItsContext(foreign -> Aiter.zip(foreign,
        Aiter.fromIterable(Vertx.currentContext(), List.of(10, 11, 12)), (a, b) -> a));
  }

  /** The same for an inner stream of {@code join}, whose {@code resume} has another thread deliver. */
  @Test
  void anItemAnInnerStreamOfJoinDeliversFromAnotherThreadWithinTheJoinsCallIsCarriedOver() {
    everyItemOnItsContext(foreign -> Aiter.join(
        Aiter.fromIterable(Vertx.currentContext(), List.<ReadStream<Integer>>of(foreign))));
  }

  /** The same for the one foreign upstream of {@code map}, while the map's request is under way. */
  @Test
  void anItemTheForeignUpstreamOfMapDeliversFromAnotherThreadWithinTheMapsRequestIsCarriedOver() {
    everyItemOnItsContext(foreign -> Aiter.map(foreign, x -> x));
  }

  /**
   * A consumer whose handler has another thread call {@code fetch(1)} and waits for it: the call
   * comes while the stream delivers, but from elsewhere, so it is carried onto the context and
   * the foreign upstream is still called on its own context only (a stream takes a fetch made
   * within its own delivery without looking the context up, and must check the thread for that).
   */
  @Test
  void aFetchFromAnotherThreadWhileTheStreamDeliversIsCarriedOntoTheContext() {
    vertx = Vertx.vertx();
    TestContext tc = new TestContext(vertx);
    List<String> fetchedFrom = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      ReadStream<Integer> foreign = new PlainStream<>(
          Aiter.fromIterable(tc.context, List.of(0, 1, 2)), () -> fetchedFrom.add(
              Vertx.currentContext() == tc.context && Context.isOnEventLoopThread() ? "here" : "elsewhere"));
      Aiter<Integer> stream = Aiter.map(foreign, x -> x);
      stream.pause();
      stream.endHandler(v -> ended.complete(null));
      stream.handler(item -> {
        seen.add(item);
        ForeignThreads.run(() -> stream.fetch(1));
      });
      stream.fetch(1);
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(List.of(0, 1, 2), seen);
      assertTrue(fetchedFrom.stream().allMatch("here"::equals), "calls into upstream: " + fetchedFrom);
    });
  }

  private void everyItemOnItsContext(Function<ReadStream<Integer>, Aiter<Integer>> over) {
    vertx = Vertx.vertx();
    TestContext tc = new TestContext(vertx);
    ReadStream<Integer> foreign = new DeliveredByAnotherThread(List.of(0, 1, 2));
    List<String> seen = new ArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    tc.run(() -> {
      Aiter<Integer> stream = over.apply(foreign);
      stream.endHandler(v -> ended.complete(null));
      stream.handler(item -> seen.add(item
          + (Vertx.currentContext() == tc.context && Context.isOnEventLoopThread() ? " here" : " elsewhere")));
    });
    TestContext.await(ended);
    tc.run(() -> assertEquals(List.of("0 here", "1 here", "2 here"), seen));
  }

  /**
   * A stream that is not an Aiter, whose every {@code fetch} or {@code resume} starts a thread
   * that delivers (the items asked for, then the end once they are all out) and waits for it.
   */
  private static final class DeliveredByAnotherThread implements ReadStream<Integer> {
    private final List<Integer> items;
    private int next;
    private Handler<Integer> handler;
    private Handler<Void> endHandler;

    DeliveredByAnotherThread(List<Integer> items) {
      this.items = items;
    }

    @Override
    public ReadStream<Integer> handler(Handler<Integer> handler) {
      this.handler = handler;
      return this;
    }

    @Override
    public ReadStream<Integer> endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }

    @Override
    public ReadStream<Integer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Integer> pause() {
      return this;
    }

    @Override
    public ReadStream<Integer> resume() {
      return fetch(items.size());
    }

    @Override
    public ReadStream<Integer> fetch(long amount) {
      ForeignThreads.run(() -> {
        for (long i = 0; i < amount && next < items.size(); i++) {
          handler.handle(items.get(next++));
        }
        if (next == items.size() && endHandler != null) {
          endHandler.handle(null);
        }
      });
      return this;
    }
  }

  /**
   * An operator's one foreign upstream that delivers on the event loop, then from a worker
   * running {@code executeBlocking} for the same context, then from another context on the same
   * thread, with deliveries on the event loop between: each item is handled on the stream's
   * context and event loop, whichever way the one before came (the quick check of a single
   * upstream remembers where the last item was found; it must not carry that over).
   */
  @Test
  void aMapOverAForeignStreamHandlesEveryItemOnItsEventLoopWhereverTheItemCameFrom() {
    everyItemOnTheEventLoop(foreign -> Aiter.of(foreign).map(x -> x));
  }

  /** The same for a source of {@code concat}, which reads a foreign source directly. */
  @Test
  void aConcatOfAForeignStreamHandlesEveryItemOnItsEventLoopWhereverTheItemCameFrom() {
    everyItemOnTheEventLoop(foreign -> Aiter.concat(List.of(foreign)));
  }

  private void everyItemOnTheEventLoop(Function<ReadStream<Integer>, Aiter<Integer>> over) {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    TestContext tc = new TestContext(vertx);
    Context other = vertx.getOrCreateContext();
    assertNotSame(tc.context, other);
    FakeStream<Integer> foreign = new FakeStream<>(); // emits on whatever thread calls it
    List<CompletableFuture<String>> handled = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      handled.add(new CompletableFuture<>());
    }
    tc.run(() -> over.apply(foreign).handler(item -> handled.get(item).complete(
        (Vertx.currentContext() == tc.context ? "its context" : "another context")
            + (Context.isOnEventLoopThread() ? " on the event loop" : " off the event loop"))));
    String expected = "its context on the event loop";

    tc.context.runOnContext(v -> foreign.emit(0));
    assertEquals(expected, TestContext.await(handled.get(0)), "item 0, delivered on the event loop");
    TestContext.await(tc.context.executeBlocking(() -> emit(foreign, 1)));
    assertEquals(expected, TestContext.await(handled.get(1)), "item 1, delivered from a worker of the context");
    tc.context.runOnContext(v -> foreign.emit(2));
    assertEquals(expected, TestContext.await(handled.get(2)), "item 2, delivered on the event loop");
    other.runOnContext(v -> foreign.emit(3));
    assertEquals(expected, TestContext.await(handled.get(3)), "item 3, delivered on another context");
    TestContext.await(tc.context.executeBlocking(() -> emit(foreign, 4)));
    assertEquals(expected, TestContext.await(handled.get(4)), "item 4, delivered from a worker again");
    tc.context.runOnContext(v -> foreign.emit(5));
    assertEquals(expected, TestContext.await(handled.get(5)), "item 5, delivered on the event loop");
  }

  private static Integer emit(FakeStream<Integer> stream, int item) {
    stream.emit(item);
    return item;
  }

  // ------------------------------------------------------------------ worker contexts
  //
  // A worker context has no thread of its own: its tasks run one at a time, each on whichever
  // worker thread is free. In Vert.x 5 (since 5.0, commit 78e2176 "Execute blocking operations and
  // context worker tasks should be concurrent") its executeBlocking calls have a queue of their
  // own (ContextImpl.executeBlockingTasks, beside WorkerExecutor's queue of context tasks), so they
  // run while a task of the context runs, and with Vertx.currentContext() being that context.
  // Only the context's executor (ContextInternal.inThread) tells the two apart; the library asks
  // it (Contexts.runsATaskOf) and carries a call from such blocking code onto the context.

  /**
   * The context's own tasks, on whatever worker thread each runs, drive a stream in place: a
   * fetch delivers within the call, every handler runs on the context, items come in order, and
   * never more than asked for.
   */
  @Test
  void onAWorkerContextItsOwnTasksDriveAStreamInPlaceInOrderAndWithinDemand() {
    vertx = Vertx.vertx();
    TestContext tc = new TestContext(vertx, workerContext(vertx));
    int count = 3_000;
    int pausedAfter = 500;
    List<Integer> seen = new ArrayList<>();
    List<String> misplaced = new ArrayList<>();
    long[] granted = {0};
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Aiter<Integer> stream = tc.call(() -> {
      Aiter<Integer> mapped = Aiter.fromIterable(tc.context, IntStream.range(0, count).boxed().toList())
          .map(x -> x * 2);
      mapped.pause();
      mapped.exceptionHandler(ended::completeExceptionally);
      mapped.endHandler(v -> ended.complete(null));
      mapped.handler(item -> {
        if (Vertx.currentContext() != tc.context || !Context.isOnWorkerThread()) {
          misplaced.add(item + " on " + Thread.currentThread().getName());
        }
        seen.add(item);
        if (seen.size() > granted[0]) {
          misplaced.add(item + " beyond the " + granted[0] + " items asked for");
        }
        if (seen.size() != pausedAfter) {
          granted[0]++;
          mapped.fetch(1);
        }
      });
      assertEquals(List.of(), seen, "paused: nothing yet");
      granted[0]++;
      mapped.fetch(1);
      assertEquals(List.of(0, 2), seen.subList(0, 2), "delivered within the task's own fetch");
      return mapped;
    });
    assertEquals(pausedAfter, (int) tc.call(seen::size), "demand used up: nothing more came");
    tc.run(() -> {
      granted[0]++;
      stream.fetch(1);
    });
    TestContext.await(ended);
    tc.run(() -> {
      assertEquals(List.of(), misplaced);
      assertEquals(IntStream.range(0, count).map(x -> x * 2).boxed().toList(), seen);
    });
  }

  /**
   * A push made by code that runs {@code executeBlocking} for a worker context, while a task of
   * that context is running: Vert.x counts the blocking code as on the context, yet it runs beside
   * the context's task, so the push must be carried onto the context like any call from elsewhere
   * (contract 1): delivered in place, the item would reach the handler while the task runs.
   */
  @Test
  void aPushFromExecuteBlockingOfAWorkerContextIsNotDeliveredBesideARunningTaskOfIt() {
    vertx = Vertx.vertx();
    Context worker = workerContext(vertx);
    PushStream<Integer> push = PushStream.create(worker);
    assertEveryItemHandledAlone(worker, push, () -> push.push(1), fromExecuteBlocking(worker));
  }

  /** The same for a fetch on a paused stream, which delivers the item it asks for. */
  @Test
  void aFetchFromExecuteBlockingOfAWorkerContextIsNotDeliveredBesideARunningTaskOfIt() {
    vertx = Vertx.vertx();
    Context worker = workerContext(vertx);
    Aiter<Integer> stream = Aiter.fromIterable(worker, List.of(1)).map(x -> x);
    new TestContext(vertx, worker).run(stream::pause);
    assertEveryItemHandledAlone(worker, stream, () -> stream.fetch(1), fromExecuteBlocking(worker));
  }

  /**
   * A worker pool's thread that pushed in a task of the context may later run {@code
   * executeBlocking} code for it, beside the context's next task: the push source's remembered
   * thread (its fast path) must not let that code's push through (found in review).
   */
  @Test
  void aPushFromExecuteBlockingOnTheThreadThatPushedBeforeIsNotDeliveredBesideARunningTask() {
    vertx = Vertx.vertx();
    Context worker = workerContextOfTwoThreads(vertx);
    PushStream<Integer> push = PushStream.create(worker);
    assertSecondCallHandledAlone(worker, push, () -> push.push(0), () -> push.push(1));
  }

  /** The same for a foreign stream's item, whose thread its reader remembers (its fast path). */
  @Test
  void anItemFromExecuteBlockingOnTheThreadThatDeliveredBeforeIsNotHandledBesideARunningTask() {
    vertx = Vertx.vertx();
    Context worker = workerContextOfTwoThreads(vertx);
    FakeStream<Integer> foreign = new FakeStream<>();
    Aiter<Integer> stream = new TestContext(vertx, worker).call(() -> Aiter.of(worker, foreign).map(x -> x));
    assertSecondCallHandledAlone(worker, stream, () -> foreign.emit(0), () -> foreign.emit(1));
  }

  /** Contract 1 for a worker context and a plain thread: the call is carried onto the context. */
  @Test
  void aPushFromAPlainThreadIsCarriedOntoAWorkerContext() {
    vertx = Vertx.vertx();
    Context worker = workerContext(vertx);
    PushStream<Integer> push = PushStream.create(worker);
    assertEveryItemHandledAlone(worker, push, () -> push.push(1), ForeignThreads::run);
  }

  /** The same for a fetch from a plain thread. */
  @Test
  void aFetchFromAPlainThreadIsCarriedOntoAWorkerContext() {
    vertx = Vertx.vertx();
    Context worker = workerContext(vertx);
    Aiter<Integer> stream = Aiter.fromIterable(worker, List.of(1)).map(x -> x);
    new TestContext(vertx, worker).run(stream::pause);
    assertEveryItemHandledAlone(worker, stream, () -> stream.fetch(1), ForeignThreads::run);
  }

  /**
   * A Flow subscriber's request made by code running {@code executeBlocking} for the stream's
   * event-loop context, while a task of that context runs: Vert.x makes that context current
   * there, yet the code runs on a worker thread beside the task. The request must be carried onto
   * the event loop: a non-positive one fails the subscription (rule 3.9), and that {@code onError}
   * must come on the event loop after the task, not on the worker inside the request.
   */
  @Test
  void aFlowRequestFromExecuteBlockingOfAnEventLoopContextIsCarriedOntoTheEventLoop() {
    vertx = Vertx.vertx();
    TestContext tc = new TestContext(vertx);
    Thread eventLoop = tc.call(Thread::currentThread);
    CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
    CompletableFuture<String> failed = new CompletableFuture<>();
    AtomicBoolean taskRunning = new AtomicBoolean();
    Flow.Publisher<Integer> publisher = tc.call(() -> Aiter.fromIterable(tc.context, List.of(1)).toPublisher());
    publisher.subscribe(new Flow.Subscriber<Integer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscribed.complete(subscription);
      }

      @Override
      public void onNext(Integer item) {
        failed.complete("onNext(" + item + ") without a request");
      }

      @Override
      public void onError(Throwable cause) {
        failed.complete(cause.getClass().getSimpleName()
            + (taskRunning.get() ? " beside a running task of the context" : " alone")
            + (Thread.currentThread() == eventLoop ? "" : " off the event loop"));
      }

      @Override
      public void onComplete() {
        failed.complete("onComplete without a request");
      }
    });
    Flow.Subscription subscription = TestContext.await(subscribed);
    tc.run(() -> {
      taskRunning.set(true);
      try {
        CompletableFuture<Context> ran = new CompletableFuture<>();
        tc.context.executeBlocking(() -> {
          subscription.request(0);
          ran.complete(Vertx.currentContext());
          return null;
        });
        assertSame(tc.context, TestContext.await(ran), "executeBlocking ran beside the task, on the context");
      } finally {
        taskRunning.set(false);
      }
    });
    assertEquals("IllegalArgumentException alone", TestContext.await(failed));
  }

  /**
   * Sets a handler on {@code stream} in a task of the worker context, then, in another task,
   * makes {@code call} {@code elsewhere} and waits for it to return before the task ends: the
   * item it brings must be handled on the context, after that task, not beside it.
   */
  private static void assertEveryItemHandledAlone(Context worker, Aiter<Integer> stream, Runnable call,
      Consumer<Runnable> elsewhere) {
    TestContext tc = new TestContext(worker.owner(), worker);
    AtomicBoolean taskRunning = new AtomicBoolean();
    CompletableFuture<String> handled = new CompletableFuture<>();
    tc.run(() -> stream.handler(item -> handled.complete(item
        + (taskRunning.get() ? " beside a running task of the context" : " alone")
        + (Vertx.currentContext() == worker ? "" : " off the context"))));
    tc.run(() -> {
      taskRunning.set(true);
      try {
        elsewhere.accept(call);
      } finally {
        taskRunning.set(false);
      }
    });
    assertEquals("1 alone", TestContext.await(handled));
  }

  /**
   * Sets a handler on {@code stream} and makes {@code first} in a task of the worker context (two
   * threads), on thread A; then, in a task on the other thread, makes {@code second} in {@code
   * executeBlocking}, which can only run on A, and waits for it: its item must be handled after
   * that task, not beside it, though A was found on the context before.
   */
  private static void assertSecondCallHandledAlone(Context worker, Aiter<Integer> stream, Runnable first,
      Runnable second) {
    TestContext tc = new TestContext(worker.owner(), worker);
    AtomicBoolean taskRunning = new AtomicBoolean();
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> both = new CompletableFuture<>();
    Thread threadA = tc.call(() -> {
      stream.handler(item -> {
        handled.add(item + (taskRunning.get() ? " beside a running task of the context" : " alone"));
        if (handled.size() == 2) {
          both.complete(null);
        }
      });
      first.run();
      return Thread.currentThread();
    });
    Consumer<Runnable> blocking = fromExecuteBlocking(worker);
    boolean onTheOtherThread = false;
    for (int tries = 0; tries < 1_000 && !onTheOtherThread; tries++) {
      onTheOtherThread = tc.call(() -> {
        if (Thread.currentThread() == threadA) {
          return false; // again, until a task runs on the pool's other thread
        }
        taskRunning.set(true);
        try {
          Thread[] ranOn = {null};
          blocking.accept(() -> {
            ranOn[0] = Thread.currentThread();
            second.run();
          });
          assertSame(threadA, ranOn[0], "executeBlocking ran on the pool's other thread, A");
        } finally {
          taskRunning.set(false);
        }
        return true;
      });
    }
    assertTrue(onTheOtherThread, "no task of the context ran on the pool's second thread");
    TestContext.await(both);
    assertEquals(List.of("0 alone", "1 alone"), handled);
  }

  /** The context of a worker verticle deployed for the test on a pool of its own, of two threads. */
  private static Context workerContextOfTwoThreads(Vertx vertx) {
    return TestContext.deployedContext(vertx, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName("aiter-two-threads-" + System.nanoTime()).setWorkerPoolSize(2));
  }

  /**
   * Runs a call in {@code executeBlocking} of the worker context and waits for it, from a task of
   * that context. Pins what Vert.x 5 does there: the blocking code runs while the task waits, with
   * the worker context as its current context.
   */
  private static Consumer<Runnable> fromExecuteBlocking(Context worker) {
    return call -> {
      CompletableFuture<Context> ran = new CompletableFuture<>();
      worker.executeBlocking(() -> {
        try {
          call.run();
          ran.complete(Vertx.currentContext());
        } catch (Throwable t) {
          ran.completeExceptionally(t);
        }
        return null;
      });
      // A Vert.x future's callbacks would wait for this very task: a plain future is completed in place.
      assertSame(worker, TestContext.await(ran), "executeBlocking ran beside the task, on the worker context");
    };
  }

  /** The context of a worker verticle deployed for the test. */
  private static Context workerContext(Vertx vertx) {
    Context worker = TestContext.deployedContext(vertx, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
    assertTrue(worker.isWorkerContext());
    return worker;
  }
}

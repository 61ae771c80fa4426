package dev.aiter.support.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import dev.aiter.StoppableStream;
import dev.aiter.support.Sources;
import dev.aiter.support.search.ChainStage.Order;
import dev.aiter.support.search.Expected.Completeness;
import dev.aiter.support.search.Expected.Ending;
import dev.aiter.support.search.Step.Kind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One {@link ChainCase} run on a test context and checked against the model: never more items
 * than demanded, nothing after the terminal, end or failure exactly once, the items the stages'
 * models say (in order where every stage keeps it; a prefix where the chain was stopped or a
 * stage drops what is on its way at a failure), the source's failure itself, and no rule a stage
 * reported broken.
 *
 * <p>Everything but the wait for the verdict runs on the context: the schedule (split into tasks at
 * each yield step), the consumer's drain, two more rounds of the context's queue after the end or
 * failure (so that an item delivered late is seen), then the check.
 */
public final class ChainRun implements ChainStage.Wiring {

  /** Broken rules kept for the report; the first ones tell the story. */
  private static final int MAX_REPORTED = 3;

  private enum Phase {
    /** The schedule runs. */
    SCHEDULE,
    /** The consumer drains; waiting for the end or failure. */
    DRAINING,
    /** The end or failure came: the queue runs through twice more before the check. */
    SETTLING
  }

  private enum SourceState { OPEN, ENDED, FAILED }

  private enum Attached { DATA, END }

  /** Where the schedule's calls into the chain are made from. */
  private enum Calls {
    /** On the context, in the task that runs the step. */
    ON_THE_CONTEXT,
    /** From another thread, while the context waits: a step {@link Step.Where#FROM_ANOTHER_THREAD}. */
    FROM_ANOTHER_THREAD,
    /**
     * Such a step's calls were made and are carried onto the context, where they land before the
     * task that goes on with the schedule: meanwhile the data handler does no step of its own, so
     * that nothing the consumer does comes between them and the consumer's count of its demand.
     */
    LANDING
  }

  private final Context context;
  private final ChainCase testCase;
  private final RuntimeException cause = new RuntimeException("source failure");
  private final CompletableFuture<AssertionError> verdict = new CompletableFuture<>();
  private final List<Integer> sourceItems = new ArrayList<>();
  private final List<Integer> delivered = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  /** What the data handler threw, in order ({@link Kind#HANDLER_THROWS}). */
  private final List<HandlerBug> thrown = new ArrayList<>();
  /** What of it came to the exception handlers, in order: each must, once (contract 7). */
  private final List<HandlerBug> reported = new ArrayList<>();
  /** Rules broken on the way, in the order seen. */
  private final List<String> broken = new ArrayList<>();
  private final EnumSet<Attached> attached = EnumSet.noneOf(Attached.class);
  private Phase phase = Phase.SCHEDULE;
  private SourceState sourceState = SourceState.OPEN;
  private PushStream<Integer> push;
  private StoppableStream<Integer> stoppable;
  /** Whether the schedule stopped the stoppable stage. */
  private boolean stopped;
  private Aiter<Integer> out;
  /** What the chain is piped into, when the consumer reads it through a pipe, else {@code null}. */
  private PushStream<Integer> pipedInto;
  /** The pipe's future, when the consumer reads the chain through a pipe. */
  private Future<Void> pipe;
  /** The consumer's demand, as the consumer counts it. */
  private long demand = Long.MAX_VALUE;
  /** Steps of the schedule waiting for the next item, to be done inside the data handler. */
  private final ArrayDeque<Step> onNextItem = new ArrayDeque<>();
  /** The data handler runs a step: an item now would be delivered inside the one before. */
  private boolean inDataHandler;
  private Calls calls = Calls.ON_THE_CONTEXT;
  private int ends;
  private int next;

  private ChainRun(Context context, ChainCase testCase) {
    this.context = context;
    this.testCase = testCase;
  }

  /**
   * Starts {@code testCase} on {@code context}; must be called on it. {@code verdict} gets {@code
   * null} if the chain behaves, else what broke. Returns a description of the run so far, for a
   * run that never ends.
   */
  public static Supplier<String> start(Context context, ChainCase testCase, Consumer<AssertionError> verdict) {
    ChainRun run = new ChainRun(context, testCase);
    run.verdict.thenAccept(verdict);
    run.start();
    return () -> run.where() + ": neither end nor failure; " + run.describe();
  }

  /** The thread that builds the chains built off the context: one, reused, so that a try costs no thread. */
  private static final ExecutorService BUILDER = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "chain builder");
    thread.setDaemon(true);
    return thread;
  });

  // ------------------------------------------------------------------ Wiring

  @Override
  public Context context() {
    return context;
  }

  @Override
  public <S extends StoppableStream<Integer>> S stoppable(S stream) {
    if (stoppable == null) {
      stoppable = stream;
    }
    return stream;
  }

  @Override
  public Function<Integer, Future<Integer>> calls(int workers, UnaryOperator<Integer> f) {
    int[] inFlight = {0};
    return x -> {
      if (++inFlight[0] > workers) {
        violation(inFlight[0] + " calls in flight, beyond the " + workers + " workers");
      }
      if (inFlight[0] == 1 && (x & 1) == 0) {
        // No earlier call is in flight, so completing now keeps the call order: a future complete
        // already (a cached result), which mapAsync-like stages take on the spot.
        inFlight[0]--;
        return Future.succeededFuture(f.apply(x));
      }
      Promise<Integer> promise = Promise.promise();
      context.runOnContext(v -> {
        inFlight[0]--;
        promise.complete(f.apply(x));
      });
      return promise.future();
    };
  }

  @Override
  public void violation(String what) {
    if (broken.size() < MAX_REPORTED) {
      broken.add(what);
    }
  }

  // ------------------------------------------------------------------ the run, on the context

  private void start() {
    try {
      // A failure reached while no exception handler is set goes to the context's (contract 7).
      context.exceptionHandler(this::failed);
      out = testCase.building() == ChainCase.Building.ON_ANOTHER_THREAD ? buildOnAnotherThread() : build(source());
      if (testCase.reading() == ChainCase.Reading.THROUGH_A_PIPE) {
        pipedInto = PushStream.create(context);
        pipedInto.setWriteQueueMaxSize(ChainCase.PIPE_QUEUE);
        pipe = out.pipeTo(pipedInto);
        out = pipedInto;
      }
      runSteps(0);
    } catch (Throwable t) {
      verdict.complete(new AssertionError(where() + ": the harness caught " + t, t));
    }
  }

  /** The source and the chain, built on {@link #BUILDER}'s thread while the context waits. */
  private Aiter<Integer> buildOnAnotherThread() throws Throwable {
    try {
      return BUILDER.submit(() -> build(source())).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private Aiter<Integer> source() {
    if (testCase.source() == ChainCase.Source.PUSH) {
      push = PushStream.create(context);
      return push;
    }
    // An iterable source: its items (and failure, if a step fails the source) are known up front.
    for (Step step : testCase.steps()) {
      if (step.kind() == Kind.PUSH) {
        for (int i = 0; i < step.amount(); i++) {
          sourceItems.add(next++);
        }
      }
    }
    boolean fails = testCase.steps().stream().anyMatch(s -> s.kind() == Kind.FAIL_SOURCE);
    sourceState = fails ? SourceState.FAILED : SourceState.ENDED;
    return Aiter.fromIterator(context, Sources.counting(List.copyOf(sourceItems), fails ? cause : null));
  }

  private Aiter<Integer> build(Aiter<Integer> s) {
    for (ChainStage stage : testCase.chain()) {
      s = stage.builder().build(s, this);
    }
    return s;
  }

  private void runSteps(int from) {
    try {
      List<Step> steps = testCase.steps();
      for (int i = from; i < steps.size(); i++) {
        if (steps.get(i).kind() == Kind.YIELD) {
          int rest = i + 1;
          context.runOnContext(v -> runSteps(rest));
          return;
        }
        Step step = steps.get(i);
        switch (step.where()) {
          case IN_THE_DATA_HANDLER -> onNextItem.add(step);
          case FROM_ANOTHER_THREAD -> {
            applyFromAnotherThread(step, i + 1);
            return;
          }
          case IN_A_TASK -> apply(step);
        }
        checkPipeQueue();
      }
      drainAll();
    } catch (Throwable t) {
      verdict.complete(new AssertionError(where() + ": the harness caught " + t, t));
    }
  }

  /**
   * Makes {@code step}'s calls from another thread while the context waits, then goes on with the
   * schedule at {@code rest} in a task queued after them. The consumer counts a pause once it has
   * landed, and a fetch or resume at once: its count of its demand is never below the stream's.
   */
  private void applyFromAnotherThread(Step step, int rest) {
    calls = Calls.FROM_ANOTHER_THREAD;
    try {
      apply(step);
    } finally {
      calls = Calls.LANDING;
    }
    context.runOnContext(v -> {
      calls = Calls.ON_THE_CONTEXT;
      if (step.kind() == Kind.PAUSE) {
        demand = 0;
      }
      runSteps(rest);
    });
  }

  /** A call into the chain, made where the step says ({@link Calls}). */
  private void call(Runnable call) {
    if (calls != Calls.FROM_ANOTHER_THREAD) {
      call.run();
      return;
    }
    try {
      BUILDER.submit(call).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("a call from another thread did not return", e);
    }
  }

  private void apply(Step step) {
    switch (step.kind()) {
      case PUSH -> {
        if (push != null) {
          // Per item: a step done inside the data handler may stop the source between two pushes.
          for (int i = 0; i < step.amount() && sourceState == SourceState.OPEN; i++) {
            sourceItems.add(next);
            int item = next++;
            call(() -> push.push(item));
          }
        }
      }
      case FETCH -> {
        demand = demand == Long.MAX_VALUE ? demand : demand + step.amount();
        call(() -> out.fetch(step.amount()));
      }
      case PAUSE -> {
        if (calls == Calls.ON_THE_CONTEXT) {
          demand = 0; // from another thread, once it has landed (applyFromAnotherThread)
        }
        call(out::pause);
      }
      case RESUME -> {
        demand = Long.MAX_VALUE;
        call(out::resume);
      }
      case YIELD -> throw new IllegalStateException("a yield step is handled by runSteps");
      case STOP_SOURCE -> closeSource(SourceState.ENDED);
      case FAIL_SOURCE -> closeSource(SourceState.FAILED);
      case ATTACH_HANDLER -> attachHandler();
      case ATTACH_END_HANDLER -> attachEndHandler();
      case DETACH_HANDLER -> {
        if (attached.remove(Attached.DATA)) {
          call(() -> out.handler(null));
        }
      }
      case STOP_STOPPABLE -> {
        if (stoppable != null) {
          stopped = true;
          call(stoppable::stop);
        }
      }
      case HANDLER_THROWS -> {
        HandlerBug bug = new HandlerBug(thrown.size());
        thrown.add(bug);
        throw bug;
      }
    }
  }

  private void closeSource(SourceState how) {
    if (push != null && sourceState == SourceState.OPEN) {
      sourceState = how;
      if (how == SourceState.FAILED) {
        call(() -> push.fail(cause));
      } else {
        call(push::stop);
      }
    }
  }

  private void attachHandler() {
    if (attached.add(Attached.DATA)) {
      out.exceptionHandler(this::failed);
      out.handler(x -> {
        if (inDataHandler) {
          violation("item " + x + " came inside the data handler of the item before (contract 5: delivery is trampolined)");
        }
        if (ends + failures.size() > 0) {
          violation("item " + x + " came after the " + (ends > 0 ? "end" : "failure"));
        } else if (demand == 0) {
          violation("item " + x + " came without demand");
        }
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        delivered.add(x);
        checkPipeQueue();
        Step step = calls == Calls.LANDING ? null : onNextItem.poll();
        if (step != null) {
          inDataHandler = true;
          try {
            apply(step);
          } finally {
            inDataHandler = false;
          }
        }
      });
    }
  }

  /**
   * The pipe pauses the chain once its queue is full, and the chain sends nothing more after a
   * pause (contract 2), so the queue holds at most one item beyond its size: Vert.x 5's {@code
   * pipeTo} sets its handler and then resumes the chain, and a chain that delivers at once when
   * its handler is set fills the queue, is paused by the pipe inside {@code handler()}, and is
   * resumed by it right after, which lets one more item in before the pipe's next look pauses it
   * again (measured on Vert.x 5.2.3: {@code fromIterable} of five items piped into a push stream
   * of write queue 2 leaves 3 in it; {@code pipe().to(dst)}, which pauses first, leaves 2).
   */
  private void checkPipeQueue() {
    if (pipedInto != null && pipedInto.size() > ChainCase.PIPE_QUEUE + 1) {
      violation("the pipe's write queue holds " + pipedInto.size() + " items, beyond its "
          + ChainCase.PIPE_QUEUE + " and the one Vert.x's pipeTo lets in as it starts");
    }
  }

  private void attachEndHandler() {
    if (attached.add(Attached.END)) {
      call(() -> out.endHandler(v -> {
        ends++;
        settleThenCheck();
      }));
    }
  }

  private void failed(Throwable t) {
    if (t instanceof HandlerBug) {
      reported.add((HandlerBug) t); // the consumer's bug: the stream goes on
      return;
    }
    failures.add(t);
    settleThenCheck();
  }

  /** After the schedule the consumer drains whatever is left. */
  private void drainAll() {
    for (Step step; (step = onNextItem.poll()) != null; ) {
      if (!Step.onlyInHandler(step.kind())) {
        apply(step); // no item came for it: done now, as the schedule's last steps
      }
    }
    closeSource(SourceState.ENDED);
    attachEndHandler();
    attachHandler();
    demand = Long.MAX_VALUE;
    phase = Phase.DRAINING;
    out.resume();
    settleThenCheck();
  }

  /** Once the schedule is done and the end or failure came: two more rounds of the queue, then the check. */
  private void settleThenCheck() {
    if (phase == Phase.DRAINING && ends + failures.size() > 0) {
      phase = Phase.SETTLING;
      context.runOnContext(v -> context.runOnContext(w -> verdict.complete(verify())));
    }
  }

  // ------------------------------------------------------------------ the check

  private AssertionError verify() {
    try {
      String where = where();
      assertEquals(List.of(), broken, where + ": rules broken");
      assertEquals(thrown, reported, where + ": what the data handler threw is reported, each once, in order");
      assertEquals(1, ends + failures.size(), where + ": end or failure exactly once (ends " + ends
          + ", failures " + failures + ")");
      // Read through a pipe, the chain's own end or failure is the pipe's outcome: the pipe ends
      // the push stream the consumer reads either way.
      int chainEnds = ends;
      List<Throwable> chainFailures = failures;
      if (pipe != null) {
        assertEquals(1, ends, where + ": the pipe ends the push stream it writes to, also on a failure");
        assertTrue(pipe.isComplete(), where + ": the pipe's future is complete once the push stream ended");
        chainEnds = pipe.succeeded() ? 1 : 0;
        chainFailures = pipe.succeeded() ? List.of() : List.of(pipe.cause());
      }
      Expected expected = Expected.ofSource(sourceItems, sourceState == SourceState.FAILED);
      for (ChainStage stage : testCase.chain()) {
        expected = stage.model().apply(expected);
      }
      if (stopped && chainEnds == 1) {
        // The stop took effect (or came after a clean end): what came is the start of what was due.
        assertItems(expected.items(), Completeness.A_PREFIX, where);
        return null;
      }
      // Otherwise the stoppable stage had already ended or failed when it was stopped.
      if (expected.ending() == Ending.END_OR_FAILURE) {
        // A cut after a stage that drops its tail on a failure: the failure may overtake the cut.
        if (chainEnds == 1) {
          assertItems(expected.items(), Completeness.ALL, where);
          return null;
        }
        assertSourceFailure(chainFailures.get(0), where);
      } else if (expected.ending() == Ending.FAILURE) {
        assertEquals(1, chainFailures.size(), where + ": the source's failure comes through");
        assertSourceFailure(chainFailures.get(0), where);
      } else {
        assertEquals(1, chainEnds, where + ": ended (failures " + chainFailures + ")");
      }
      assertItems(expected.items(), expected.completeness(), where);
      return null;
    } catch (AssertionError e) {
      return e;
    }
  }

  /** The source's failure itself, or, across the event bus, a ReplyException with its message. */
  private void assertSourceFailure(Throwable failure, String where) {
    if (testCase.chain().stream().anyMatch(ChainStage::acrossEventBus)) {
      assertTrue(failure instanceof ReplyException && cause.getMessage().equals(failure.getMessage()),
          where + ": the source's failure comes across the event bus with its message, was " + failure);
    } else {
      assertSame(cause, failure, where + ": the source's failure itself comes through");
    }
  }

  private void assertItems(List<Integer> expected, Completeness completeness, String where) {
    boolean ordered = testCase.chain().stream().noneMatch(s -> s.order() == Order.MERGED);
    if (completeness == Completeness.ALL) {
      if (ordered) {
        assertEquals(expected, delivered, where + ": the items");
      } else {
        assertEquals(expected.stream().sorted().toList(), delivered.stream().sorted().toList(),
            where + ": the items, in any order");
      }
    } else if (ordered) {
      assertEquals(expected.subList(0, Math.min(delivered.size(), expected.size())), delivered,
          where + ": what came is the start of what was due");
    } else {
      List<Integer> remaining = new ArrayList<>(expected);
      for (Integer x : delivered) {
        assertTrue(remaining.remove(x), where + ": " + x + " was not due (or came twice); due " + expected
            + ", came " + delivered);
      }
    }
  }

  private String where() {
    String source = testCase.source() == ChainCase.Source.PUSH ? "a push source" : "an iterable";
    return "chain " + testCase.chain() + " over " + source;
  }

  private String describe() {
    return "source items " + sourceItems + " (" + sourceState + "), delivered " + delivered + ", ends " + ends
        + ", failures " + failures + ", handler threw " + thrown + ", reported " + reported
        + ", rules broken " + broken;
  }

  /** What the consumer's data handler throws: the consumer's bug, numbered in the order thrown. */
  private static final class HandlerBug extends RuntimeException {
    HandlerBug(int number) {
      super("the consumer's data handler threw (" + number + ")", null, false, false);
    }
  }
}

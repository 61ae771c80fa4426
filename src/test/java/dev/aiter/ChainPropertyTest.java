package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.support.Sources;
import dev.aiter.support.TestContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random chains of one to four combinators over a push or an iterable source, driven by random
 * schedules of pushes, fetches, pauses, resumes, stops, late handlers and source failures, checked
 * against a plain model of what must come out: nothing lost, duplicated or (where order is
 * promised) reordered; never more items than demanded; end or failure exactly once.
 *
 * <p>The default build runs a fixed seed; {@code mvn -B test -Plong-search} runs many more tries
 * with random seeds.
 */
class ChainPropertyTest {

  private static TestContext tc;

  @BeforeContainer
  static void start() {
    tc = new TestContext();
  }

  @AfterContainer
  static void stop() {
    tc.close();
  }

  /** A stage of the chain, with what it does to the model's items. */
  enum Stage {
    MAP, MAP_FILTER, PRELOAD, GATED, MAP_ASYNC, PEEK_ASYNC, FLAT_MAP, ZIP, FORK, SHARABLE, STOPPABLE, ACTIVE, JOIN_ONE,
    // beyond aiter
    FILTER, TAKE, SKIP, TAKE_WHILE, CONCAT, MERGE, MAP_ASYNC_ORDERED, BOUNDED_FORK, CHUNKS, TIMEOUT, THROTTLE;

    /** What this stage makes of the items, in the model. */
    List<Integer> model(List<Integer> in) {
      return switch (this) {
        case MAP -> in.stream().map(x -> x * 3 + 1).toList();
        case MAP_FILTER -> in.stream().flatMap(x -> filter(x).stream()).toList();
        case FLAT_MAP -> in.stream().flatMap(x -> Stream.of(x, x + 1000)).toList();
        case FILTER -> in.stream().filter(ChainPropertyTest::kept).toList();
        case TAKE -> in.subList(0, Math.min(TAKEN, in.size()));
        case SKIP -> in.subList(Math.min(SKIPPED, in.size()), in.size());
        case TAKE_WHILE -> in.stream().takeWhile(ChainPropertyTest::small).toList();
        default -> in;
      };
    }

    /** Whether, in the model, it ends the stream cleanly before a failure from upstream comes. */
    boolean cutsBefore(List<Integer> in) {
      return switch (this) {
        case TAKE -> in.size() >= TAKEN;
        case TAKE_WHILE -> !in.stream().allMatch(ChainPropertyTest::small);
        default -> false;
      };
    }

    /** Whether what it delivers depends on the order of its items (so it needs that order known). */
    boolean dependsOnOrder() {
      return this == TAKE || this == SKIP || this == TAKE_WHILE;
    }

    /** Whether it keeps the order of its items (join merges inner streams as they come). */
    boolean ordered() {
      return this != FLAT_MAP;
    }

    /**
     * Whether a source failure may overtake items it holds: its calls complete in a later task,
     * and calls still in flight are not waited for (contract 7).
     */
    boolean abandonsCallsInFlight() {
      return this == PEEK_ASYNC;
    }
  }

  /** take(n) and skip(n) of the chain. */
  private static final int TAKEN = 6;
  private static final int SKIPPED = 2;

  private static boolean kept(int x) {
    return Math.floorMod(x, 4) != 0;
  }

  private static boolean small(int x) {
    return Math.floorMod(x, 11) != 10;
  }

  private static List<Integer> filter(int x) {
    int r = Math.floorMod(x, 3);
    return r == 0 ? List.of() : r == 1 ? List.of(x) : List.of(x, -x);
  }

  /** One step of the schedule. */
  record Step(Kind kind, int amount) {
    @Override
    public String toString() {
      return kind + (kind == Kind.PUSH || kind == Kind.FETCH ? "(" + amount + ")" : "");
    }
  }

  enum Kind { PUSH, FETCH, PAUSE, RESUME, STOP_SOURCE, FAIL_SOURCE, ATTACH_HANDLER, ATTACH_END_HANDLER, STOP_STOPPABLE }

  @Provide
  Arbitrary<List<Stage>> chains() {
    // take, skip and takeWhile pick items by their position: not after join, whose order is open.
    return Arbitraries.of(Stage.values()).list().ofMinSize(1).ofMaxSize(4)
        .filter(chain -> chain.indexOf(Stage.FLAT_MAP) < 0
            || chain.subList(chain.indexOf(Stage.FLAT_MAP), chain.size()).stream().noneMatch(Stage::dependsOnOrder));
  }

  @Provide
  Arbitrary<List<Step>> schedules() {
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 4).map(n -> new Step(Kind.PUSH, n))),
        net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 4).map(n -> new Step(Kind.FETCH, n))),
        net.jqwik.api.Tuple.of(3, Arbitraries.just(new Step(Kind.PAUSE, 0))),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new Step(Kind.RESUME, 0))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step(Kind.STOP_SOURCE, 0))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step(Kind.FAIL_SOURCE, 0))),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new Step(Kind.ATTACH_HANDLER, 0))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step(Kind.ATTACH_END_HANDLER, 0))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Step(Kind.STOP_STOPPABLE, 0))));
    return step.list().ofMaxSize(30);
  }

  @Property(tries = 400_000, seed = "20261125")
  void chainsBehaveLikeTheModel(@ForAll("chains") List<Stage> chain, @ForAll("schedules") List<Step> schedule,
      @ForAll boolean pushSource) {
    check(chain, schedule, pushSource);
  }

  @Property(tries = 2_000_000)
  @Tag("long-search")
  void chainsBehaveLikeTheModelLongSearch(@ForAll("chains") List<Stage> chain,
      @ForAll("schedules") List<Step> schedule, @ForAll boolean pushSource) {
    check(chain, schedule, pushSource);
  }

  private void check(List<Stage> chain, List<Step> schedule, boolean pushSource) {
    Run run = tc.call(() -> new Run(chain, schedule, pushSource));
    try {
      run.terminated.get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("neither end nor failure within 5 s", e);
    }
    tc.settle(2);
    tc.run(run::verify);
  }

  /** One chain driven by one schedule, all on the context. */
  private static final class Run {
    private final RuntimeException cause = new RuntimeException("source failure");
    private final List<Integer> sourceItems = new ArrayList<>();
    private final List<Integer> delivered = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final List<Stage> chain;
    private final boolean ordered;
    private PushStream<Integer> push;
    private StoppableStream<Integer> stoppable;
    private Aiter<Integer> out;
    private long demand = Long.MAX_VALUE;
    private int ends;
    private int violations;
    private boolean sourceClosed;
    private boolean sourceFailed;
    private boolean stopped;
    private boolean handlerSet;
    private boolean endHandlerSet;
    private int next;

    Run(List<Stage> chain, List<Step> schedule, boolean pushSource) {
      this.chain = chain;
      this.ordered = chain.stream().allMatch(Stage::ordered);
      // A failure reached before an exception handler is set goes to the context's (contract 7).
      tc.context.exceptionHandler(t -> {
        failures.add(t);
        terminated.complete(null);
      });
      Aiter<Integer> source;
      if (pushSource) {
        push = PushStream.create(tc.context);
        source = push;
      } else {
        // An iterable source: its items (and failure, if the schedule has one) are known up front.
        for (Step step : schedule) {
          if (step.kind() == Kind.PUSH) {
            for (int i = 0; i < step.amount(); i++) {
              sourceItems.add(next++);
            }
          }
        }
        sourceFailed = schedule.stream().anyMatch(s -> s.kind() == Kind.FAIL_SOURCE);
        sourceClosed = true;
        source = Aiter.fromIterator(tc.context, Sources.counting(List.copyOf(sourceItems), sourceFailed ? cause : null));
      }
      out = build(source);
      for (Step step : schedule) {
        apply(step);
      }
      finish();
    }

    private Aiter<Integer> build(Aiter<Integer> s) {
      for (Stage stage : chain) {
        s = switch (stage) {
          case MAP -> s.map(x -> x * 3 + 1);
          case MAP_FILTER -> s.mapFilter(ChainPropertyTest::filter);
          case PRELOAD -> s.preload(3);
          case GATED -> {
            GatedStream<Integer> gate = s.gated();
            gate.push(1_000_000);
            yield gate;
          }
          case MAP_ASYNC -> s.mapAsync(Future::succeededFuture, 3);
          case PEEK_ASYNC -> s.peekAsync(x -> {
            // Completed in a later task: the items wait in flight across the schedule's steps.
            Promise<Void> call = Promise.promise();
            tc.context.runOnContext(v -> call.complete());
            return call.future();
          }, 2);
          case FLAT_MAP -> s.flatMap(x -> Aiter.fromIterable(tc.context, List.of(x, x + 1000)));
          case ZIP -> s.zipWith(Aiter.fromIterator(tc.context, Stream.iterate(0, x -> x + 1).iterator()), (a, b) -> a);
          case FORK -> {
            ForkStream<Integer> forker = s.forker();
            // A passive fork nobody reads: it holds items but never pulls (and has its own ending).
            forker.fork(false).exceptionHandler(t -> { }).endHandler(v -> { });
            yield forker;
          }
          case SHARABLE -> s.sharable().consumer();
          case STOPPABLE -> {
            StoppableStream<Integer> st = s.stoppable();
            if (stoppable == null) {
              stoppable = st;
            }
            yield st;
          }
          case ACTIVE -> s.active();
          case JOIN_ONE -> Aiter.join(Aiter.fromIterable(tc.context, List.of(s)));
          case FILTER -> s.filter(ChainPropertyTest::kept);
          case TAKE -> s.take(TAKEN);
          case SKIP -> s.skip(SKIPPED);
          case TAKE_WHILE -> s.takeWhile(ChainPropertyTest::small);
          case CONCAT -> Aiter.concat(Aiter.fromIterable(tc.context, List.<Integer>of()), s,
              Aiter.fromIterable(tc.context, List.<Integer>of()));
          case MERGE -> Aiter.merge(s, Aiter.fromIterable(tc.context, List.<Integer>of()));
          case MAP_ASYNC_ORDERED -> s.mapAsyncOrdered(x -> {
            if (Math.floorMod(x, 2) == 0) {
              return Future.succeededFuture(x);
            }
            // Completed in a later task: results finish out of order.
            Promise<Integer> call = Promise.promise();
            tc.context.runOnContext(v -> call.complete(x));
            return call.future();
          }, 3);
          case BOUNDED_FORK -> {
            ForkStream<Integer> forker = s.forker(2);
            // A flowing sibling: it pulls ahead, never more than 2 beyond the consumer under test.
            forker.fork().exceptionHandler(t -> { }).endHandler(v -> { }).handler(x -> { });
            yield forker;
          }
          case CHUNKS -> Aiter.flatten(s.chunks(3, 1, java.util.concurrent.TimeUnit.MILLISECONDS));
          case TIMEOUT -> s.timeout(1, java.util.concurrent.TimeUnit.MINUTES);
          case THROTTLE -> s.throttle(1_000_000_000L, 1, java.util.concurrent.TimeUnit.SECONDS);
        };
      }
      return s;
    }

    private void apply(Step step) {
      switch (step.kind()) {
        case PUSH -> {
          if (push != null && !sourceClosed) {
            for (int i = 0; i < step.amount(); i++) {
              sourceItems.add(next);
              push.push(next++);
            }
          }
        }
        case FETCH -> {
          demand = demand == Long.MAX_VALUE ? demand : demand + step.amount();
          out.fetch(step.amount());
        }
        case PAUSE -> {
          demand = 0;
          out.pause();
        }
        case RESUME -> {
          demand = Long.MAX_VALUE;
          out.resume();
        }
        case STOP_SOURCE -> closeSource(false);
        case FAIL_SOURCE -> closeSource(true);
        case ATTACH_HANDLER -> attachHandler();
        case ATTACH_END_HANDLER -> attachEndHandler();
        case STOP_STOPPABLE -> {
          if (stoppable != null) {
            stopped = true;
            stoppable.stop();
          }
        }
      }
    }

    private void closeSource(boolean fail) {
      if (push != null && !sourceClosed) {
        sourceClosed = true;
        sourceFailed = fail;
        if (fail) {
          push.fail(cause);
        } else {
          push.stop();
        }
      }
    }

    private void attachHandler() {
      if (!handlerSet) {
        handlerSet = true;
        out.exceptionHandler(t -> {
          failures.add(t);
          terminated.complete(null);
        });
        out.handler(x -> {
          if (demand == 0 || ends + failures.size() > 0) {
            violations++;
          }
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          delivered.add(x);
        });
      }
    }

    private void attachEndHandler() {
      if (!endHandlerSet) {
        endHandlerSet = true;
        out.endHandler(v -> {
          ends++;
          terminated.complete(null);
        });
      }
    }

    /** The consumer drains whatever is left. */
    private void finish() {
      closeSource(false);
      attachEndHandler();
      attachHandler();
      demand = Long.MAX_VALUE;
      out.resume();
    }

    void verify() {
      String where = "chain " + chain + (push != null ? " over a push source" : " over an iterable");
      assertEquals(0, violations, where + ": items beyond demand or after the terminal");
      assertEquals(1, ends + failures.size(), where + ": end or failure exactly once");
      List<Integer> expected = sourceItems;
      boolean failing = sourceFailed;
      // A cut after peekAsync may come late: a failure can overtake its calls in flight.
      boolean lossy = false;
      for (Stage stage : chain) {
        if (failing && stage.cutsBefore(expected)) {
          failing = false;
        }
        lossy |= sourceFailed && stage.abandonsCallsInFlight();
        expected = stage.model(expected);
      }
      if (stopped && ends == 1) {
        // The stop took effect (or came after a clean end): what came is the start of what was due.
        assertPrefix(expected, where);
        return;
      }
      if (!failing && lossy && failures.size() == 1) {
        // The source's failure overtook the calls peekAsync had in flight, before the cut.
        assertSame(cause, failures.get(0));
        assertPrefix(expected, where);
        return;
      }
      // Otherwise the stoppable stage had already ended or failed when it was stopped.
      if (failing) {
        assertEquals(1, failures.size(), where + ": the source's failure comes through");
        assertSame(cause, failures.get(0));
        if (ordered && chain.stream().noneMatch(Stage::abandonsCallsInFlight)) {
          assertEquals(expected, delivered, where + ": every item before the failure, in order");
        } else {
          // join does not hold what its inner streams had not given; peekAsync drops its calls in flight
          assertPrefix(expected, where);
        }
        return;
      }
      assertEquals(1, ends, where + ": ended");
      if (ordered) {
        assertEquals(expected, delivered, where);
      } else {
        assertEquals(expected.stream().sorted().toList(), delivered.stream().sorted().toList(), where);
      }
    }

    private void assertPrefix(List<Integer> expected, String where) {
      if (ordered) {
        assertEquals(expected.subList(0, Math.min(delivered.size(), expected.size())), delivered,
            where + ": what came is the start of what was due");
      } else {
        List<Integer> remaining = new ArrayList<>(expected);
        for (Integer x : delivered) {
          assertTrue(remaining.remove(x), where + ": " + x + " was not due (or came twice)");
        }
      }
    }
  }
}

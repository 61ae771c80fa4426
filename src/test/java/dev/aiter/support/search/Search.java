package dev.aiter.support.search;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small seeded random search: draws cases from a {@link SplittableRandom} seeded per try, checks
 * each against a property, and at the first failure shrinks the case and fails with a report that
 * names the seeds, the command that replays the try, and the shrunk case.
 *
 * <p>Seeds: a master seed gives one seed per try ({@code master.nextLong()}), and a try's seed
 * alone rebuilds its case, so {@code -Daiter.seed=<try seed>} replays exactly the failing try (and
 * shrinks it again). {@code -Daiter.tries=<n>} overrides the number of tries.
 *
 * <p>The tries run one after another on the given executor (a Vert.x context), each started when
 * the one before has given its verdict, so that no thread hand-off is paid per try; the calling
 * thread only watches that the tries keep coming, and fails a try that gives no verdict within
 * {@link #TIMEOUT_SECONDS}.
 *
 * @param <C> the case type
 */
public final class Search<C> {

  /** The system property that replays one try by its seed. */
  public static final String SEED_PROPERTY = "aiter.seed";
  /** The system property that overrides the number of tries. */
  public static final String TRIES_PROPERTY = "aiter.tries";
  /** How long one try may take to give its verdict; one takes well under a millisecond. */
  public static final long TIMEOUT_SECONDS = 5;
  /** The most checks spent on shrinking one failure. */
  private static final int MAX_SHRINK_CHECKS = 5_000;
  /** The most time spent on shrinking one failure (a case that hangs costs the timeout per check). */
  private static final long MAX_SHRINK_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** Draws a case; must depend on {@code random} alone, so that a seed replays it. */
  @FunctionalInterface
  public interface Generator<C> {
    C generate(SplittableRandom random);
  }

  /** Checks a case. */
  @FunctionalInterface
  public interface Property<C> {
    /**
     * Starts checking {@code testCase}, on the search's executor, and calls {@code verdict} once:
     * with {@code null} when the case holds, else with what went wrong. Returns what to report if
     * the verdict never comes.
     */
    Supplier<String> check(C testCase, Consumer<AssertionError> verdict);
  }

  private final String name;
  private final Executor executor;
  private final Generator<C> generator;
  private final Function<C, List<C>> shrinker;
  private final Property<C> property;
  private final String replayCommand;

  /**
   * @param name what is searched, for the report
   * @param executor where the checks run
   * @param generator draws a case from a seeded random
   * @param shrinker the smaller cases to try in place of a failing one, most shrinking first
   * @param property the check
   * @param replayCommand the command that runs the search, to which the report adds the seed
   */
  public Search(String name, Executor executor, Generator<C> generator, Function<C, List<C>> shrinker,
      Property<C> property, String replayCommand) {
    this.name = name;
    this.executor = executor;
    this.generator = generator;
    this.shrinker = shrinker;
    this.property = property;
    this.replayCommand = replayCommand;
  }

  /** A master seed that differs from run to run, for the long search. */
  public static long randomSeed() {
    return new SplittableRandom().nextLong();
  }

  /**
   * Runs {@code tries} tries from {@code masterSeed} (or what the system properties ask); throws an
   * {@link AssertionError} with the report at the first failure.
   */
  public void run(int tries, long masterSeed) {
    String replay = System.getProperty(SEED_PROPERTY, "").trim();
    Failure<C> failure;
    if (!replay.isEmpty()) {
      failure = replayOne(Long.parseLong(replay));
    } else {
      String override = System.getProperty(TRIES_PROPERTY, "").trim();
      int n = override.isEmpty() ? tries : Integer.parseInt(override);
      failure = new Tries(n, masterSeed).runAll();
    }
    if (failure != null) {
      throw report(failure, shrink(failure.testCase(), failure.error()));
    }
  }

  /**
   * Checks the tries of {@code seeds} (try seeds a failure printed), each once, as regression
   * cases; throws an {@link AssertionError} with the report at the first that fails. A seed stands
   * for the case the generator draws from it today: a change to the generator draws another.
   */
  public void replay(long... seeds) {
    for (long seed : seeds) {
      Failure<C> failure = replayOne(seed);
      if (failure != null) {
        throw report(failure, shrink(failure.testCase(), failure.error()));
      }
    }
  }

  private Failure<C> replayOne(long seed) {
    C testCase = generator.generate(new SplittableRandom(seed));
    AssertionError error = checkOne(testCase);
    return error == null ? null : new Failure<>("the replay of seed " + seed, seed, testCase, error);
  }

  private record Failure<C>(String where, long seed, C testCase, AssertionError error) {
  }

  /** The tries, chained on the executor; only {@link #runAll} runs on the calling thread. */
  private final class Tries {
    private final int count;
    private final long masterSeed;
    private final SplittableRandom master;
    private final CompletableFuture<Failure<C>> done = new CompletableFuture<>();
    /** The try under way, and what it would say if it hung; read by the watching thread. */
    private volatile int index;
    private volatile long seed;
    private volatile C current;
    private volatile Supplier<String> hung = () -> "";

    Tries(int count, long masterSeed) {
      this.count = count;
      this.masterSeed = masterSeed;
      this.master = new SplittableRandom(masterSeed);
    }

    Failure<C> runAll() {
      executor.execute(this::next);
      int seen = -1;
      long lastProgress = System.nanoTime();
      for (;;) {
        try {
          return done.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          int now = index;
          if (now != seen) {
            seen = now;
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)) {
            return new Failure<>(where(now), seed, current, noVerdict(hung));
          }
        } catch (InterruptedException | ExecutionException e) {
          throw new IllegalStateException(name + ": the search itself broke", e);
        }
      }
    }

    /** Starts the next try; runs on the executor. */
    private void next() {
      try {
        if (index == count) {
          done.complete(null);
          return;
        }
        int i = index + 1;
        long s = master.nextLong();
        C testCase = generator.generate(new SplittableRandom(s));
        seed = s;
        current = testCase;
        index = i;
        hung = property.check(testCase, error -> {
          if (error == null) {
            executor.execute(this::next);
          } else {
            done.complete(new Failure<>(where(i), s, testCase, error));
          }
        });
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    }

    private String where(int i) {
      return "try " + i + " of " + count + " (master seed " + masterSeed + ")";
    }
  }

  /** One check, waited for on the calling thread. */
  private AssertionError checkOne(C testCase) {
    CompletableFuture<AssertionError> verdict = new CompletableFuture<>();
    CompletableFuture<Supplier<String>> hung = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        hung.complete(property.check(testCase, verdict::complete));
      } catch (Throwable t) {
        verdict.completeExceptionally(t);
      }
    });
    try {
      return verdict.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return noVerdict(hung.getNow(() -> ""));
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(name + ": the check itself broke", e);
    }
  }

  private static AssertionError noVerdict(Supplier<String> hung) {
    return new AssertionError("no verdict within " + TIMEOUT_SECONDS + " s: " + hung.get());
  }

  private record Shrunk<C>(C testCase, AssertionError error, int checks, int steps) {
  }

  /**
   * Greedy shrinking: takes the first smaller case that still fails and starts over from it, until
   * no candidate fails or the budget is spent.
   */
  private Shrunk<C> shrink(C failing, AssertionError error) {
    long start = System.nanoTime();
    int checks = 0;
    int steps = 0;
    boolean smaller = true;
    while (smaller) {
      smaller = false;
      for (C candidate : shrinker.apply(failing)) {
        if (checks >= MAX_SHRINK_CHECKS || System.nanoTime() - start > MAX_SHRINK_NANOS) {
          return new Shrunk<>(failing, error, checks, steps);
        }
        checks++;
        AssertionError candidateError = checkOne(candidate);
        if (candidateError != null) {
          failing = candidate;
          error = candidateError;
          steps++;
          smaller = true;
          break;
        }
      }
    }
    return new Shrunk<>(failing, error, checks, steps);
  }

  private AssertionError report(Failure<C> failure, Shrunk<C> shrunk) {
    String text = name + " failed on " + failure.where() + ".\n"
        + "Seed of this try: " + failure.seed() + "\n"
        + "Replay it: " + replayCommand + " -D" + SEED_PROPERTY + "=" + failure.seed() + "\n"
        + "Shrunk in " + shrunk.steps() + " steps (" + shrunk.checks() + " checks) to:\n"
        + indent(shrunk.testCase().toString())
        + "which fails with:\n"
        + indent(String.valueOf(shrunk.error().getMessage()))
        + "The case as drawn:\n"
        + indent(failure.testCase().toString());
    return new AssertionError(text, shrunk.error());
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      out.append("    ").append(line).append('\n');
    }
    return out.toString();
  }
}

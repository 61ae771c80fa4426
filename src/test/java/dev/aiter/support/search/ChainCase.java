package dev.aiter.support.search;

import dev.aiter.support.search.Step.Kind;
import dev.aiter.support.search.Step.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One case of the random-chain search: a source, a chain of one to four stages on it, and a
 * schedule of steps that drive the source and the consumer; after the schedule the consumer
 * drains what is left (the source stops, every handler is set, {@code resume()}).
 *
 * @param source the kind of source
 * @param chain the stages, from the source to the consumer
 * @param steps the schedule
 * @param building where the source and the chain are built
 * @param reading how the consumer reads the chain
 */
public record ChainCase(Source source, List<ChainStage> chain, List<Step> steps, Building building, Reading reading) {

  /** How the consumer reads the chain. */
  public enum Reading {
    /** Its handlers are set on the chain's last stage: the steps act on that stage. */
    DIRECTLY,
    /**
     * The last stage is piped ({@code pipeTo}) into a {@code PushStream} whose write queue holds
     * {@link #PIPE_QUEUE} items, and the consumer reads that: the steps act on it. Vert.x's pipe
     * pauses the chain while the queue is full and ends the push stream when the chain ends, also
     * on a failure, which fails the pipe's future instead.
     */
    THROUGH_A_PIPE
  }

  /** The write queue of the push stream a piped chain writes to. */
  public static final int PIPE_QUEUE = 2;

  /** Where the source and the chain are built. */
  public enum Building {
    /** On the context, where the schedule then runs. */
    ON_THE_CONTEXT,
    /**
     * On another thread, while the context waits for it; the schedule then runs in the same task
     * of the context, before what the building queued for the context (subscriptions) has run.
     */
    ON_ANOTHER_THREAD
  }

  /** The source of the chain. */
  public enum Source {
    /** A {@code PushStream} the schedule pushes into, stops and fails as it goes. */
    PUSH,
    /** {@code fromIterator} over every item the schedule pushes, failing after them if it fails. */
    ITERABLE
  }

  static final int MAX_STAGES = 4;
  static final int MAX_STEPS = 30;
  static final int MAX_PUSH = 4;
  static final int MAX_FETCH = 4;

  /** The kinds of step and how often each is drawn, out of {@link #TOTAL_WEIGHT}. */
  private static final Kind[] KINDS = Kind.values();
  private static final int[] WEIGHTS = weights();
  private static final int TOTAL_WEIGHT = java.util.Arrays.stream(WEIGHTS).sum();

  private static int[] weights() {
    int[] w = new int[KINDS.length];
    w[Kind.PUSH.ordinal()] = 6;
    w[Kind.FETCH.ordinal()] = 5;
    w[Kind.PAUSE.ordinal()] = 3;
    w[Kind.RESUME.ordinal()] = 2;
    w[Kind.YIELD.ordinal()] = 2;
    w[Kind.STOP_SOURCE.ordinal()] = 1;
    w[Kind.FAIL_SOURCE.ordinal()] = 1;
    w[Kind.ATTACH_HANDLER.ordinal()] = 2;
    w[Kind.ATTACH_END_HANDLER.ordinal()] = 1;
    w[Kind.STOP_STOPPABLE.ordinal()] = 1;
    w[Kind.HANDLER_THROWS.ordinal()] = 1;
    w[Kind.DETACH_HANDLER.ordinal()] = 1;
    return w;
  }

  public ChainCase {
    chain = List.copyOf(chain);
    steps = List.copyOf(steps);
  }

  /** Draws a case from {@code random} and the stages of {@code registry}. */
  public static ChainCase generate(SplittableRandom random, List<ChainStage> registry) {
    Source source = random.nextBoolean() ? Source.PUSH : Source.ITERABLE;
    int stages = 1 + random.nextInt(MAX_STAGES);
    List<ChainStage> chain = new ArrayList<>(stages);
    for (int i = 0; i < stages; i++) {
      ChainStage stage = registry.get(random.nextInt(registry.size()));
      while (stage.order() == ChainStage.Order.PICKS
          && chain.stream().anyMatch(s -> s.order() == ChainStage.Order.MERGED)) {
        stage = registry.get(random.nextInt(registry.size())); // its pick would depend on the merge
      }
      chain.add(stage);
    }
    // Short schedules are drawn as often as long ones: most bugs need few steps.
    int length = random.nextInt(4) == 0 ? random.nextInt(6) : random.nextInt(MAX_STEPS + 1);
    List<Step> steps = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      steps.add(step(random));
    }
    // A chain of stages that may be built anywhere is built off the context one time in four.
    boolean anywhere = chain.stream().allMatch(s -> s.built() == ChainStage.Built.ANYWHERE);
    Building building = anywhere && random.nextInt(4) == 0 ? Building.ON_ANOTHER_THREAD : Building.ON_THE_CONTEXT;
    Reading reading = random.nextInt(6) == 0 ? Reading.THROUGH_A_PIPE : Reading.DIRECTLY;
    return new ChainCase(source, chain, steps, building, reading);
  }

  /** One step in this many eligible ones is done from inside the consumer's data handler. */
  private static final int IN_HANDLER_ONE_IN = 4;
  /** One step in this many eligible ones at the top of a task makes its calls from another thread. */
  private static final int ELSEWHERE_ONE_IN = 8;

  private static Step step(SplittableRandom random) {
    Step step = drawStep(random);
    if (Step.onlyInHandler(step.kind())
        || Step.mayRunInHandler(step.kind()) && random.nextInt(IN_HANDLER_ONE_IN) == 0) {
      return step.at(Where.IN_THE_DATA_HANDLER);
    }
    return Step.mayRunElsewhere(step.kind()) && random.nextInt(ELSEWHERE_ONE_IN) == 0
        ? step.at(Where.FROM_ANOTHER_THREAD) : step;
  }

  private static Step drawStep(SplittableRandom random) {
    int r = random.nextInt(TOTAL_WEIGHT);
    Kind kind = KINDS[0];
    for (int i = 0; i < KINDS.length; i++) {
      r -= WEIGHTS[i];
      if (r < 0) {
        kind = KINDS[i];
        break;
      }
    }
    return switch (kind) {
      case PUSH -> new Step(kind, 1 + random.nextInt(MAX_PUSH));
      case FETCH -> new Step(kind, random.nextInt(MAX_FETCH + 1));
      default -> Step.of(kind);
    };
  }

  /**
   * Smaller cases to try in place of this one, most shrinking first: a shorter chain, fewer steps
   * (halves, quarters, ... single steps dropped; two pushes or fetches in a row made one), smaller
   * amounts.
   */
  public List<ChainCase> shrinks() {
    List<ChainCase> out = new ArrayList<>();
    if (reading == Reading.THROUGH_A_PIPE) {
      out.add(new ChainCase(source, chain, steps, building, Reading.DIRECTLY));
    }
    if (chain.size() > 1) {
      for (int i = 0; i < chain.size(); i++) {
        List<ChainStage> shorter = new ArrayList<>(chain);
        shorter.remove(i);
        out.add(new ChainCase(source, shorter, steps, building, reading));
      }
    }
    for (int length = steps.size(); length >= 1; length /= 2) {
      for (int from = 0; from + length <= steps.size(); from += length) {
        List<Step> fewer = new ArrayList<>(steps.subList(0, from));
        fewer.addAll(steps.subList(from + length, steps.size()));
        out.add(new ChainCase(source, chain, fewer, building, reading));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.where() != Where.IN_A_TASK && !Step.onlyInHandler(step.kind())) {
        out.add(withStep(i, step.at(Where.IN_A_TASK)));
      }
    }
    for (int i = 0; i + 1 < steps.size(); i++) {
      Step step = steps.get(i);
      Step following = steps.get(i + 1);
      if (step.kind() == following.kind() && step.where() == following.where()
          && (step.kind() == Kind.PUSH || step.kind() == Kind.FETCH)) {
        List<Step> merged = new ArrayList<>(steps);
        merged.set(i, step.withAmount(step.amount() + following.amount()));
        merged.remove(i + 1);
        out.add(new ChainCase(source, chain, merged, building, reading));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      int least = step.kind() == Kind.PUSH ? 1 : 0;
      if ((step.kind() == Kind.PUSH || step.kind() == Kind.FETCH) && step.amount() > least) {
        if (step.amount() - 1 > least) {
          out.add(withStep(i, step.withAmount(least)));
        }
        out.add(withStep(i, step.withAmount(step.amount() - 1)));
      }
    }
    return out;
  }

  private ChainCase withStep(int index, Step step) {
    List<Step> changed = new ArrayList<>(steps);
    changed.set(index, step);
    return new ChainCase(source, chain, changed, building, reading);
  }

  /** The case as a readable list: the source, the chain, then the steps in order. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("source: ").append(source == Source.PUSH ? "a PushStream"
        : "fromIterator over the items the steps push (failing after them if a step fails the source)").append('\n');
    out.append("chain:  source");
    for (ChainStage stage : chain) {
      out.append(" -> ").append(stage.name());
    }
    out.append(reading == Reading.THROUGH_A_PIPE
        ? " -> pipeTo(a PushStream, write queue " + PIPE_QUEUE + ") -> consumer of that PushStream\n" : " -> consumer\n");
    if (building == Building.ON_ANOTHER_THREAD) {
      out.append("built:  on another thread while the context waits; the steps run in that same task\n");
    }
    out.append("steps:\n");
    for (int i = 0; i < steps.size(); i++) {
      out.append(String.format("  %2d. %s", i + 1, steps.get(i))).append('\n');
    }
    out.append("  then the consumer drains: the source stops, every handler is set, resume()\n");
    return out.toString();
  }
}

package dev.aiter.support.search;

/**
 * One step of a schedule: what the test does next to the source or the consumer of a chain, and
 * where it does it ({@link Where}).
 *
 * @param kind what is done
 * @param amount how many items are pushed or fetched; 0 for the other kinds
 * @param where where the step's calls into the chain are made
 */
public record Step(Kind kind, int amount, Where where) {

  /** Where a step's calls into the chain are made. */
  public enum Where {
    /** At the top of a task of the context, in the schedule's order. */
    IN_A_TASK,
    /**
     * Inside the consumer's data handler (contract 5: handlers may call fetch, pause, resume, push
     * or stop on any stream of the chain): the step waits for the next item and is done after the
     * item is counted. Steps still waiting when the schedule ends are done then, in order, before
     * the consumer drains.
     */
    IN_THE_DATA_HANDLER,
    /**
     * From another thread while the context waits (contract 1 carries the calls onto the context);
     * the schedule goes on in a later task, once they have landed.
     */
    FROM_ANOTHER_THREAD
  }

  /** What a step does. */
  public enum Kind {
    /** Push {@code amount} new items into the source (an iterable source holds them from the start). */
    PUSH,
    /** The consumer calls {@code fetch(amount)}. */
    FETCH,
    /** The consumer calls {@code pause()}. */
    PAUSE,
    /** The consumer calls {@code resume()}. */
    RESUME,
    /** The rest of the schedule runs in a later task of the context, after what is queued now. */
    YIELD,
    /** The source ends (once). */
    STOP_SOURCE,
    /** The source fails (once; an iterable source fails after its items). */
    FAIL_SOURCE,
    /** The consumer sets its data and exception handlers (unless they are set). */
    ATTACH_HANDLER,
    /** The consumer sets its end handler (once). */
    ATTACH_END_HANDLER,
    /**
     * The consumer takes its data handler away ({@code handler(null)}); a later step, or the
     * drain, sets it again. Meanwhile the stream holds what it has (contract 3).
     */
    DETACH_HANDLER,
    /** The first stoppable stage of the chain, if any, is stopped. */
    STOP_STOPPABLE,
    /**
     * The consumer's data handler throws (its bug, not the stream's failure: contract 7 reports
     * it to the stream's exception handler, and the stream goes on). Always done inside the
     * handler; one still waiting when the schedule ends is dropped.
     */
    HANDLER_THROWS
  }

  Step(Kind kind, int amount) {
    this(kind, amount, Where.IN_A_TASK);
  }

  static Step of(Kind kind) {
    return new Step(kind, 0);
  }

  /** This step with {@code amount} in place of its own. */
  Step withAmount(int amount) {
    return new Step(kind, amount, where);
  }

  /** This step done {@code where}. */
  Step at(Where where) {
    return new Step(kind, amount, where);
  }

  /** Whether a step of this kind may be made from another thread: one that calls into the chain. */
  static boolean mayRunElsewhere(Kind kind) {
    return kind != Kind.YIELD && kind != Kind.ATTACH_HANDLER && kind != Kind.HANDLER_THROWS;
  }

  /**
   * Whether a step of this kind may be done from inside the data handler: a yield splits the
   * schedule itself, and the data handler is set by its own step.
   */
  static boolean mayRunInHandler(Kind kind) {
    return kind != Kind.YIELD && kind != Kind.ATTACH_HANDLER;
  }

  /** Whether a step of this kind is only ever done inside the data handler. */
  static boolean onlyInHandler(Kind kind) {
    return kind == Kind.HANDLER_THROWS;
  }

  @Override
  public String toString() {
    return switch (where) {
      case IN_A_TASK -> "";
      case IN_THE_DATA_HANDLER -> "in the data handler, on the next item: ";
      case FROM_ANOTHER_THREAD -> "from another thread: ";
    } + what();
  }

  private String what() {
    return switch (kind) {
      case PUSH -> "push " + amount;
      case FETCH -> "fetch(" + amount + ")";
      case PAUSE -> "pause()";
      case RESUME -> "resume()";
      case YIELD -> "yield: the rest runs in a later task";
      case STOP_SOURCE -> "stop the source";
      case FAIL_SOURCE -> "fail the source";
      case ATTACH_HANDLER -> "set the data and exception handlers";
      case ATTACH_END_HANDLER -> "set the end handler";
      case DETACH_HANDLER -> "take the data handler away: handler(null)";
      case STOP_STOPPABLE -> "stop the first stoppable stage";
      case HANDLER_THROWS -> "the data handler throws";
    };
  }
}

package dev.aiter.support.search;

import dev.aiter.Aiter;
import dev.aiter.StoppableStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One stage a random chain can be built from: how to put it on a stream, and what it does to the
 * items in the model. Registered in {@link ChainStages}.
 *
 * @param name the name the failure report shows
 * @param order whether the stage keeps its items' order
 * @param builder puts the stage on its upstream; runs on the context
 * @param model what the stage makes of what its upstream delivers
 * @param acrossEventBus the stage carries its upstream across the event bus: a failure comes out
 *     as Vert.x's {@code ReplyException} with the cause's message, not as the cause itself
 * @param built where the stage may be built
 */
public record ChainStage(String name, Order order, Builder builder, Expected.Model model, boolean acrossEventBus,
    Built built) {

  /** A stage that delivers its upstream's failure itself and may be built on any thread. */
  public ChainStage(String name, Order order, Builder builder, Expected.Model model) {
    this(name, order, builder, model, false, Built.ANYWHERE);
  }

  /** Where a stage may be built. */
  public enum Built {
    /** On any thread, as every public method may be called (contract 1). */
    ANYWHERE,
    /**
     * Only on the chain's context: a fork's starting position is defined there alone, and an
     * export to the event bus is registered there.
     */
    ON_THE_CONTEXT
  }

  /** This stage, built on the chain's context only. */
  public ChainStage builtOnTheContext() {
    return new ChainStage(name, order, builder, model, acrossEventBus, Built.ON_THE_CONTEXT);
  }

  /** Whether a stage keeps the order of its items. */
  public enum Order {
    /** Items come out in the order they came in. */
    KEPT,
    /** Items of different upstreams interleave (join, merge): only the set of items is checked. */
    MERGED,
    /**
     * Items come out in the order they came in, picked by their position (take, skip, takeWhile):
     * never drawn after a {@code MERGED} stage, whose order the model cannot tell.
     */
    PICKS
  }

  /** Puts a stage on its upstream. */
  @FunctionalInterface
  public interface Builder {
    Aiter<Integer> build(Aiter<Integer> upstream, Wiring wiring);
  }

  /** What a run offers the stages it builds. */
  public interface Wiring {

    /** The context the chain runs on. */
    Context context();

    /** Registers {@code stream} as the target of "stop the first stoppable stage" (the first one wins). */
    <S extends StoppableStream<Integer>> S stoppable(S stream);

    /**
     * An async function for {@code mapAsync}-like stages: each call's future completes with
     * {@code f(item)} in a later task of the context (in call order), or, for an even item made
     * while no other call is in flight, completed already when returned; a call that makes more
     * than {@code workers} calls in flight is reported as a violation.
     */
    Function<Integer, Future<Integer>> calls(int workers, UnaryOperator<Integer> f);

    /** Reports a broken rule that the items alone would not show (a bound, a count). */
    void violation(String what);
  }

  @Override
  public String toString() {
    return name;
  }
}

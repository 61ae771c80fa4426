package dev.aiter.support.search;

import static dev.aiter.support.search.Expected.Model.SAME;
import static dev.aiter.support.search.Expected.Model.eachItem;

import dev.aiter.Aiter;
import dev.aiter.ForkStream;
import dev.aiter.GatedStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamRef;
import dev.aiter.support.PlainStream;
import dev.aiter.support.search.ChainStage.Builder;
import dev.aiter.support.search.ChainStage.Order;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The registry of the stages that {@code ChainPropertyTest} builds its random chains from: one line
 * per stream of the library.
 *
 * <p>To add a stage, add one line to {@link #ALL}:
 *
 * <pre>{@code
 * kept("filter(odd)", (s, w) -> s.filter(x -> x % 2 != 0), eachItem(x -> x % 2 != 0 ? List.of(x) : List.of())),
 * }</pre>
 *
 * <ul>
 *   <li>a name the failure report shows (with the stage's parameters, if it has any);
 *   <li>{@code kept(...)} when the stage keeps its items' order, {@code merged(...)} when it
 *       interleaves several upstreams (join, merge), {@code picks(...)} when it keeps the order
 *       and picks items by their position (take, skip, takeWhile: never drawn after a merge);
 *   <li>a builder {@code (upstream, wiring) -> stream}, run on the context: an
 *       {@code Aiter<Integer>} in, an {@code Aiter<Integer>} out. A stage whose items are not
 *       integers maps them back (chunks: {@code s.chunks(3, 1, TimeUnit.HOURS).mapFilter(list ->
 *       list)}); a time-based stage gets times that never run out within a run (a run takes well
 *       under a millisecond), so that a seed always replays the same run. The
 *       {@link ChainStage.Wiring wiring} gives the context (and through {@code context().owner()}
 *       the Vert.x, for second sources, inner streams and event-bus streams), async calls that
 *       complete in a later task and count how many are in flight ({@code w.calls(workers, f)}
 *       for mapAsync, mapAsyncOrdered, peekAsync), a stop target ({@code w.stoppable(st)}) and
 *       {@code w.violation(...)} for rules the items alone do not show;
 *   <li>a model of what the stage makes of its upstream's items and ending: {@code SAME},
 *       {@code eachItem(x -> list)} (map, filter, flatMap), or a function of the whole
 *       {@link Expected} (take: a prefix, and an end in place of a failure that comes after it).
 *       Add {@code .failureLosesTail()} when, on a failure, the stage drops what is still on its
 *       way (mapAsync does not wait for calls in flight).
 * </ul>
 *
 * <p>Every stage is drawn equally often, so a new one gets its share of the default build's tries
 * at once. A seed replays the same case only while this list stays the same.
 */
public final class ChainStages {

  public static final List<ChainStage> ALL = List.of(
      kept("map", (s, w) -> s.map(x -> x * 3 + 1), eachItem(x -> List.of(x * 3 + 1))),
      kept("mapFilter", (s, w) -> s.mapFilter(ChainStages::filter), eachItem(ChainStages::filter)),
      kept("preload(3)", (s, w) -> s.preload(3), SAME),
      kept("gated", (s, w) -> openGate(s), SAME),
      kept("mapAsync(3)", (s, w) -> s.mapAsync(w.calls(3, x -> x), 3), SAME.failureLosesTail()),
      kept("peekAsync(2)", (s, w) -> s.peekAsync(w.calls(2, x -> x), 2), SAME.failureLosesTail()),
      merged("flatMap", (s, w) -> s.flatMap(x -> Aiter.fromIterable(w.context(), List.of(x, x + 1000))),
          eachItem(x -> List.of(x, x + 1000)).failureLosesTail()),
      kept("zip", (s, w) -> s.zipWith(naturals(w), (a, b) -> a), SAME),
      kept("forker", (s, w) -> withIdleFork(s.forker()), SAME).builtOnTheContext(),
      kept("sharable", (s, w) -> s.sharable().consumer(), SAME),
      kept("stoppable", (s, w) -> w.stoppable(s.stoppable()), SAME),
      kept("active", (s, w) -> s.active(), SAME),
      kept("join of one", (s, w) -> Aiter.join(Aiter.fromIterable(w.context(), List.of(s))), SAME),
      // beyond aiter
      kept("filter(odd)", (s, w) -> s.filter(x -> x % 2 != 0), eachItem(x -> x % 2 != 0 ? List.of(x) : List.of())),
      picks("take(6)", (s, w) -> s.take(6), in -> Expected.Model.cut(in, 6, 6)),
      picks("skip(2)", (s, w) -> s.skip(2), in -> new Expected(
          in.items().subList(Math.min(2, in.items().size()), in.items().size()), in.ending(), in.completeness())),
      picks("takeWhile(x % 11 != 10)", (s, w) -> s.takeWhile(ChainStages::beforeTen), in -> {
        int cut = 0;
        while (cut < in.items().size() && beforeTen(in.items().get(cut))) {
          cut++;
        }
        return cut == in.items().size() ? in : Expected.Model.cut(in, cut, cut + 1);
      }),
      kept("concat between empty ones", (s, w) -> Aiter.concat(empty(w), s, empty(w)), SAME),
      merged("merge with [-1, -2]", (s, w) -> Aiter.merge(s, Aiter.fromIterable(w.context(), List.of(-1, -2))), in ->
          new Expected(Stream.concat(in.items().stream(), Stream.of(-1, -2)).toList(), in.ending(),
              in.ending() == Expected.Ending.END ? in.completeness() : Expected.Completeness.A_PREFIX)),
      kept("mapAsyncOrdered(3)", (s, w) -> s.mapAsyncOrdered(w.calls(3, x -> x), 3), SAME.failureLosesTail()),
      kept("forker(2) beside a flowing fork", (s, w) -> withFlowingFork(s.forker(2)), SAME).builtOnTheContext(),
      kept("chunks(3, 1 h)", (s, w) -> Aiter.flatten(s.chunks(3, 1, TimeUnit.HOURS)), SAME),
      kept("timeout(1 h)", (s, w) -> s.timeout(1, TimeUnit.HOURS), SAME),
      kept("throttle(10^9 per s)", (s, w) -> s.throttle(1_000_000_000L, 1, TimeUnit.SECONDS), SAME),
      // adopted back: through a stream that is not an Aiter, and through a Flow publisher
      kept("of(context, a plain ReadStream)", (s, w) -> Aiter.of(w.context(), new PlainStream<>(s)), SAME),
      kept("toPublisher -> fromPublisher", (s, w) -> Aiter.fromPublisher(w.context(), Aiter.toPublisher(s)), SAME),
      // across the event bus: exported, then opened on the same Vert.x, with a window of 4 credits
      new ChainStage("across the event bus (window 4)", Order.KEPT, ChainStages::acrossEventBus, SAME, true,
          ChainStage.Built.ON_THE_CONTEXT));

  private ChainStages() {
  }

  private static ChainStage kept(String name, Builder builder, Expected.Model model) {
    return new ChainStage(name, Order.KEPT, builder, model);
  }

  private static ChainStage merged(String name, Builder builder, Expected.Model model) {
    return new ChainStage(name, Order.MERGED, builder, model);
  }

  private static ChainStage picks(String name, Builder builder, Expected.Model model) {
    return new ChainStage(name, Order.PICKS, builder, model);
  }

  private static boolean beforeTen(int x) {
    return Math.floorMod(x, 11) != 10;
  }

  private static Aiter<Integer> empty(ChainStage.Wiring w) {
    return Aiter.fromIterable(w.context(), List.of());
  }

  /**
   * A bounded forker with a sibling that reads as fast as it can: the sibling pulls ahead of the
   * stream under test, never more than 2 items, and waits for it beyond.
   */
  private static ForkStream<Integer> withFlowingFork(ForkStream<Integer> forker) {
    forker.fork().exceptionHandler(t -> { }).endHandler(v -> { }).handler(x -> { });
    return forker;
  }

  /**
   * The stream exported and opened again: on the local event bus the reference is registered at
   * once, so the builder needs no wait.
   */
  private static Aiter<Integer> acrossEventBus(Aiter<Integer> s, ChainStage.Wiring w) {
    EventBusStreams streams = EventBusStreams.create(w.context().owner(), new StreamOptions().setWindow(4));
    Future<StreamRef<Integer>> exported = streams.export(s);
    if (!exported.succeeded()) {
      throw new IllegalStateException("the local event bus did not register the reference at once: " + exported);
    }
    return streams.open(exported.result());
  }

  /** Drops a third of the items, keeps a third, doubles a third. */
  private static List<Integer> filter(int x) {
    int r = Math.floorMod(x, 3);
    return r == 0 ? List.of() : r == 1 ? List.of(x) : List.of(x, -x);
  }

  /** 0, 1, 2, ... without end: zipped with it, a stream keeps its items and its ending. */
  private static Aiter<Integer> naturals(ChainStage.Wiring w) {
    return Aiter.fromIterator(w.context(), Stream.iterate(0, x -> x + 1).iterator());
  }

  /** A gate with more credits than any schedule pushes: it limits nothing, but fetches ahead. */
  private static GatedStream<Integer> openGate(Aiter<Integer> s) {
    GatedStream<Integer> gate = s.gated();
    gate.push(1_000_000);
    return gate;
  }

  /** A forker with a passive fork nobody reads: it holds items but never pulls, and has its own ending. */
  private static ForkStream<Integer> withIdleFork(ForkStream<Integer> forker) {
    forker.fork(false).exceptionHandler(t -> { }).endHandler(v -> { });
    return forker;
  }
}

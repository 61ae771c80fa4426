package dev.aiter.support;

import dev.aiter.Aiter;
import dev.aiter.ForkStream;
import dev.aiter.GatedStream;
import dev.aiter.PushStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamRef;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.aiter.support.StreamCase.Built;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every stream of the library, registered once for the contract kit: a new combinator gets the
 * whole contract by one line here.
 */
public final class StreamCases {

  /** The window of the event-bus cases: small, so that credits are topped up many times. */
  private static final int EVENT_BUS_WINDOW = 16;

  /** An item the mapping cases' functions throw on, to fail the stream from the function. */
  private static final int POISON = Integer.MIN_VALUE;

  private StreamCases() {
  }

  public static Stream<StreamCase> all() {
    return Stream.of(
        new StreamCase("PushStream", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(push, () -> items.size() - push.size());
        }),
        new StreamCase("fromIterable", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          return new Built(Aiter.fromIterator(tc.context, source), source::taken);
        }),
        new StreamCase("fromPublisher", (tc, items, failure) -> {
          ListPublisher<Integer> publisher = ListPublisher.of(items, failure);
          // A flowing consumer requests a batch at a time: a Flow request cannot be taken back.
          return new Built(Aiter.fromPublisher(tc.context, publisher), publisher::emitted).aheadFlowing(128);
        }),
        new StreamCase("map", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(poisoned(items, failure), null);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.map(x -> check(x, failure) - 1), source::taken).over(stage);
        }),
        // A map over a map nobody has used takes its place: one stage applies all three functions.
        new StreamCase("map after map, one stage", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(poisoned(items, failure), null);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.map(x -> x).map(x -> x).map(x -> check(x, failure) - 1), source::taken)
              .over(stage);
        }),
        new StreamCase("mapFilter", (tc, items, failure) -> {
          // Chunks of 0 to 3 items: empty lists filter, longer ones expand.
          List<List<Integer>> chunks = chunked(items);
          if (failure != null) {
            chunks.add(List.of(POISON));
          }
          Sources.CountingIterator<List<Integer>> source = Sources.counting(chunks, null);
          Aiter<List<Integer>> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.mapFilter(chunk -> {
            chunk.forEach(x -> check(x, failure));
            return chunk;
          }), source::taken).ahead(1).over(stage);
        }),
        new StreamCase("flatten", (tc, items, failure) -> {
          Sources.CountingIterator<List<Integer>> source = Sources.counting(chunked(items), failure);
          Aiter<List<Integer>> stage = Aiter.fromIterator(tc.context, source);
          return new Built(Aiter.flatten(stage), source::taken).ahead(1).over(stage);
        }),
        StreamCase.eager("gated", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          GatedStream<Integer> gate = stage.gated();
          gate.push(items.size() / 2);
          gate.push(items.size() - items.size() / 2 + 1); // one more than there is: the end or failure
          return new Built(gate, source::taken).ahead(Long.MAX_VALUE).over(stage);
        }),
        // Over a push source of its context the gate reads the source's queue in place: it takes
        // only what its consumer asks for, so it is not eager and buffers nothing.
        new StreamCase("gated, over a PushStream", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          GatedStream<Integer> gate = push.gated();
          gate.push(items.size() / 2);
          gate.push(items.size() - items.size() / 2 + 1); // one more than there is: the end or failure
          return new Built(gate, () -> items.size() - push.size()).over(push);
        }),
        new StreamCase("preload", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.preload(3), source::taken).ahead(3).over(stage);
        }),
        StreamCase.eager("active", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.active(), source::taken).ahead(Long.MAX_VALUE).over(stage);
        }),
        new StreamCase("forker", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.forker(), source::taken).over(stage);
        }),
        new StreamCase("fork", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          ForkStream<Integer> forker = stage.forker();
          ForkStream<Integer> fork = forker.fork();
          forker.stop(); // the fork is then the only live fork: it alone holds and pulls
          return new Built(fork, source::taken).over(stage);
        }),
        new StreamCase("zip", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> endless = Aiter.fromIterator(tc.context, Stream.iterate(0, x -> x + 1).iterator());
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(Aiter.zip(stage, endless, (a, b) -> a), source::taken).ahead(1).over(stage);
        }),
        new StreamCase("join", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          List<Aiter<Integer>> inners = List.of(
              Aiter.fromIterable(tc.context, List.of()),
              stage,
              Aiter.fromIterable(tc.context, List.of()));
          return new Built(Aiter.join(Aiter.fromIterable(tc.context, inners)), source::taken).ahead(1).over(stage);
        }),
        new StreamCase("flatMap", (tc, items, failure) -> {
          // One inner stream holding the items (and failing after them when asked to).
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          return new Built(Aiter.fromIterable(tc.context, List.of(source))
              .flatMap(iterator -> Aiter.fromIterator(tc.context, iterator)), source::taken).ahead(1);
        }),
        new StreamCase("mapAsync", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(poisoned(items, failure), null);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage
              .mapAsync(x -> x == POISON ? Future.<Integer>failedFuture(failure) : Future.succeededFuture(x - 1), 4),
              source::taken).ahead(4).over(stage);
        }),
        new StreamCase("peekAsync", (tc, items, failure) -> {
          // Future<Void> side effects: each item goes on itself; the poison's call fails.
          List<Integer> withPoison = new ArrayList<>(items);
          if (failure != null) {
            withPoison.add(POISON);
          }
          Sources.CountingIterator<Integer> source = Sources.counting(withPoison, null);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage
              .peekAsync(x -> x == POISON ? Future.<Void>failedFuture(failure) : Future.<Void>succeededFuture(), 4),
              source::taken).ahead(4).over(stage);
        }),
        new StreamCase("mapFilterAsync", (tc, items, failure) -> {
          List<List<Integer>> chunks = chunked(items);
          if (failure != null) {
            chunks.add(List.of(POISON));
          }
          Sources.CountingIterator<List<Integer>> source = Sources.counting(chunks, null);
          Aiter<List<Integer>> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.mapFilterAsync(chunk -> {
            chunk.forEach(x -> check(x, failure));
            return Future.succeededFuture(chunk);
          }, 2), source::taken).ahead(3).over(stage);
        }),
        new StreamCase("sharable", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.sharable().consumer(), source::taken).ahead(1).over(stage);
        }),
        new StreamCase("stoppable", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.stoppable(), source::taken).over(stage);
        }),
        new StreamCase("adopted", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(Aiter.of(tc.context, new PlainStream<>(push)), () -> items.size() - push.size()).over(push);
        }),
        // An operator over an adopted stream nobody has used reads the foreign stream itself.
        new StreamCase("adopted, then mapped", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(Aiter.of(tc.context, new PlainStream<>(push)).map(x -> x),
              () -> items.size() - push.size()).over(push);
        }),
        new StreamCase("adopted, then mapped twice", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(Aiter.of(tc.context, new PlainStream<>(push)).map(x -> x + 1).map(x -> x - 1),
              () -> items.size() - push.size()).over(push);
        }),
        new StreamCase("adopted, then filtered", (tc, items, failure) -> {
          PushStream<Integer> push = Sources.pushed(tc, items, failure);
          return new Built(Aiter.of(tc.context, new PlainStream<>(push)).filter(x -> x != POISON),
              () -> items.size() - push.size()).over(push);
        }),
        // ------------------------------------------------------------ beyond aiter
        new StreamCase("filter", (tc, items, failure) -> {
          // Every item followed by a dropped one (0): counted in kept items, as the consumer sees them.
          List<Integer> mixed = new ArrayList<>();
          for (Integer item : items) {
            mixed.add(0);
            mixed.add(item);
          }
          Sources.CountingIterator<Integer> source = Sources.counting(mixed, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          // A zero pulled counts as the item it comes before, so one element asked too many shows.
          return new Built(stage.filter(x -> x != 0), () -> (source.taken() + 1) / 2).over(stage);
        }),
        new StreamCase("take", (tc, items, failure) -> {
          // Failing: the failure is the (n+1)th element, within take(n + 1); else 5 more than taken.
          List<Integer> longer = new ArrayList<>(items);
          if (failure == null) {
            longer.addAll(List.of(-1, -2, -3, -4, -5));
          }
          Sources.CountingIterator<Integer> source = Sources.counting(longer, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.take(items.size() + (failure == null ? 0 : 1)), source::taken).over(stage);
        }),
        new StreamCase("filter then take (one stage)", (tc, items, failure) -> {
          // As "filter" and "take" together: a zero before each item, dropped; failing, the
          // failure is the (n+1)th kept element; else 5 more than taken.
          List<Integer> mixed = new ArrayList<>();
          for (Integer item : items) {
            mixed.add(0);
            mixed.add(item);
          }
          if (failure == null) {
            mixed.addAll(List.of(-1, -2, -3, -4, -5));
          }
          Sources.CountingIterator<Integer> source = Sources.counting(mixed, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          Aiter<Integer> taken = stage.filter(x -> x != 0).take(items.size() + (failure == null ? 0 : 1));
          return new Built(taken, () -> (source.taken() + 1) / 2).over(stage); // as "filter"
        }),
        new StreamCase("skip", (tc, items, failure) -> {
          List<Integer> longer = new ArrayList<>(List.of(-1, -2, -3));
          longer.addAll(items);
          Sources.CountingIterator<Integer> source = Sources.counting(longer, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.skip(3), () -> Math.max(0, source.taken() - 3)).over(stage);
        }),
        new StreamCase("takeWhile", (tc, items, failure) -> {
          List<Integer> longer = new ArrayList<>(items);
          if (failure == null) {
            longer.addAll(List.of(-1, 7, 8)); // -1 ends it
          }
          Sources.CountingIterator<Integer> source = Sources.counting(longer, failure);
          // The item that ends the stream is taken and not delivered: not counted as ahead.
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.takeWhile(x -> x > 0), () -> Math.min(source.taken(), items.size())).over(stage);
        }),
        new StreamCase("concat", (tc, items, failure) -> {
          int half = items.size() / 2;
          Sources.CountingIterator<Integer> first = Sources.counting(items.subList(0, half), null);
          Sources.CountingIterator<Integer> second = Sources.counting(items.subList(half, items.size()), failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, first);
          return new Built(Aiter.concat(
              stage,
              Aiter.fromIterable(tc.context, List.<Integer>of()),
              Aiter.fromIterator(tc.context, second)), () -> first.taken() + second.taken()).over(stage);
        }),
        new StreamCase("merge", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(Aiter.merge(
              Aiter.fromIterable(tc.context, List.<Integer>of()),
              stage,
              Aiter.fromIterable(tc.context, List.<Integer>of())), source::taken).ahead(1).over(stage);
        }),
        new StreamCase("mapAsyncOrdered", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(poisoned(items, failure), null);
          // Odd items complete in a later task, even ones at once: results finish out of order.
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.mapAsyncOrdered(x -> {
            if (x == POISON) {
              return Future.<Integer>failedFuture(failure);
            }
            if (x % 2 == 0) {
              return Future.succeededFuture(x - 1);
            }
            Promise<Integer> later = Promise.promise();
            tc.context.runOnContext(v -> later.complete(x - 1));
            return later.future();
          }, 3), source::taken).ahead(2 * 3 - 1).over(stage);
        }),
        new StreamCase("forker(maxLag)", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.forker(3), source::taken).over(stage);
        }),
        StreamCase.eager("forker(maxLag) beside a fast fork", (tc, items, failure) -> {
          // A flowing sibling pulls ahead of the stream under test, never more than maxLag.
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          ForkStream<Integer> forker = stage.forker(3);
          forker.fork().exceptionHandler(t -> { }).handler(x -> { });
          return new Built(forker, source::taken).ahead(3).over(stage);
        }),
        new StreamCase("chunks", (tc, items, failure) -> {
          // Chunks of up to 3, a partial one every 2 ms or at the end, flattened back into items:
          // 3 being filled, and at most 2 left of the chunk in hand.
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(Aiter.flatten(stage.chunks(3, 2, TimeUnit.MILLISECONDS)), source::taken).ahead(3 + 2).over(stage);
        }),
        new StreamCase("timeout", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.timeout(1, TimeUnit.MINUTES), source::taken).over(stage);
        }),
        new StreamCase("throttle", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          Aiter<Integer> stage = Aiter.fromIterator(tc.context, source);
          return new Built(stage.throttle(1_000_000_000L, 1, TimeUnit.SECONDS), source::taken).ahead(1).over(stage);
        }),
        // ------------------------------------------------------------ across the event bus
        StreamCase.acrossEventBus("eventBus.open", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(EVENT_BUS_WINDOW));
          Future<StreamRef<Integer>> exported = streams.export(Aiter.fromIterator(tc.context, source));
          // On the local event bus the reference is registered at once; made on a worker (inside
          // executeBlocking) it is registered on the event loop, and waiting for it is allowed.
          StreamRef<Integer> ref = exported.isComplete() ? exported.result() : TestContext.await(exported);
          return new Built(streams.open(ref), source::taken).ahead(EVENT_BUS_WINDOW);
        }),
        StreamCase.acrossEventBus("eventBus.request", (tc, items, failure) -> {
          Sources.CountingIterator<Integer> source = Sources.counting(items, failure);
          EventBusStreams streams = EventBusStreams.create(tc.vertx, new StreamOptions().setWindow(EVENT_BUS_WINDOW));
          String address = "kit." + UUID.randomUUID();
          streams.serve(address, request -> Aiter.fromIterator(tc.context, source));
          return new Built(streams.request(address, null), source::taken).ahead(EVENT_BUS_WINDOW);
        }));
  }

  /** The items plus one (so "map x -> x - 1" yields them), then the poison when failing. */
  private static List<Integer> poisoned(List<Integer> items, Throwable failure) {
    List<Integer> source = new ArrayList<>(items.size() + 1);
    for (Integer item : items) {
      source.add(item == null ? null : item + 1);
    }
    if (failure != null) {
      source.add(POISON);
    }
    return source;
  }

  private static int check(Integer x, Throwable failure) {
    if (x == null) {
      throw new NullPointerException("a stream item must not be null");
    }
    if (x == POISON) {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      throw new IllegalStateException(failure);
    }
    return x;
  }

  static List<List<Integer>> chunked(List<Integer> items) {
    List<List<Integer>> chunks = new ArrayList<>();
    int i = 0;
    int size = 0;
    while (i < items.size()) {
      int n = Math.min(size, items.size() - i);
      chunks.add(new ArrayList<>(items.subList(i, i + n)));
      i += n;
      size = (size + 1) % 4;
    }
    return chunks;
  }
}

package dev.aiter.bench;

import static dev.aiter.bench.Fns.ASYNC_NEXT;
import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.WORKERS;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandMapAsync;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import dev.aiter.bench.support.Sources;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.rxjava3.FlowableHelper;
import io.vertx.rxjava3.SingleHelper;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * S7: source → mapAsync with already-completed futures and 8 workers → flowing consumer. The
 * Vert.x contenders call a function returning a completed Vert.x {@code Future}; the bridge turns
 * it into a {@code Single} with SingleHelper; the Reactive Streams libraries flat-map an
 * already-completed Single / Mono / Uni with concurrency 8.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S7MapAsync {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.flowing(
        Aiter.mapAsync(Sources.items(), Fns.ASYNC_NEXT, Items.WORKERS), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.flowing(
        new HandMapAsync<>(Sources.items(), ASYNC_NEXT, WORKERS), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(1, run -> {
      // One listener for every call, as the cheapest stream would have: the floor allocates
      // nothing per item but the future the function returns.
      Completable<Integer> handler = (x, failure) -> run.item(x);
      Function<Integer, Future<Integer>> f = ASYNC_NEXT;
      for (Integer x : ITEMS) {
        f.apply(x).onComplete(handler);
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.flowing(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.items()).flatMapSingle(
            x -> SingleHelper.<Integer>toSingle(h -> ASYNC_NEXT.apply(x).onComplete(h)),
            false, WORKERS)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(1, run -> Flowable.fromArray(ITEMS)
        .flatMapSingle(x -> Single.just(Items.next(x)), false, WORKERS)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(1, run -> Flux.fromArray(ITEMS)
        .flatMap(x -> Mono.just(Items.next(x)), WORKERS)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(1, run -> Multi.createFrom().items(ITEMS)
        .onItem().transformToUni(x -> Uni.createFrom().item(Items.next(x))).merge(WORKERS)
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

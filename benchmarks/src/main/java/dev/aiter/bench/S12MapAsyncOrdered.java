package dev.aiter.bench;

import static dev.aiter.bench.Fns.ASYNC_NEXT;
import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.WORKERS;

import dev.aiter.Aiter;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import dev.aiter.bench.support.Sources;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Completable;
import io.vertx.core.Future;
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
 * S12: source → parallel map in source order, already-completed futures, 8 at once → flowing
 * consumer. vertx-aiter's {@code mapAsyncOrdered}; RxJava's {@code concatMapEager} and Reactor's
 * {@code flatMapSequential} over an already-completed one-item publisher; Mutiny's
 * {@code concatenate} of Unis (which runs one at a time: its nearest ordered operator).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S12MapAsyncOrdered {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.flowing(
        Aiter.of(Sources.items()).mapAsyncOrdered(ASYNC_NEXT, WORKERS), run));
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
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(1, run -> Flowable.fromArray(ITEMS)
        .concatMapEager(x -> Flowable.just(Items.next(x)), WORKERS, 1)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(1, run -> Flux.fromArray(ITEMS)
        .flatMapSequential(x -> Mono.just(Items.next(x)), WORKERS)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(1, run -> Multi.createFrom().items(ITEMS)
        .onItem().transformToUni(x -> Uni.createFrom().item(Items.next(x))).concatenate()
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

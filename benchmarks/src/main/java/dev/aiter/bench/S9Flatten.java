package dev.aiter.bench;

import static dev.aiter.bench.support.Items.LISTS;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandFlatten;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import dev.aiter.bench.support.Sources;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Handler;
import io.vertx.rxjava3.FlowableHelper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * S9: a source of N / 16 lists of 16 → flatten → flowing consumer (concatMapIterable /
 * transformToIterable for the Reactive Streams libraries).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S9Flatten {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(Aiter.flatten(Sources.lists()), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(new HandFlatten<>(Sources.lists()), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      Handler<Integer> handler = run::item;
      for (List<Integer> list : LISTS) {
        for (Integer x : list) {
          handler.handle(x);
        }
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.lists()).concatMapIterable(list -> list)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> Flowable.fromArray(LISTS).concatMapIterable(list -> list)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> Flux.fromArray(LISTS).concatMapIterable(list -> list)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(0, run -> Multi.createFrom().items(LISTS)
        .onItem().transformToIterable(list -> list)
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

package dev.aiter.bench;

import static dev.aiter.bench.support.Items.CHUNKS;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandMerge;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * S4: join of {@link Items#JOIN_WIDTH} inner streams of N / 8 items each → flowing consumer
 * (flatMap / merge for the Reactive Streams libraries).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S4Join {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(Aiter.join(Sources.chunks()), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(new HandMerge<>(Sources.chunks()), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      Handler<Integer> handler = run::item;
      for (Integer[] chunk : CHUNKS) {
        for (Integer x : chunk) {
          handler.handle(x);
        }
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowing(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.chunks()).flatMap(FlowableHelper::toFlowable)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> Flowable.fromArray(CHUNKS).flatMap(Flowable::fromArray)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> Flux.fromArray(CHUNKS).flatMap(Flux::fromArray)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(0, run -> Multi.createFrom().items(CHUNKS)
        .onItem().transformToMultiAndMerge(chunk -> Multi.createFrom().items(chunk))
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

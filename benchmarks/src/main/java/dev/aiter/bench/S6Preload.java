package dev.aiter.bench;

import static dev.aiter.bench.support.Items.BATCH;
import static dev.aiter.bench.support.Items.ITEMS;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandPreload;
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
 * S6: source → preload(64) → consumer paced by fetch(1) per item. The Reactive Streams libraries
 * use their bounded prefetch operator: RxJava's rebatchRequests(64), Reactor's limitRate(64),
 * Mutiny's emitOn(direct executor, 64).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S6Preload {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.paced(Aiter.preload(Sources.items(), Items.BATCH), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.paced(new HandPreload<>(Sources.items(), BATCH), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      Credit credit = new Credit();
      Handler<Integer> handler = x -> {
        run.item(x);
        credit.fetch(1);
      };
      for (Integer x : ITEMS) {
        credit.take();
        handler.handle(x);
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.paced(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.items()).rebatchRequests(BATCH)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> Flowable.fromArray(ITEMS).rebatchRequests(BATCH)
        .subscribe(RsConsumer.paced(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> Flux.fromArray(ITEMS).limitRate(BATCH)
        .subscribe(RsConsumer.paced(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(0, run -> Multi.createFrom().items(ITEMS).emitOn(Runnable::run, BATCH)
        .subscribe().withSubscriber(FlowConsumer.paced(run)));
  }
}

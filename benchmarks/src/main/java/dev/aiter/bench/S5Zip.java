package dev.aiter.bench;

import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.ITEMS_B;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandZip;
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
 * S5: zip of two sources of N items with a combining function → flowing consumer.
 *
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S5Zip {

  /** Each item is the sum of two equal items: the sum of the items, twice. */
  static final long EXPECTED_SUM = 2 * Items.sumShiftedBy(0);

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(Items.N, S5Zip.EXPECTED_SUM, run -> Consume.flowing(
        Aiter.zip(Sources.items(), Sources.itemsB(), Items::combine), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> Consume.flowing(
        new HandZip<>(Sources.items(), Sources.itemsB(), Items::combine), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> {
      Handler<Integer> handler = run::item;
      Integer[] a = ITEMS;
      Integer[] b = ITEMS_B;
      for (int i = 0; i < a.length; i++) {
        handler.handle(Items.combine(a[i], b[i]));
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> Consume.flowing(FlowableHelper.toReadStream(
        Flowable.zip(FlowableHelper.toFlowable(Sources.items()),
            FlowableHelper.toFlowable(Sources.itemsB()), Items::combine)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> Flowable.zip(Flowable.fromArray(ITEMS),
        Flowable.fromArray(ITEMS_B), Items::combine).subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> Flux.zip(Flux.fromArray(ITEMS),
        Flux.fromArray(ITEMS_B), Items::combine).subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(Items.N, EXPECTED_SUM, run -> Multi.createBy().combining()
        .streams(Multi.createFrom().items(ITEMS), Multi.createFrom().items(ITEMS_B))
        .using(Items::combine)
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

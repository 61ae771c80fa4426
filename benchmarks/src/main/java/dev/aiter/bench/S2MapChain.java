package dev.aiter.bench;

import static dev.aiter.bench.Fns.NEXT;
import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.ITEM_LIST;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandMap;
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
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/** S2: source → map → map → map → map → flowing consumer. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S2MapChain {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(4, run -> Consume.flowing(Aiter.map(Sources.items(), NEXT).map(NEXT).map(NEXT).map(NEXT), run));
  }

  @Benchmark
  public long aiterOwnSource(Loop on) throws InterruptedException {
    return on.run(4, run -> Consume.flowing(
        Aiter.<Integer>fromIterable(on.context, ITEM_LIST).map(NEXT).map(NEXT).map(NEXT).map(NEXT), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(4, run -> Consume.flowing(new HandMap<>(new HandMap<>(new HandMap<>(
        new HandMap<>(Sources.items(), NEXT), NEXT), NEXT), NEXT), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(4, run -> {
      Handler<Integer> handler = run::item;
      Function<Integer, Integer> f = NEXT;
      for (Integer x : ITEMS) {
        handler.handle(f.apply(f.apply(f.apply(f.apply(x)))));
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(4, run -> Consume.flowing(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.items()).map(Items::next).map(Items::next).map(Items::next).map(Items::next)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(4, run -> Flowable.fromArray(ITEMS).map(Items::next).map(Items::next).map(Items::next).map(Items::next)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(4, run -> Flux.fromArray(ITEMS).map(Items::next).map(Items::next).map(Items::next).map(Items::next)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(4, run -> Multi.createFrom().items(ITEMS).map(Items::next).map(Items::next).map(Items::next).map(Items::next)
        .subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }
}

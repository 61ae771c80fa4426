package dev.aiter.bench;

import static dev.aiter.bench.Fns.NEXT;
import static dev.aiter.bench.support.Items.ITEMS;
import static dev.aiter.bench.support.Items.ITEM_LIST;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandMap;
import dev.aiter.bench.hand.HandMapContract;
import dev.aiter.bench.hand.HandMapOnContext;
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

/**
 * S3: source → map → consumer that paces demand: {@code pause()} before {@code handler(...)}, then
 * {@code fetch(1)} per item (request(1) per item for the Reactive Streams libraries).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S3MapPaced {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(Aiter.map(Sources.items(), NEXT), run));
  }

  @Benchmark
  public long aiterOwnSource(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(
        Aiter.<Integer>fromIterable(on.context, ITEM_LIST).map(NEXT), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(new HandMap<>(Sources.items(), NEXT), run));
  }

  /** The hand-written map with contract 1's context checks on fetch and on arrival. */
  @Benchmark
  public long handOnContext(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(
        new HandMapOnContext<>(on.context, Sources.items(), NEXT), run));
  }

  /** A hand-written map that honours contract 1, 2, 4, 5 and 7 per item as vertx-aiter's does. */
  @Benchmark
  public long handContract(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(
        new HandMapContract<>(on.context, Sources.items(), NEXT), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(1, run -> {
      Credit credit = new Credit();
      Handler<Integer> handler = x -> {
        run.item(x);
        credit.fetch(1);
      };
      Function<Integer, Integer> f = NEXT;
      for (Integer x : ITEMS) {
        credit.take();
        handler.handle(f.apply(x));
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.paced(FlowableHelper.toReadStream(
        FlowableHelper.toFlowable(Sources.items()).map(Items::next)), run));
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(1, run -> Flowable.fromArray(ITEMS).map(Items::next)
        .subscribe(RsConsumer.paced(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(1, run -> Flux.fromArray(ITEMS).map(Items::next)
        .subscribe(RsConsumer.paced(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(1, run -> Multi.createFrom().items(ITEMS).map(Items::next)
        .subscribe().withSubscriber(FlowConsumer.paced(run)));
  }
}

package dev.aiter.bench;

import static dev.aiter.bench.support.Items.EVENS;
import static dev.aiter.bench.support.Items.ITEMS;

import dev.aiter.Aiter;
import dev.aiter.bench.hand.HandFilter;
import dev.aiter.bench.hand.HandFilterTakeContract;
import dev.aiter.bench.hand.HandTake;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import dev.aiter.bench.support.Sources;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * S10: source → filter (the even items) → take(N / 2) → flowing consumer. The take is reached at
 * the last even item, so every contender also stops its source there (one item left unread): an
 * operation is one source item.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S10FilterTake {

  /** The even items 0, 2, ..., N - 2. */
  private static final long SUM = (long) EVENS * (EVENS - 1);

  private static boolean even(Integer x) {
    return (x & 1) == 0;
  }

  private static long run(Loop on, Loop.Body body) throws InterruptedException {
    return on.run(EVENS, SUM, body);
  }

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return run(on, run -> Consume.flowing(Aiter.of(Sources.items()).filter(S10FilterTake::even).take(EVENS), run));
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return run(on, run -> Consume.flowing(
        new HandTake<>(new HandFilter<>(Sources.items(), S10FilterTake::even), EVENS), run));
  }

  /** filter and take written by hand in one class, doing per item what the contract asks of ours. */
  @Benchmark
  public long handContract(Loop on) throws InterruptedException {
    return run(on, run -> Consume.flowing(
        new HandFilterTakeContract<>(on.context, Sources.items(), S10FilterTake::even, EVENS), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return run(on, run -> {
      int taken = 0;
      for (Integer x : ITEMS) {
        if (even(x)) {
          run.item(x);
          if (++taken == EVENS) {
            break;
          }
        }
      }
      run.end();
    });
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return run(on, run -> Flowable.fromArray(ITEMS).filter(S10FilterTake::even).take(EVENS)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return run(on, run -> Flux.fromArray(ITEMS).filter(S10FilterTake::even).take(EVENS)
        .subscribe(RsConsumer.flowing(run)));
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return run(on, run -> Multi.createFrom().items(ITEMS).select().where(S10FilterTake::even)
        .select().first(EVENS).subscribe().withSubscriber(FlowConsumer.flowing(run)));
  }

}

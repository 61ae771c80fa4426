package dev.aiter.bench;

import static dev.aiter.bench.support.Items.CHUNKS;

import dev.aiter.Aiter;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import dev.aiter.bench.hand.ArraySource;
import dev.aiter.bench.hand.HandConcat;
import io.reactivex.rxjava3.core.Flowable;
import io.smallrye.mutiny.Multi;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/** S11: concat of 8 sources of N / 8 items each → flowing consumer. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S11Concat {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<ReadStream<Integer>> sources = new ArrayList<>(CHUNKS.length);
      for (Integer[] chunk : CHUNKS) {
        sources.add(new ArraySource<>(chunk));
      }
      Consume.flowing(Aiter.concat(sources), run);
    });
  }

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<ArraySource<Integer>> sources = new ArrayList<>(CHUNKS.length);
      for (Integer[] chunk : CHUNKS) {
        sources.add(new ArraySource<>(chunk));
      }
      Consume.flowing(new HandConcat<>(sources), run);
    });
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      for (Integer[] chunk : CHUNKS) {
        for (Integer x : chunk) {
          run.item(x);
        }
      }
      run.end();
    });
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<Flowable<Integer>> sources = new ArrayList<>(CHUNKS.length);
      for (Integer[] chunk : CHUNKS) {
        sources.add(Flowable.fromArray(chunk));
      }
      Flowable.concat(sources).subscribe(RsConsumer.flowing(run));
    });
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<Flux<Integer>> sources = new ArrayList<>(CHUNKS.length);
      for (Integer[] chunk : CHUNKS) {
        sources.add(Flux.fromArray(chunk));
      }
      Flux.concat(sources).subscribe(RsConsumer.flowing(run));
    });
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<Multi<Integer>> sources = new ArrayList<>(CHUNKS.length);
      for (Integer[] chunk : CHUNKS) {
        sources.add(Multi.createFrom().items(chunk));
      }
      Multi.createBy().concatenating().streams(sources).subscribe().withSubscriber(FlowConsumer.flowing(run));
    });
  }
}

package dev.aiter.bench;

import dev.aiter.Aiter;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.Sources;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** S7, vertx-aiter: Aiter.mapAsync(source, completed futures, 8) as in S7MapAsync. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.N)
public class S7MapAsyncAiter {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(1, run -> Consume.flowing(
        Aiter.mapAsync(Sources.items(), Fns.ASYNC_NEXT, Items.WORKERS), run));
  }
}

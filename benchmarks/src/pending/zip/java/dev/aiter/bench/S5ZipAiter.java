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

/** S5, vertx-aiter: Aiter.zip(a, b, BiFunction) of the same two sources as S5Zip. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.N)
public class S5ZipAiter {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(Items.N, S5Zip.EXPECTED_SUM, run -> Consume.flowing(
        Aiter.zip(Sources.items(), Sources.itemsB(), Items::combine), run));
  }
}

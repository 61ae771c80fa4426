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

/** S6, vertx-aiter: Aiter.preload(source, 64) with the fetch(1)-paced consumer of S6Preload. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.N)
public class S6PreloadAiter {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.paced(Aiter.preload(Sources.items(), Items.BATCH), run));
  }
}

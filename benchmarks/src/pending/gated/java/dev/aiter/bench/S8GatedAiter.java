package dev.aiter.bench;

import dev.aiter.Aiter;
import dev.aiter.GatedStream;
import dev.aiter.PushStream;
import dev.aiter.bench.support.Feeder;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * S8, vertx-aiter: a PushStream fed from the event loop → Aiter.gated with credits of 64 →
 * flowing consumer, with the same producer and credit rhythm as S8Gated.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.N)
public class S8GatedAiter {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      PushStream<Integer> source = PushStream.create(on.context);
      GatedStream<Integer> gate = Aiter.gated(source);
      Feeder feeder = new Feeder(source::push, source::stop);
      gate.endHandler(v -> run.end());
      gate.exceptionHandler(run::fail);
      gate.handler(x -> {
        run.item(x);
        if (feeder.batchDone()) {
          feeder.feed();
          gate.push(Items.BATCH);
        }
      });
      feeder.feed();
      gate.push(Items.BATCH);
    });
  }
}

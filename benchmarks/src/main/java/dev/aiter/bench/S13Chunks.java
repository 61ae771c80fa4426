package dev.aiter.bench;

import static dev.aiter.bench.support.Items.CHUNK;
import static dev.aiter.bench.support.Items.CHUNK_WAIT_MILLIS;
import static dev.aiter.bench.support.Items.ITEMS;

import dev.aiter.Aiter;
import dev.aiter.bench.support.Consume;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsListConsumer;
import dev.aiter.bench.support.Run;
import dev.aiter.bench.support.Sources;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * S13: source → chunks of 100 or every 50 ms → flowing consumer of lists (it tallies every item).
 * The source is synchronous, so every chunk fills at once and the timer only ever gets set and
 * cancelled: what is measured is the cost of chunking with a timer armed per chunk. vertx-aiter's
 * {@code chunks} (a Vert.x timer); Reactor's {@code bufferTimeout} and RxJava's
 * {@code buffer(time, unit, count)} (their default schedulers' timers).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S13Chunks {

  @Benchmark
  public long aiter(Loop on) throws InterruptedException {
    return on.run(0, run -> Consume.flowingLists(
        Aiter.of(Sources.items()).chunks(CHUNK, CHUNK_WAIT_MILLIS, TimeUnit.MILLISECONDS), run));
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      List<Integer> chunk = new ArrayList<>(CHUNK);
      for (Integer x : ITEMS) {
        chunk.add(x);
        if (chunk.size() == CHUNK) {
          tally(chunk, run);
          chunk = new ArrayList<>(CHUNK);
        }
      }
      tally(chunk, run);
      run.end();
    });
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> Flowable.fromArray(ITEMS)
        .buffer(CHUNK_WAIT_MILLIS, TimeUnit.MILLISECONDS, CHUNK)
        .subscribe(new RsListConsumer(run)));
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> Flux.fromArray(ITEMS)
        .bufferTimeout(CHUNK, Duration.ofMillis(CHUNK_WAIT_MILLIS))
        .subscribe(new RsListConsumer(run)));
  }

  /** What the consumer of every contender does with a chunk (Consume.flowingLists). */
  private static void tally(List<Integer> chunk, Run run) {
    for (int i = 0; i < chunk.size(); i++) {
      run.item(chunk.get(i));
    }
  }
}

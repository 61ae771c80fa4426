package dev.aiter.bench;

import static dev.aiter.bench.support.Items.BATCH;
import static dev.aiter.bench.support.Items.ITEMS;

import dev.aiter.Aiter;
import dev.aiter.GatedStream;
import dev.aiter.PushStream;
import dev.aiter.bench.hand.HandGate;
import dev.aiter.bench.hand.HandPushGateContract;
import dev.aiter.bench.hand.HandPushQueue;
import dev.aiter.bench.support.Feeder;
import dev.aiter.bench.support.FlowConsumer;
import dev.aiter.bench.support.Items;
import dev.aiter.bench.support.Loop;
import dev.aiter.bench.support.RsConsumer;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import io.vertx.rxjava3.FlowableHelper;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Sinks;

/**
 * S8: a push source fed from the event loop → a gate with credits of 64 → consumer. The producer
 * ({@link Feeder}) pushes 64 items at a time and the consumer grants 64 more credits after each
 * 64 items, so the push source never holds more than one batch. The bridge and the Reactive
 * Streams libraries have no gate: their consumer gives the credits as demand (fetch(64) /
 * request(64)) on a unicast push source.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(Items.PER_INVOCATION)
public class S8Gated {

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

  @Benchmark
  public long hand(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      HandPushQueue<Integer> source = new HandPushQueue<>();
      HandGate<Integer> gate = new HandGate<>(source);
      Feeder feeder = new Feeder(source::push, source::stop);
      gate.endHandler(v -> run.end());
      gate.exceptionHandler(run::fail);
      gate.handler(x -> {
        run.item(x);
        if (feeder.batchDone()) {
          feeder.feed();
          gate.push(BATCH);
        }
      });
      feeder.feed();
      gate.push(BATCH);
    });
  }

  /**
   * A push source and gate by hand that honour API.md's per-item promises for both (thread-safe
   * push and size, contracts 1, 2, 5, 6, 7 and 8), as vertx-aiter's do: {@link HandPushGateContract}.
   */
  @Benchmark
  public long handContract(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      HandPushGateContract<Integer> gate = new HandPushGateContract<>(on.context);
      Feeder feeder = new Feeder(gate::push, gate::stop);
      gate.endHandler(v -> run.end());
      gate.exceptionHandler(run::fail);
      gate.handler(x -> {
        run.item(x);
        if (feeder.batchDone()) {
          feeder.feed();
          gate.grant(BATCH);
        }
      });
      feeder.feed();
      gate.grant(BATCH);
    });
  }

  @Benchmark
  public long plainLoop(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      Credit credit = new Credit();
      credit.fetch(BATCH - 1);
      int received = 0;
      Handler<Integer> handler = run::item;
      for (Integer x : ITEMS) {
        credit.take();
        handler.handle(x);
        if (++received == BATCH) {
          received = 0;
          credit.fetch(BATCH);
        }
      }
      run.end();
    });
  }

  @Benchmark
  public long bridge(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      HandPushQueue<Integer> source = new HandPushQueue<>();
      Feeder feeder = new Feeder(source::push, source::stop);
      ReadStream<Integer> stream = FlowableHelper.toReadStream(FlowableHelper.toFlowable(source));
      run.consumer("pause() before handler(), then fetch(64) per 64 items as credits");
      stream.pause();
      stream.endHandler(v -> run.end());
      stream.exceptionHandler(run::fail);
      stream.handler(x -> {
        run.item(x);
        if (feeder.batchDone()) {
          feeder.feed();
          stream.fetch(BATCH);
        }
      });
      feeder.feed();
      stream.fetch(BATCH);
    });
  }

  @Benchmark
  public long rxjava(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      UnicastProcessor<Integer> source = UnicastProcessor.create();
      Feeder feeder = new Feeder(source::onNext, source::onComplete);
      source.subscribe(RsConsumer.batched(run, BATCH, feeder::feed));
    });
  }

  @Benchmark
  public long reactor(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      Sinks.Many<Integer> source = Sinks.many().unicast().onBackpressureBuffer();
      Feeder feeder = new Feeder(x -> source.emitNext(x, Sinks.EmitFailureHandler.FAIL_FAST),
          () -> source.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST));
      source.asFlux().subscribe(RsConsumer.batched(run, BATCH, feeder::feed));
    });
  }

  @Benchmark
  public long mutiny(Loop on) throws InterruptedException {
    return on.run(0, run -> {
      io.smallrye.mutiny.operators.multi.processors.UnicastProcessor<Integer> source =
          io.smallrye.mutiny.operators.multi.processors.UnicastProcessor.create();
      Feeder feeder = new Feeder(source::onNext, source::onComplete);
      source.subscribe().withSubscriber(FlowConsumer.batched(run, BATCH, feeder::feed));
    });
  }
}

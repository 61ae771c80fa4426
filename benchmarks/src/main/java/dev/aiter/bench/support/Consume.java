package dev.aiter.bench.support;

import io.vertx.core.streams.ReadStream;

/** The consumers of the Vert.x contenders: the same few lines whatever the stream is. */
public final class Consume {

  private Consume() {
  }

  /** A flowing consumer: end and failure handlers, then the data handler, which starts the flow. */
  public static void flowing(ReadStream<Integer> stream, Run run) {
    stream.endHandler(v -> run.end());
    stream.exceptionHandler(run::fail);
    stream.handler(run::item);
  }

  /** A flowing consumer of lists that tallies every item of every list. */
  public static void flowingLists(ReadStream<java.util.List<Integer>> stream, Run run) {
    stream.endHandler(v -> run.end());
    stream.exceptionHandler(run::fail);
    stream.handler(chunk -> {
      for (int i = 0; i < chunk.size(); i++) {
        run.item(chunk.get(i));
      }
    });
  }

  /**
   * A consumer that paces demand itself: {@code pause()} before {@code handler(...)}, then
   * {@code fetch(1)} to start and one more {@code fetch(1)} per item received.
   */
  public static void paced(ReadStream<Integer> stream, Run run) {
    run.consumer("pause() before handler(), then fetch(1) per item");
    stream.pause();
    stream.endHandler(v -> run.end());
    stream.exceptionHandler(run::fail);
    stream.handler(x -> {
      run.item(x);
      stream.fetch(1);
    });
    stream.fetch(1);
  }
}

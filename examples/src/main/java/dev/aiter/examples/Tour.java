package dev.aiter.examples;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The main example: a push source, a filter, parallel async work and a preload, consumed until the
 * end, then Vert.x closes and the program exits with status 0.
 */
public final class Tour {

  private Tour() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(v -> {
      PushStream<String> words = PushStream.create(vertx);
      words.push("event", "", "loop", "fetch", "", "demand");
      words.stop();

      words.mapFilter(w -> w.isEmpty() ? List.<String>of() : List.of(w))        // drop empty words
          .mapAsync(w -> vertx.timer(10L * w.length()).map(t -> w.toUpperCase()), 3) // 3 at once
          .preload(2)
          .handler(w -> System.out.println("got " + w))
          .endHandler(end -> {
            System.out.println("done");
            vertx.close();
          });
    });
  }
}

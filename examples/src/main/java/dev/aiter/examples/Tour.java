package dev.aiter.examples;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The tour: lesson 5's parallel line server ({@link ParallelServer}) on a free port, and three
 * real TCP clients that talk to it. Alice sends {@code wait}, which takes five seconds; Bob and
 * Carol are answered at once all the same, because the server handles five events at a time.
 * Everything each party sees is printed with the time it happened; then Alice sends {@code quit},
 * the server closes, its stream ends, and the program exits.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java}. With {@code -Dexec.args="--serve"} (or
 * {@code "--serve PORT [HOST]"}) it runs the server alone, on {@code localhost:7777}, for
 * {@code nc localhost 7777}.
 */
public final class Tour {

  /** Held in a field: Vert.x 5 closes an unreachable client and its connections (VERTX5-NOTES #2). */
  private final NetClient client;
  private final Vertx vertx;
  private final long waitMillis;
  private final Consumer<String> out;
  private final long start = System.nanoTime();

  Tour(Vertx vertx, long waitMillis, Consumer<String> out) {
    this.vertx = vertx;
    this.waitMillis = waitMillis;
    this.out = out;
    this.client = vertx.createNetClient();
  }

  /**
   * Runs the tour and returns once Vert.x is closed; with {@code --serve [PORT [HOST]]}, runs lesson 5's
   * server alone until a client sends {@code quit}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--serve")) {
      ParallelServer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      Tour tour = new Tour(vertx, ParallelServer.DEFAULT_WAIT_MILLIS, System.out::println);
      tour.run().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Runs the tour; the future completes when the server's stream has ended. */
  Future<Void> run() {
    Promise<Connections> listening = Promise.promise();
    Promise<Void> ended = Promise.promise();
    vertx.runOnContext(v -> Connections.listen(vertx, 0).onComplete(listening).onSuccess(server ->
        ParallelServer.serve(vertx, server, waitMillis, ParallelServer.DEFAULT_WORKERS, result -> say("server", result))
            .onComplete(ended)));
    return listening.future().compose(server -> {
      say("tour", "lesson 5's server listens on port " + server.port() + "; a wait takes " + waitMillis + " ms");
      Person alice = new Person("alice");
      Person bob = new Person("bob");
      Person carol = new Person("carol");
      return Future.all(alice.connect(server.port()), bob.connect(server.port()), carol.connect(server.port()))
          .compose(connected -> alice.ask("hello", "hello"))
          .compose(echoed -> alice.ask("wait", "wait"))
          .compose(waitStarted -> {
            Future<Void> waited = alice.expect("waited " + waitMillis + " ms");
            return bob.ask("hi", "hi")
                .compose(echoed -> carol.ask("hey", "hey"))
                .compose(echoed -> bob.ask("still waiting, alice?", "still waiting, alice?"))
                .compose(echoed -> waited);
          })
          .compose(waited -> carol.hangUp())
          .compose(hungUp -> alice.tell("quit"))
          .compose(quit -> Future.all(ended.future(), alice.line.closed(), bob.line.closed()))
          .map(done -> {
            say("tour", "the server closed, every connection closed, the stream ended: done");
            return null;
          });
    });
  }

  private void say(String who, String what) {
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (out) {
      out.accept(String.format("[%6.3f s] %-6s %s", seconds, who, what));
    }
  }

  /** A client of the tour: sends lines and waits for the answers it expects. */
  private final class Person {
    private final String name;
    private final List<String> received = new ArrayList<>();
    private final List<Expected> expected = new ArrayList<>();
    private LineClient line;

    Person(String name) {
      this.name = name;
    }

    Future<Void> connect(int port) {
      return LineClient.connect(client, port, this::onLine).map(connected -> {
        line = connected;
        say(name, "connected, from port " + connected.localPort());
        return null;
      });
    }

    /** Sends {@code text}; completes when {@code answer} has come back. */
    Future<Void> ask(String text, String answer) {
      Future<Void> answered = expect(answer);
      return tell(text).compose(sent -> answered);
    }

    /** Sends {@code text}; completes when it is written. */
    Future<Void> tell(String text) {
      say(name, "-> " + text);
      return line.send(text);
    }

    /** Sends an empty line, which makes the server hang up; completes when it has. */
    Future<Void> hangUp() {
      say(name, "-> (an empty line)");
      return line.send("").compose(sent -> line.closed()).map(closed -> {
        say(name, "the server hung up");
        return null;
      });
    }

    /** Completes when {@code text} has been received (now, if it already was). */
    synchronized Future<Void> expect(String text) {
      if (received.remove(text)) {
        return Future.succeededFuture();
      }
      Promise<Void> promise = Promise.promise();
      expected.add(new Expected(text, promise));
      return promise.future();
    }

    private void onLine(String text) {
      say(name, "<- " + text);
      Promise<Void> matched = null;
      synchronized (this) {
        for (int i = 0; i < expected.size(); i++) {
          if (expected.get(i).text().equals(text)) {
            matched = expected.remove(i).promise();
            break;
          }
        }
        if (matched == null) {
          received.add(text);
        }
      }
      if (matched != null) {
        matched.complete();
      }
    }
  }

  private record Expected(String text, Promise<Void> promise) {
  }
}

package dev.aiter.examples;

import dev.aiter.Aiter;
import dev.aiter.examples.MultiClientServer.Line;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Lesson 4: the whole pipeline. Handling an event is itself a stage of the chain, and the reader
 * at the end only prints results.
 *
 * <pre>{@code
 * connections -> flatMap(lines of each) -> map(handle) -> print
 * }</pre>
 *
 * <p>In lesson 3 the reader did the work. Here {@link #handle} is a function from a {@link Line} to
 * a result, and {@code map(this::handle)} makes it a stage, so the chain says the whole program in
 * one expression, and the next lesson can swap the stage for a parallel one without touching
 * anything else. {@code handle} echoes the line; an empty line closes that client's connection
 * (its line stream ends, the others go on); {@code quit} closes the server, which ends the stream.
 *
 * <p>Demand: {@code map} passes the reader's demand on one for one. Buffers: nothing beyond
 * lesson 3.
 *
 * <p>Run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.aiter.examples.PipelineServer},
 * then {@code nc localhost 7777} from a few terminals; an empty line hangs up, {@code quit} stops.
 */
public final class PipelineServer {

  private final Connections server;

  private PipelineServer(Connections server) {
    this.server = server;
  }

  /**
   * Runs the pipeline on {@code server}, printing each result to {@code out}; the future completes
   * when the stream has ended.
   */
  public static Future<Void> serve(Connections server, Consumer<String> out) {
    PipelineServer pipeline = new PipelineServer(server);
    Aiter<String> results = MultiClientServer.lines(server).map(pipeline::handle);

    Promise<Void> ended = Promise.promise();
    results.handler(out::accept).endHandler(end -> {
      out.accept("the stream ended");
      ended.complete();
    });
    return ended.future();
  }

  /** One event: echo it, and act on the commands. Returns what the reader prints. */
  private String handle(Line line) {
    if (line.text().isEmpty()) {
      line.socket().close();
      return "closed the connection of " + line.socket().remoteAddress();
    }
    line.socket().write(line.text() + "\n");
    if (line.text().equals("quit")) {
      server.close();
      return "quit: closing the server";
    }
    return "echoed: " + line.text();
  }

  /**
   * Serves on {@code localhost:7777} (or the port and host given as arguments) until a client sends
   * {@code quit}, then exits.
   */
  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7777;
    String host = args.length > 1 ? args[1] : "localhost"; // "0.0.0.0": every interface
    Vertx vertx = Vertx.vertx();
    vertx.runOnContext(start -> Connections.listen(vertx, host, port)
        .onSuccess(server -> System.out.println("listening: nc localhost " + server.port() + " (send quit to stop)"))
        .compose(server -> serve(server, System.out::println))
        .onComplete(done -> {
          if (done.failed()) {
            System.out.println("failed: " + done.cause().getMessage());
          }
          vertx.close();
        }));
  }
}

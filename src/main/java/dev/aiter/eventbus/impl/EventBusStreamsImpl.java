package dev.aiter.eventbus.impl;

import dev.aiter.StoppableStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamRef;
import dev.aiter.eventbus.StreamService;
import dev.aiter.impl.Args;
import dev.aiter.impl.BaseAiter;
import dev.aiter.impl.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.streams.ReadStream;
import java.util.UUID;
import java.util.function.Function;

/** {@link EventBusStreams}: picks the contexts and makes the two sides. */
public final class EventBusStreamsImpl implements EventBusStreams {

  private final Vertx vertx;
  private final StreamOptions options;

  public EventBusStreamsImpl(Vertx vertx, StreamOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  @Override
  public StreamOptions options() {
    return new StreamOptions(options);
  }

  @Override
  public <T> Future<StreamRef<T>> export(ReadStream<T> stream) {
    Args.notNull(stream, "stream");
    Context on = producerContext(stream, null);
    String id = UUID.randomUUID().toString();
    StreamRef<T> ref = new StreamRef<>(Protocol.PREFIX + "ref." + id, id);
    Promise<StreamRef<T>> exported = Promise.promise();
    Contexts.runOn(on, () -> {
      StreamProducer<T> producer;
      try {
        producer = new StreamProducer<>(on, options, stream, ref.address(), id, "stream " + ref.address());
      } catch (RuntimeException e) {
        exported.fail(e); // the stream is consumed already: one consumer per stream
        return;
      }
      producer.register().onComplete(registered -> {
        if (registered.succeeded()) {
          producer.offer();
          exported.complete(ref);
        } else {
          exported.fail(registered.cause());
        }
      });
    });
    return exported.future();
  }

  @Override
  public <T> StoppableStream<T> open(StreamRef<T> ref) {
    Args.notNull(ref, "ref");
    return RemoteStream.open(vertx.getOrCreateContext(), options, ref.address(), ref.id());
  }

  @Override
  public <Q, T> Future<StreamService> serve(String address, Function<Message<Q>, ? extends ReadStream<T>> handler) {
    Args.notNull(address, "address");
    Args.notNull(handler, "handler");
    Context on = vertx.getOrCreateContext();
    Promise<StreamService> served = Promise.promise();
    Contexts.runOn(on, () -> new ServiceImpl<>(on, options, address, handler).start().onComplete(served));
    return served.future();
  }

  @Override
  public <T> StoppableStream<T> request(String address, Object body) {
    Args.notNull(address, "address");
    return RemoteStream.request(vertx.getOrCreateContext(), options, address, body);
  }

  /** Where a producer of {@code stream} runs: an Aiter's own context, else {@code fallback}'s, else the caller's. */
  Context producerContext(ReadStream<?> stream, Context fallback) {
    if (stream instanceof BaseAiter) {
      return Contexts.of(stream, "export");
    }
    return fallback != null ? fallback : vertx.getOrCreateContext();
  }

  @Override
  public String toString() {
    return "EventBusStreams" + options.toJson().encode();
  }
}

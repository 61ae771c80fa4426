package dev.aiter.eventbus.impl;

import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamService;
import dev.aiter.impl.BaseAiter;
import dev.aiter.impl.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;

/**
 * A served address: each stream request that comes gets the function's stream, with a producer and
 * a control address of its own, answered once that address is registered. Runs on the context that
 * served it.
 *
 * @param <Q> the request body type
 * @param <T> the item type
 */
final class ServiceImpl<Q, T> implements StreamService {

  private final Context context;
  private final StreamOptions options;
  private final String address;
  private final Function<Message<Q>, ? extends ReadStream<T>> handler;
  private MessageConsumer<Q> consumer;

  ServiceImpl(Context context, StreamOptions options, String address, Function<Message<Q>, ? extends ReadStream<T>> handler) {
    this.context = context;
    this.options = options;
    this.address = address;
    this.handler = handler;
  }

  /** Registers the address; call on the context. */
  Future<StreamService> start() {
    consumer = context.owner().eventBus().consumer(address);
    // The handler runs on a duplicate of the context; the function is promised the context itself.
    consumer.handler(request -> Contexts.runOn(context, () -> onRequest(request)));
    return consumer.completion().map(this);
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Future<Void> close() {
    return consumer.unregister();
  }

  private void onRequest(Message<Q> request) {
    if (!Protocol.REQUEST.equals(request.headers().get(Protocol.KIND)) || !StreamProducer.isOpening(request)) {
      if (request.replyAddress() != null) {
        request.fail(EventBusStreams.NOT_A_STREAM_REQUEST,
            "service " + address + ": not a stream request (ask with EventBusStreams.request)");
      }
      return;
    }
    ReadStream<T> stream;
    try {
      stream = handler.apply(request);
    } catch (Throwable t) {
      request.fail(EventBusStreams.SERVICE_FAILED, "service " + address + ": the function threw " + t);
      return;
    }
    if (stream == null) {
      request.fail(EventBusStreams.SERVICE_FAILED, "service " + address + ": the function returned null");
      return;
    }
    Context on = stream instanceof BaseAiter ? Contexts.of(stream, "serve") : context;
    Contexts.runOn(on, () -> {
      StreamProducer<T> producer;
      try {
        producer = new StreamProducer<>(on, options, stream, Protocol.newAddress("stream"), null,
            "stream from service " + address);
      } catch (RuntimeException e) {
        request.fail(EventBusStreams.SERVICE_FAILED, "service " + address + ": " + e.getMessage());
        return; // the function's stream is consumed already: one consumer per stream
      }
      producer.register().onComplete(registered -> {
        if (registered.succeeded()) {
          producer.accept(request);
        } else {
          request.fail(EventBusStreams.SERVICE_FAILED, "service " + address + ": " + registered.cause());
        }
      });
    });
  }

  @Override
  public String toString() {
    return "StreamService[" + address + "]";
  }
}

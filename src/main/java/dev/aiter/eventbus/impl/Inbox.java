package dev.aiter.eventbus.impl;

import dev.aiter.impl.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The address a consumer side receives its frames at. A {@code MessageConsumer}'s handler runs on
 * a duplicate of its context, while a stream's handlers must run on the context itself (contract
 * 1): frames are carried over in batches, one task for all that arrived meanwhile, so the hop
 * costs a task per burst rather than per item. Never paused, so it never discards. Register and
 * unregister it on the stream's context.
 */
final class Inbox {

  final String address = Protocol.newAddress("inbox");
  private final Context context;
  private final Handler<Message<Object>> onFrame;
  /** Frames received and not yet handed over: added on the consumer's duplicate, taken on the context. */
  private final ConcurrentLinkedQueue<Message<Object>> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean takeInQueued = new AtomicBoolean();
  private MessageConsumer<Object> consumer;

  Inbox(Context context, Handler<Message<Object>> onFrame) {
    this.context = context;
    this.onFrame = onFrame;
  }

  /** Registers the address; the future completes once it is known across the cluster. */
  Future<Void> register() {
    consumer = context.owner().eventBus().consumer(address);
    consumer.handler(this::onArrival);
    return consumer.completion();
  }

  void unregister() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  private void onArrival(Message<Object> frame) {
    if (Contexts.isOn(context)) {
      onFrame.handle(frame);
      return;
    }
    arrived.add(frame);
    if (takeInQueued.compareAndSet(false, true)) {
      context.runOnContext(v -> takeIn());
    }
  }

  private void takeIn() {
    takeInQueued.set(false);
    Message<Object> frame;
    while ((frame = arrived.poll()) != null) {
      onFrame.handle(frame);
    }
  }
}

package dev.aiter.eventbus;

import io.vertx.core.Future;

/**
 * An address served with {@link EventBusStreams#serve}: every request message sent there with
 * {@link EventBusStreams#request} gets a stream of its own.
 */
public interface StreamService {

  /** The address the service takes requests at. */
  String address();

  /**
   * Stops taking requests: the address is unregistered, so a later request fails with {@code
   * NO_HANDLERS} (when no other service serves the same address). Streams already open go on to
   * their end. The future completes once the address is unregistered across the cluster.
   */
  Future<Void> close();
}

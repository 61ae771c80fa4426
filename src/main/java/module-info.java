/**
 * vertx-aiter: the patterns of Python's {@code aiter} as Vert.x 5 {@code ReadStream}s.
 * The public API is the packages {@link dev.aiter} and {@link dev.aiter.eventbus} (streams across
 * the event bus); {@code dev.aiter.impl} and {@code dev.aiter.eventbus.impl} hold the machinery
 * and are not exported.
 */
module dev.aiter {
  requires transitive io.vertx.core;

  exports dev.aiter;
  exports dev.aiter.eventbus;
}

/**
 * vertx-aiter: the patterns of Python's {@code aiter} as Vert.x 5 {@code ReadStream}s.
 * The public API is the package {@link dev.aiter}; {@code dev.aiter.impl} holds the machinery
 * and is not exported.
 */
module dev.aiter {
  requires transitive io.vertx.core;

  exports dev.aiter;
}

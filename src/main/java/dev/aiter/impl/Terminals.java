package dev.aiter.impl;

import io.vertx.core.streams.ReadStream;

/** What the terminal operations ({@code forEach}, {@code first}) share. */
final class Terminals {

  private Terminals() {
  }

  /**
   * Stops consuming {@code stream}: releases the handlers set on it and, when it is one of ours,
   * closes it, so that it lets go of its own upstream (contract 9), unless it is a source the
   * caller keeps ({@link BaseAiter#closeForTerminal}). Runs on the stream's context.
   */
  static void stop(ReadStream<?> stream) {
    BaseAiter.release(stream);
    if (stream instanceof BaseAiter) {
      ((BaseAiter<?, ?>) stream).closeForTerminal();
    }
  }
}

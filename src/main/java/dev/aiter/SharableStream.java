package dev.aiter;

/**
 * aiter's {@code sharable_aiter}: one source drained by several consumers. It is not itself a
 * stream: each {@link #consumer()} is.
 *
 * <p><b>Demand:</b> consumers with demand wait in line; the source is asked for one item at a time
 * while someone waits, and each item goes to exactly one consumer, the first in line that still
 * has demand, so consumers with demand are served in turn. <b>Buffers:</b> none beyond the item in
 * hand. <b>Context:</b> the source's; the source's end or failure reaches every consumer.
 *
 * @param <T> the item type
 */
public interface SharableStream<T> {

  /** A new consumer of the shared source; it takes items only while it has demand. */
  Aiter<T> consumer();
}

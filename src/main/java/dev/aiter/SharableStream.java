package dev.aiter;

/**
 * aiter's {@code sharable_aiter}: one source drained by several consumers. It is not itself a
 * stream: each {@link #consumer()} is.
 *
 * <p><b>Demand:</b> consumers with demand wait in line; the source is asked for one item at a time
 * while someone waits, and each item goes to exactly one consumer, the first in line that still
 * has demand, so consumers with demand are served in turn. <b>Buffers:</b> none beyond the item in
 * hand, and what the source delivers beyond the one item asked for when a handler fetches on the
 * source itself (kept in order, never dropped). <b>Context:</b> the source's; the source's end or
 * failure reaches every consumer.
 *
 * <p><b>Releasing:</b> the sharer holds on to a consumer only while it has a data handler. One that
 * drops it (or a {@code stoppable} over it that is stopped) leaves the line, handing back an item
 * it was given and had not delivered; one never given a handler and no longer referenced is
 * garbage. A consumer kept by its maker still gets the end or the failure when it listens.
 *
 * @param <T> the item type
 */
public interface SharableStream<T> {

  /** A new consumer of the shared source; it takes items only while it has demand. */
  Aiter<T> consumer();
}

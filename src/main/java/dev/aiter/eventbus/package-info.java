/**
 * Streams across the event bus: a {@link io.vertx.core.streams.ReadStream} on one verticle
 * consumed, with the full stream contract of {@link dev.aiter}, by a verticle on the same node or
 * on another node of a cluster. The entry point is {@link dev.aiter.eventbus.EventBusStreams};
 * demand travels as credits, sequence numbers make loss or duplication loud, heartbeats make a
 * dead peer loud. The transport is Vert.x's own event bus, local or clustered; nothing beyond
 * {@code vertx-core} is needed.
 */
package dev.aiter.eventbus;

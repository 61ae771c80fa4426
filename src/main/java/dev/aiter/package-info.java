/**
 * vertx-aiter: the patterns of Python's {@code aiter} as Vert.x 5 streams.
 *
 * <p>{@link dev.aiter.Aiter} is the stream type and the facade: its static methods are aiter's
 * functions (source first), its instance methods the same combinators in fluent form. Every
 * stream is a {@link io.vertx.core.streams.ReadStream} with real {@code pause}/{@code resume}/
 * {@code fetch(n)} demand, runs on one Vert.x context and honours the stream contract:
 *
 * <ol>
 *   <li>One context: every handler runs on it; methods called from other threads are carried onto it.
 *   <li>Demand: flowing by default; {@code pause()} = 0, {@code fetch(n)} adds (saturating),
 *       {@code resume()} = {@code fetch(Long.MAX_VALUE)}, a negative fetch throws; never more items
 *       than demanded.
 *   <li>Nothing lost, duplicated or reordered; a stream without a data handler pulls nothing.
 *   <li>Bounded: each combinator buffers at most what its javadoc says.
 *   <li>Handlers may re-enter any stream of the chain; delivery is trampolined.
 *   <li>The end handler runs exactly once, after the last item, also when set late. The end needs
 *       no demand.
 *   <li>A failure is terminal and reported once, in its place after the items before it. Like the
 *       end, a failure reached before anyone listens is held until an exception or data handler is
 *       set; with a data handler but no exception handler it goes to the context's. An exception
 *       thrown by the consumer's own data handler is reported to the exception handler and the
 *       stream goes on.
 *   <li>Bad arguments fail at once, naming the argument.
 *   <li>A stream that stops lets go of its upstream, and never closes a stream handed to it.
 * </ol>
 *
 * <p>Items are never {@code null}: a function or source that produces {@code null} fails the stream
 * with a {@link java.lang.NullPointerException}.
 */
package dev.aiter;

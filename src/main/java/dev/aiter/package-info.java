/**
 * vertx-aiter: the patterns of Python's {@code aiter} (push sources, gates, preloading, forks, zip,
 * flatten, join, parallel map, sharing, stopping) as Vert.x 5 streams.
 *
 * <p>{@link dev.aiter.Aiter} is the stream type and the facade: its static methods are aiter's
 * functions (source first), its instance methods the same combinators in fluent form. Every stream
 * is a {@link io.vertx.core.streams.ReadStream} with real {@code pause}/{@code resume}/{@code
 * fetch(n)} demand, runs single-threaded on one Vert.x {@link io.vertx.core.Context}, and pipes into
 * any {@link io.vertx.core.streams.WriteStream}. Each method's javadoc says what it buffers
 * ("Buffers") and where it runs ("Context").
 *
 * <h2>The stream contract</h2>
 *
 * <p>Every stream the library returns honours it:
 *
 * <ol>
 *   <li><b>One context.</b> A stream runs on one Vert.x context: the one given ({@code
 *       create(Context)}, {@code fromIterable(Context, ...)}, {@code of(Context, stream)}), else its
 *       upstream's when the upstream is one of ours, else the calling thread's current context.
 *       Made off any context with nothing given, a stream that needs one fails at once with an
 *       {@link java.lang.IllegalStateException} that names the overload taking a {@code Context}.
 *       Every handler runs on that context. A method called from another thread is carried onto
 *       it, and so are items that a foreign stream (or another context's stream, as in {@code join}
 *       of line streams from several event loops) delivers elsewhere. Code that runs {@code
 *       executeBlocking} for a context is such another thread, for a <em>worker</em> context too,
 *       where Vert.x 5 runs it beside the context's own tasks with that very context current: the
 *       library tells the two apart by the context's executor (an internal Vert.x API).
 *   <li><b>Demand.</b> A new stream flows like any Vert.x stream; {@code pause()} sets demand to 0,
 *       {@code fetch(n)} adds {@code n} (saturating at {@code Long.MAX_VALUE}), {@code resume()} is
 *       {@code fetch(Long.MAX_VALUE)}; a negative {@code fetch} throws {@link
 *       java.lang.IllegalArgumentException}. Never more items than the demand granted, including
 *       from inside a handler that just called {@code pause()}. The end and a failure need no
 *       demand.
 *   <li><b>Nothing lost.</b> No item is dropped, duplicated or (where order is promised)
 *       reordered. A stream without a data handler pulls nothing from upstream and holds what it
 *       has; the exceptions, by design, are {@code active}, active forks pulled by a sibling, and a
 *       gate fetching its credits.
 *   <li><b>Bounded.</b> A combinator asks upstream only for what its consumer asked for plus its
 *       declared buffer (its "Buffers"), and it never holds more than its declared buffer of items
 *       taken from upstream and not yet delivered, whatever the consumer's demand: a flowing
 *       consumer (a handler and no pause, as with {@code pipeTo}) is no licence to read ahead
 *       without bound. Where delivery has to wait (the stream yields the event loop, or the
 *       consumer's handler is still running), the combinator stops pulling upstream until it can
 *       deliver again, so a slow flowing consumer slows the source. Only {@code PushStream.push},
 *       {@code active}, a gate's granted credits and lagging forks hold more, and their docs say
 *       so.
 *   <li><b>Reentrancy.</b> Handlers may call {@code fetch}, {@code pause}, {@code resume}, {@code
 *       push} or {@code stop} on any stream of the chain. Delivery is trampolined: a million
 *       synchronous items do not grow the stack, and a long run yields the event loop so that
 *       timers and I/O get their turn.
 *   <li><b>End.</b> The end handler runs exactly once, after the last item. An end reached while
 *       no end handler is set is delivered when one is set.
 *   <li><b>Failure.</b> A source failure, a function that throws, or a failed future is terminal:
 *       the exception handler runs exactly once with the cause, the end handler does not run, and
 *       upstream is no longer pulled (point 9). A failure keeps its place in the order, as the end
 *       does: items that came before it and that the stream already holds are delivered first, as
 *       demand allows; calls still in flight ({@code mapAsync}) are not waited for. A failure
 *       reached before anyone listens is held until an exception or a data handler is set; with no
 *       exception handler set, it goes to the context's exception handler: never swallowed. An
 *       exception thrown by the consumer's own data handler is the consumer's bug, not the
 *       stream's failure: it is reported to the stream's exception handler (the context's when none
 *       is set), as Vert.x's {@code InboundBuffer} does, and the stream goes on.
 *   <li><b>Bad input.</b> Null arguments, {@code n <= 0} sizes or worker counts, {@code push} or
 *       {@code fail} after {@code stop}, and a negative gate count fail at once with a clear
 *       message that names the argument. Once the end or the failure has been delivered, handlers
 *       set and {@code pause}, {@code resume} or {@code fetch} called are accepted and do nothing:
 *       nothing is delivered again (Vert.x's {@code Pipe} makes such calls when it cleans up).
 *   <li><b>Stopping releases.</b> When a stream stops (its {@code stop()}, a failure, {@code zip}
 *       ending) it stops pulling: it pauses its upstream and lets go of it (releases the handlers
 *       it set), and cancels a Flow subscription. It never stops, fails or closes a stream that the
 *       caller handed it (a {@code PushStream}, a socket, an event-bus consumer): that stays the
 *       caller's, who may go on using it or close it.
 * </ol>
 *
 * <p>Items are never {@code null}: a function or source that produces {@code null} fails the stream
 * with a {@link java.lang.NullPointerException}.
 */
package dev.aiter;

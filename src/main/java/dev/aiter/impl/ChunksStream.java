package dev.aiter.impl;

import dev.aiter.Aiter;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chunks(size, maxWait)}: lists of at most {@code size} items, in order; demand counts
 * chunks. A chunk goes out when it is full, or once {@code maxWait} has passed since its first item
 * came and the consumer has demand; while the consumer has none, it fills on up to {@code size}.
 * The last, partial chunk goes out before the end or the failure. From the consumer's first
 * request on, upstream is asked for the rest of the chunk being filled, never more. A Vert.x timer
 * on the stream's context runs only while a chunk has items and the consumer has demand; when
 * demand comes back, the time already waited counts. Buffers: {@code size} items (more only when
 * a handler fetched from upstream itself: those fill the next chunks, never dropped).
 */
public final class ChunksStream<T> extends UpstreamOperator<T, List<T>, Aiter<List<T>>> {

  private enum Loading { IDLE, STARTED, UPSTREAM_DONE }

  /** Whether the chunk being filled may go out before it is full. */
  private enum Chunk { FILLING, DUE }

  /** Whether upstream is answering a fetch of ours right now (a synchronous upstream does). */
  private enum Asking { NO, IN_FETCH }

  private final int size;
  private final long maxWaitNanos;
  private final StreamTimer timer;
  /** Full chunks waiting for demand: at most one, unless upstream gave more than was asked. */
  private final ArrayDeque<List<T>> full = new ArrayDeque<>(2);
  /** The chunk being filled, or {@code null} when no item came since the last one filled up. */
  private List<T> chunk;
  /** When the chunk being filled got its first item. */
  private long chunkStart;
  private Chunk due = Chunk.FILLING;
  private Loading loading = Loading.IDLE;
  private Asking asking = Asking.NO;
  /** Items asked of upstream that have not come. */
  private long asked;

  public ChunksStream(Context context, ReadStream<T> source, int size, long maxWaitNanos) {
    super(context, source);
    this.size = size;
    this.maxWaitNanos = maxWaitNanos;
    this.timer = new StreamTimer(context, v -> {
      due = Chunk.DUE;
      drain();
    });
    subscribe("chunks");
  }

  @Override
  protected void onItem(T item) {
    // More than asked comes when a handler fetched from upstream itself (contract 5): kept.
    asked = Math.max(asked - 1, 0);
    if (chunk == null) {
      chunk = new ArrayList<>(Math.min(size, 1024));
      chunkStart = System.nanoTime(); // maxWait counts from the chunk's first item
      if (demand() > 0 && asking == Asking.NO) {
        // Inside our own fetch the timer waits until the fetch returns: a synchronous upstream
        // fills the chunk first, and a chunk that went out full never needed a timer.
        timer.schedule(maxWaitNanos);
      }
    }
    chunk.add(item);
    if (chunk.size() == size) {
      full.add(chunk); // a full chunk needs no timer: it goes out as soon as there is demand
      chunk = null;
      due = Chunk.FILLING;
      timer.cancel();
      drain();
    }
  }

  @Override
  protected List<T> poll() {
    List<T> out = full.poll();
    if (out == null) {
      if (chunk == null || due == Chunk.FILLING && loading != Loading.UPSTREAM_DONE) {
        return null;
      }
      out = chunk;
      chunk = null;
      due = Chunk.FILLING;
      timer.cancel();
    }
    callAfterDelivery(); // as preload: room is made once the consumer has the chunk, not before
    return out;
  }

  @Override
  protected void afterDelivery() {
    if (hasHandler()) { // else the consumer let go within its handler (take, first): pull nothing (contract 3)
      refill();
    }
  }

  @Override
  protected boolean holdsItems() {
    return chunk != null || !full.isEmpty();
  }

  @Override
  protected void onRequest(long n) {
    if (loading == Loading.IDLE) {
      loading = Loading.STARTED;
    }
    refill();
    armTimer();
  }

  /** Sets the timer for the partial chunk, if one waits without it; maxWait counts from its first item. */
  private void armTimer() {
    if (chunk != null && due == Chunk.FILLING && !timer.isSet() && demand() > 0 && isOpen()) {
      long left = maxWaitNanos - (System.nanoTime() - chunkStart);
      if (left > 0) {
        timer.schedule(left);
      } else {
        due = Chunk.DUE; // it waited long enough while there was no demand
        drain();
      }
    }
  }

  @Override
  protected void onPause() {
    timer.cancel(); // the chunk being filled keeps filling, up to size, and waits for demand
  }

  @Override
  protected void onUpstreamEnd() {
    loading = Loading.UPSTREAM_DONE; // the partial chunk is due at once
    complete();
  }

  @Override
  protected void onUpstreamFailure(Throwable cause) {
    loading = Loading.UPSTREAM_DONE;
    failWith(cause);
  }

  @Override
  protected void onClose() {
    timer.cancel(); // the partial chunk, if any, is due now
    super.onClose();
  }

  /** Asks upstream for the rest of the chunk being filled. */
  private void refill() {
    if (loading != Loading.STARTED || !isOpen()) {
      return;
    }
    long held = (long) full.size() * size + (chunk == null ? 0 : chunk.size());
    long want = size - held - asked;
    if (want > 0) {
      asked += want;
      asking = Asking.IN_FETCH;
      try {
        fetchUpstream(want);
      } finally {
        asking = Asking.NO;
      }
      armTimer(); // what came in the fetch and did not fill the chunk waits on the timer now
    }
  }

  /** For tests: the stream's timer. */
  public StreamTimer timer() {
    return timer;
  }
}

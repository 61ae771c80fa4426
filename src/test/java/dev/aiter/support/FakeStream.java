package dev.aiter.support;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-made foreign {@link ReadStream} (not an {@code Aiter}): it records every {@code pause},
 * {@code resume} and {@code fetch} asked of it and the demand they add up to, and emits exactly
 * what the test tells it to, on the calling thread, whatever that demand is (so a test can also
 * play a source that delivers after a pause it has not yet seen). Safe to drive from any thread.
 */
public final class FakeStream<T> implements ReadStream<T> {

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  /** What the adopter asked for and was not given; flowing at first, like any Vert.x stream. */
  private final AtomicLong demand = new AtomicLong(Long.MAX_VALUE);
  private volatile Handler<T> handler;
  private volatile Handler<Void> endHandler;
  private volatile Handler<Throwable> exceptionHandler;

  @Override
  public FakeStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public FakeStream<T> pause() {
    calls.add("pause");
    demand.set(0);
    return this;
  }

  @Override
  public FakeStream<T> resume() {
    calls.add("resume");
    demand.set(Long.MAX_VALUE);
    return this;
  }

  @Override
  public FakeStream<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0, was " + amount);
    }
    calls.add("fetch(" + amount + ")");
    demand.accumulateAndGet(amount, (d, n) -> d + n < 0 ? Long.MAX_VALUE : d + n);
    return this;
  }

  @Override
  public FakeStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public FakeStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  /** Hands {@code item} to the data handler now, on this thread, whatever the demand. */
  public void emit(T item) {
    demand.updateAndGet(d -> d == Long.MAX_VALUE || d == 0 ? d : d - 1);
    Handler<T> h = handler;
    if (h != null) {
      h.handle(item);
    }
  }

  /** Runs the end handler now, on this thread. */
  public void end() {
    Handler<Void> h = endHandler;
    if (h != null) {
      h.handle(null);
    }
  }

  /** Runs the exception handler now, on this thread. */
  public void fail(Throwable cause) {
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(cause);
    }
  }

  /** Every pause, resume and fetch asked of this stream, in order ("pause", "fetch(3)", ...). */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The amounts of the fetches asked of this stream, in order. */
  public List<Long> fetches() {
    return calls().stream()
        .filter(call -> call.startsWith("fetch("))
        .map(call -> Long.parseLong(call.substring(6, call.length() - 1)))
        .toList();
  }

  /** The demand asked and not yet met by {@link #emit}: 0 paused, {@code Long.MAX_VALUE} flowing. */
  public long demand() {
    return demand.get();
  }

  /** Whether a data handler is set: an adopter that let go of this stream has removed its own. */
  public boolean hasHandler() {
    return handler != null;
  }
}

package dev.aiter.tck;

import dev.aiter.Aiter;
import dev.aiter.PushStream;
import dev.aiter.eventbus.EventBusStreams;
import dev.aiter.eventbus.StreamOptions;
import dev.aiter.eventbus.StreamRef;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The sources a stream under the publisher TCK is built from. Each yields exactly the count it is
 * asked for, lazily, without end for {@code Long.MAX_VALUE}; the failing kind instead yields
 * nothing and fails once {@link #fail} is called, which the verification does after it made the
 * publisher (rule 1.4: the failure must reach a subscriber that comes later).
 */
public final class TckSources {

  private final Context context;
  /** Null for the normal kind; the sources to fail for the failing kind. */
  private final List<PushStream<?>> failing;

  private TckSources(Context context, List<PushStream<?>> failing) {
    this.context = context;
    this.failing = failing;
  }

  static TckSources of(Context context) {
    return new TckSources(context, null);
  }

  static TckSources failing(Context context) {
    return new TckSources(context, new ArrayList<>());
  }

  public Context context() {
    return context;
  }

  /** Whether these are the failing kind of sources (the TCK's failed publisher is being built). */
  public boolean isFailingKind() {
    return failing != null;
  }

  /** 0, 1, 2, ... ({@code n} of them) from {@code fromIterator}. */
  public Aiter<Integer> numbers(long n) {
    if (failing != null) {
      return failingPush();
    }
    return Aiter.fromIterator(context, counting(n));
  }

  /**
   * Lists whose elements, in order, are 0, 1, 2, ... ({@code n} of them): their sizes cycle through
   * 0, 1, 2, 3, so a flattening consumer both skips empty ones and expands long ones.
   */
  public Aiter<List<Integer>> chunks(long n) {
    if (failing != null) {
      return failingPush();
    }
    Iterator<Integer> numbers = counting(n);
    return Aiter.fromIterator(context, new Iterator<>() {
      private int size;

      @Override
      public boolean hasNext() {
        return numbers.hasNext();
      }

      @Override
      public List<Integer> next() {
        List<Integer> chunk = new ArrayList<>(size);
        while (chunk.size() < size && numbers.hasNext()) {
          chunk.add(numbers.next());
        }
        size = (size + 1) % 4;
        return chunk;
      }
    });
  }

  /**
   * 0, 1, 2, ... ({@code n} of them) from a {@link PushStream}: pushed at once when few, else
   * piped in from a lazy source as the push stream's write queue drains.
   */
  public Aiter<Integer> pushed(long n) {
    if (failing != null) {
      return failingPush();
    }
    PushStream<Integer> push = PushStream.create(context);
    if (n <= 1024) {
      for (int i = 0; i < n; i++) {
        push.push(i);
      }
      push.stop();
    } else {
      Aiter.fromIterator(context, counting(n)).pipeTo(push);
    }
    return push;
  }

  /**
   * {@code source} exported on the local event bus and opened on the same context: the
   * consumer side of a stream across the event bus, with a small window so that credits are
   * topped up many times.
   */
  public <T> Aiter<T> acrossEventBus(Aiter<T> source) {
    EventBusStreams streams = EventBusStreams.create(context.owner(), new StreamOptions().setWindow(8));
    // On the local event bus the reference is registered at once.
    StreamRef<T> ref = streams.export(source).result();
    return streams.open(ref);
  }

  /** Fails every source made by this failing kind. */
  void fail(Throwable cause) {
    for (PushStream<?> push : failing) {
      push.fail(cause);
    }
  }

  private <T> PushStream<T> failingPush() {
    PushStream<T> push = PushStream.create(context);
    failing.add(push);
    return push;
  }

  private static Iterator<Integer> counting(long n) {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return n == Long.MAX_VALUE || next < n;
      }

      @Override
      public Integer next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return (int) next++;
      }
    };
  }
}

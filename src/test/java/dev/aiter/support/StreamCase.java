package dev.aiter.support;

import dev.aiter.Aiter;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One stream of the library registered in the contract kit: how to build it so that it yields
 * exactly {@code items} and then ends, or fails with {@code failure} when that is not null.
 *
 * @param name the name the parameterized tests show
 * @param factory builds the stream; called on the test context
 * @param pullsWithoutHandler the stream pulls by design without a data handler (contract 3's
 *     exceptions)
 */
public record StreamCase(String name, Factory factory, boolean pullsWithoutHandler) {

  /** A stream that, as contract 3 requires, pulls nothing without a data handler. */
  public StreamCase(String name, Factory factory) {
    this(name, factory, false);
  }

  /** A stream that pulls by design before anyone asks ({@code active}, a gate's credits). */
  public static StreamCase eager(String name, Factory factory) {
    return new StreamCase(name, factory, true);
  }

  /** Builds a stream under test. */
  @FunctionalInterface
  public interface Factory {
    Built build(TestContext tc, List<Integer> items, Throwable failure);
  }

  /**
   * A stream under test, how many units it has taken from its own source so far (an item of a
   * push source, an element of an iterator), and how many it may take beyond the items it
   * delivered while its consumer has no demand: its declared buffer, in source units (contract 4).
   */
  public record Built(Aiter<Integer> stream, LongSupplier pulled, long maxAhead, long maxAheadFlowing,
      Aiter<?> upstream) {

    /** A stream that buffers nothing: it takes from its source only what its consumer asked. */
    public Built(Aiter<Integer> stream, LongSupplier pulled) {
      this(stream, pulled, 0, 0, null);
    }

    /** The same stream, declared to buffer up to {@code n} source units. */
    public Built ahead(long n) {
      return new Built(stream, pulled, n, n, upstream);
    }

    /** The same stream, declared to buffer up to {@code n} source units under a flowing consumer. */
    public Built aheadFlowing(long n) {
      return new Built(stream, pulled, maxAhead, n, upstream);
    }

    /**
     * The same stream, reading from {@code stage}, a stream of ours that a handler may fetch from
     * directly (contract 5).
     */
    public Built over(Aiter<?> stage) {
      return new Built(stream, pulled, maxAhead, maxAheadFlowing, stage);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

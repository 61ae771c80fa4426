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
   * A stream under test and how many units it has taken from its own source so far (an item of a
   * push source, an element of an iterator).
   */
  public record Built(Aiter<Integer> stream, LongSupplier pulled) {
  }

  @Override
  public String toString() {
    return name;
  }
}

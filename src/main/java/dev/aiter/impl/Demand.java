package dev.aiter.impl;

/**
 * Demand arithmetic, in one place. {@link Long#MAX_VALUE} means "flowing": it is never
 * decremented and any sum that reaches it stays there. {@code fetch(0)} adds nothing.
 */
public final class Demand {

  /** The demand of a flowing stream. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private Demand() {
  }

  /** {@code a + b}, saturating at {@link #UNBOUNDED}; both must be non-negative. */
  public static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? UNBOUNDED : sum;
  }

  /** {@code d - 1} unless {@code d} is unbounded or already 0. */
  public static long decrement(long d) {
    return d == UNBOUNDED || d == 0 ? d : d - 1;
  }

  /** Rejects a negative amount given to {@code fetch}. */
  public static long checkFetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("fetch(amount): amount must be >= 0, was " + amount);
    }
    return amount;
  }
}

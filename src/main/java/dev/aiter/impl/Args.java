package dev.aiter.impl;

/** Argument checks of the public facade, with one message form: "{@code name} must ...". */
public final class Args {

  private Args() {
  }

  /** Returns {@code value}, or throws {@link NullPointerException} naming the argument. */
  public static <T> T notNull(T value, String name) {
    if (value == null) { // no message supplier: a push checks each item, and pays no capture for it
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /** The failure of a stream that met a {@code null} item (from a source or a function). */
  public static NullPointerException nullItem() {
    return new NullPointerException("a stream item must not be null");
  }

  /** Returns {@code value}, or throws {@link IllegalArgumentException} unless it is positive. */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws {@link IllegalArgumentException} unless it is positive. */
  public static long positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws {@link IllegalArgumentException} if it is negative. */
  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
    return value;
  }
}

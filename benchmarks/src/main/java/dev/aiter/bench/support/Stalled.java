package dev.aiter.bench.support;

/** A contender delivered part of the items and then nothing more within the bounded wait. */
public final class Stalled extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public Stalled(String message) {
    super(message, null, false, false);
  }
}

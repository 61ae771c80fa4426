package dev.aiter.bench;

/** The demand counter of the plain-loop floor of the paced scenarios. */
final class Credit {

  private long demand = 1;

  void fetch(long n) {
    demand += n;
  }

  void take() {
    if (demand-- == 0) {
      throw new IllegalStateException("an item without demand");
    }
  }
}

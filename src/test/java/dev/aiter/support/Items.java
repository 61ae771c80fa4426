package dev.aiter.support;

import java.util.List;
import java.util.stream.IntStream;

/** Lists of test items. */
public final class Items {

  private Items() {
  }

  /** {@code from}, {@code from + 1}, ..., {@code to}: both ends included. */
  public static List<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}

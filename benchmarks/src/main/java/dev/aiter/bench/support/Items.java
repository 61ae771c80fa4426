package dev.aiter.bench.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The items every contender moves, boxed once up front, so that what a benchmark allocates is what
 * its stages allocate. The stage functions ({@link #next}, {@link #combine}) look results up in the
 * same table instead of boxing: a map that computes {@code x + 1} would allocate an {@code Integer}
 * per item in every contender alike and hide the machinery's own allocation.
 */
public final class Items {

  /** Items per round: what one chain moves from its source to its consumer. */
  public static final int N = 100_000;
  /** Rounds per benchmark invocation, each a fresh chain of N items ({@link Loop}). */
  public static final int ROUNDS = 10;
  /** Items per benchmark invocation: JMH's operations, so scores are items per second. */
  public static final int PER_INVOCATION = N * ROUNDS;
  /** Inner streams of the join scenario (S4). */
  public static final int JOIN_WIDTH = 8;
  /** Length of each list of the flatten scenario (S9). */
  public static final int LIST_SIZE = 16;
  /** Credits granted at a time in the gated scenario (S8), and the preload depth (S6). */
  public static final int BATCH = 64;
  /** Concurrent calls of mapAsync (S7) and mapAsyncOrdered (S12). */
  public static final int WORKERS = 8;
  /** Items kept by the filter of S10 (the even ones), all taken by its take. */
  public static final int EVENS = N / 2;
  /** Chunk size and maximum wait of the chunks scenario (S13). */
  public static final int CHUNK = 100;
  public static final long CHUNK_WAIT_MILLIS = 50;

  /** 0 .. N + 2 * N boxed once; {@link #next} and {@link #combine} stay inside it. */
  private static final Integer[] BOXES = new Integer[3 * N + 16];

  static {
    for (int i = 0; i < BOXES.length; i++) {
      BOXES[i] = i;
    }
  }

  /** The source items: 0 .. N-1. */
  public static final Integer[] ITEMS = Arrays.copyOf(BOXES, N);
  /** The source items as a list (for sources that take an Iterable). */
  public static final List<Integer> ITEM_LIST = List.of(ITEMS);
  /** The second source of the zip scenario: the same values, as other objects of the same table. */
  public static final Integer[] ITEMS_B = Arrays.copyOfRange(BOXES, 0, N);
  /** The source items cut into JOIN_WIDTH consecutive chunks. */
  public static final Integer[][] CHUNKS = chunks(JOIN_WIDTH);
  /** The source items cut into lists of LIST_SIZE. */
  public static final List<Integer>[] LISTS = lists();

  private Items() {
  }

  /** The map stage function: x + 1 without allocating. */
  public static Integer next(Integer x) {
    return BOXES[x + 1];
  }

  /** The zip combiner: a + b without allocating. */
  public static Integer combine(Integer a, Integer b) {
    return BOXES[a + b];
  }

  /** Sum of 0 .. N-1 shifted by {@code k} map stages: what the consumer must have added up. */
  public static long sumShiftedBy(int k) {
    return (long) N * (N - 1) / 2 + (long) k * N;
  }

  private static Integer[][] chunks(int width) {
    Integer[][] chunks = new Integer[width][];
    int size = N / width;
    for (int i = 0; i < width; i++) {
      chunks[i] = Arrays.copyOfRange(ITEMS, i * size, i == width - 1 ? N : (i + 1) * size);
    }
    return chunks;
  }

  @SuppressWarnings("unchecked")
  private static List<Integer>[] lists() {
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < N; i += LIST_SIZE) {
      lists.add(List.of(Arrays.copyOfRange(ITEMS, i, Math.min(N, i + LIST_SIZE))));
    }
    return lists.toArray(new List[0]);
  }
}

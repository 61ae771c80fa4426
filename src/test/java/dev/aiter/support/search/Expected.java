package dev.aiter.support.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a stream must deliver, in the model: its items, how it ends, and whether it may stop short
 * of its last items.
 *
 * @param items the items, in order
 * @param ending how the stream ends after them
 * @param completeness whether all of {@code items} must come, or a prefix may do
 */
public record Expected(List<Integer> items, Ending ending, Completeness completeness) {

  /**
   * How a stream ends. {@code END_OR_FAILURE}: a stage that cuts the stream short (take,
   * takeWhile) after one that may drop its tail on a failure: it ends with all of {@code items}
   * if they came before the failure, else it fails with a prefix of them.
   */
  public enum Ending { END, FAILURE, END_OR_FAILURE }

  /** How many of the expected items must come. */
  public enum Completeness {
    /** Every one. */
    ALL,
    /** A prefix (the order's start; for merged streams, any of them once): a stream that fails or
     * stops without waiting for what is still on its way. */
    A_PREFIX
  }

  /** What a source delivers: its items, then its end or failure. */
  static Expected ofSource(List<Integer> items, boolean failed) {
    return new Expected(List.copyOf(items), failed ? Ending.FAILURE : Ending.END, Completeness.ALL);
  }

  /** The model of one stage: what it makes of what its upstream delivers. */
  @FunctionalInterface
  public interface Model {

    /** The stage passes everything through as it comes. */
    Model SAME = in -> in;

    Expected apply(Expected upstream);

    /** The stage turns each item into {@code f(item)}: none (filtered out), one or more. */
    static Model eachItem(Function<Integer, List<Integer>> f) {
      return in -> {
        List<Integer> out = new ArrayList<>();
        for (Integer item : in.items()) {
          out.addAll(f.apply(item));
        }
        return new Expected(out, in.ending(), in.completeness());
      };
    }

    /**
     * The stage delivers the first {@code n} items of {@code upstream} at most, and ends at the
     * {@code n}th without waiting for upstream's ending ({@code needed} items must have come from
     * upstream for that: {@code n}, or one more for takeWhile, which ends on the item it drops).
     */
    static Expected cut(Expected upstream, int n, int needed) {
      if (upstream.items().size() < needed) {
        return new Expected(upstream.items().subList(0, Math.min(n, upstream.items().size())),
            upstream.ending(), upstream.completeness());
      }
      List<Integer> first = List.copyOf(upstream.items().subList(0, n));
      if (upstream.ending() == Ending.END || upstream.completeness() == Completeness.ALL) {
        return new Expected(first, Ending.END, Completeness.ALL);
      }
      return new Expected(first, Ending.END_OR_FAILURE, Completeness.A_PREFIX);
    }

    /** The same, except that on a failure the stage may drop what it still had on its way. */
    default Model failureLosesTail() {
      return in -> {
        Expected out = apply(in);
        return out.ending() != Ending.END ? new Expected(out.items(), out.ending(), Completeness.A_PREFIX) : out;
      };
    }
  }
}

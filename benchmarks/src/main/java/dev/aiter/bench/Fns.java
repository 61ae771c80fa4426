package dev.aiter.bench;

import dev.aiter.bench.support.Items;
import io.vertx.core.Future;
import java.util.function.Function;

/** The stage functions, as the Vert.x contenders take them. */
final class Fns {

  /** map: x + 1, allocation-free. */
  static final Function<Integer, Integer> NEXT = Items::next;
  /** mapAsync: x + 1 in an already-completed future. */
  static final Function<Integer, Future<Integer>> ASYNC_NEXT =
      x -> Future.succeededFuture(Items.next(x));

  private Fns() {
  }
}

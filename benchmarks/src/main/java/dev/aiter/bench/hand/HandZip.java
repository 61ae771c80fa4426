package dev.aiter.bench.hand;

import io.vertx.core.streams.ReadStream;
import java.util.function.BiFunction;

/**
 * zip of two by hand: one item fetched from each source per round, combined when both are in;
 * ends when either source ends with no item in hand, and pauses the other.
 */
public final class HandZip<A, B, R> extends HandStage<R> {

  private final ReadStream<A> a;
  private final ReadStream<B> b;
  private final BiFunction<? super A, ? super B, ? extends R> f;
  private A slotA;
  private B slotB;
  private boolean askedA;
  private boolean askedB;
  private boolean endedA;
  private boolean endedB;

  public HandZip(ReadStream<A> a, ReadStream<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
    this.a = a;
    this.b = b;
    this.f = f;
  }

  @Override
  protected void subscribe() {
    a.pause();
    b.pause();
    a.exceptionHandler(this::fail);
    b.exceptionHandler(this::fail);
    a.endHandler(v -> {
      endedA = true;
      drain();
    });
    b.endHandler(v -> {
      endedB = true;
      drain();
    });
    a.handler(x -> {
      slotA = x;
      askedA = false;
      drain();
    });
    b.handler(x -> {
      slotB = x;
      askedB = false;
      drain();
    });
  }

  @Override
  protected void pass() {
    for (;;) {
      if (slotA != null && slotB != null) {
        if (!canEmit()) {
          return;
        }
        R combined = f.apply(slotA, slotB);
        slotA = null;
        slotB = null;
        deliver(combined);
        continue;
      }
      if ((slotA == null && endedA) || (slotB == null && endedB)) {
        a.pause();
        b.pause();
        end();
        return;
      }
      if (!canEmit()) {
        return;
      }
      boolean asked = false;
      if (slotA == null && !askedA) {
        askedA = asked = true;
        a.fetch(1);
      }
      if (slotB == null && !askedB) {
        askedB = asked = true;
        b.fetch(1);
      }
      if (!asked) {
        return; // both requests are out; their items drain again
      }
    }
  }
}

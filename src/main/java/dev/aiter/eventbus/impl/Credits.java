package dev.aiter.eventbus.impl;

/**
 * The consumer side's count of credits: how many items it asked the producer for, how many came,
 * and how many to ask for next. While the consumer has demand, the items asked for and not yet
 * delivered (held or in flight) are topped up to {@code window}, at least half a window at a time
 * so that one credit message pays for many items; an item beyond the credits, out of sequence or
 * repeated is a protocol violation, reported in words. Single-threaded: the stream's context.
 */
final class Credits {

  private final int window;
  private final int batch;
  /** Credits sent in all: the producer may send no more items than this. */
  private long granted;
  /** Items received in all: also the sequence number of the last one. */
  private long received;

  Credits(int window) {
    this.window = window;
    this.batch = Math.max(1, window / 2);
  }

  /** The credits of the opening request: a window when the consumer already has demand, else none. */
  long first(boolean demand) {
    granted = demand ? window : 0;
    return granted;
  }

  /**
   * The credits to send now, given the {@code held} items received and not yet delivered, for a
   * consumer that has demand; 0 when it is not time yet (items are coming, and their arrival or
   * delivery looks again).
   */
  long topUp(int held) {
    long asked = held + (granted - received);
    long grant = window - asked;
    if (grant <= 0 || grant < batch && asked > 0) {
      return 0;
    }
    granted += grant;
    return grant;
  }

  /** Takes item {@code seq} in; returns what is wrong with it, or null when it is the one due. */
  String item(long seq) {
    if (seq != received + 1) {
      return seq < 0 ? "an item without a sequence number"
          : seq <= received ? "item " + seq + " again (duplicate) after item " + received
          : "item " + seq + " after item " + received + " (" + (seq - received - 1) + " lost)";
    }
    if (received == granted) {
      return "item " + seq + " beyond the " + granted + " asked for";
    }
    received = seq;
    return null;
  }

  /** Checks the producer's last word, said after {@code seq} items; null when none is missing. */
  String lastWord(String kind, long seq) {
    if (seq == received) {
      return null;
    }
    return "the " + kind + " after item " + seq + ", but " + received + " came"
        + (seq > received ? " (" + (seq - received) + " lost)" : "");
  }

  @Override
  public String toString() {
    return received + " of " + granted + " asked";
  }
}

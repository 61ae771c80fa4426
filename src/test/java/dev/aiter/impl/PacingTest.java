package dev.aiter.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Pacing}: what a reader asks of an upstream that may deliver on another thread, call by
 * call (the streams that use it are tested through the public API in {@code AiterTest} and {@code
 * ConcatStreamTest}).
 */
class PacingTest {

  @Test
  void anUpstreamDeliveringElsewhereIsAskedOneItemAtATimeAsItemsArrive() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(Demand.UNBOUNDED), "a flowing reader: one item");
    assertEquals(0, pacing.want(5), "not another while it is on its way");
    pacing.arrived(false);
    assertFalse(pacing.asWanted());
    assertEquals(1, pacing.next(), "the next once the one before arrived");
    pacing.arrived(false);
    assertEquals(1, pacing.next());
  }

  @Test
  void aBoundedWantIsAskedOneByOneUntilItIsSpent() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(2));
    pacing.arrived(false);
    assertEquals(1, pacing.next());
    pacing.arrived(false);
    assertEquals(0, pacing.next(), "both came: nothing more wanted");
    assertEquals(1, pacing.want(1));
  }

  @Test
  void aPauseLeavesTheOneItemAskedToComeAndAsksNothingMore() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(Demand.UNBOUNDED));
    assertFalse(pacing.stop(), "the upstream is not paused: the one item asked is left to come");
    assertEquals(0, pacing.want(1), "a resume before it came asks nothing more: asks never pile up");
    pacing.arrived(false);
    assertEquals(0, pacing.next(), "the item that came meets the one wanted since");
    assertEquals(1, pacing.want(1), "a further one is asked");
  }

  @Test
  void anItemDeliveredOnTheReadersThreadTurnsTheUpstreamToBeingAskedAsWanted() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(3));
    pacing.arrived(true);
    assertTrue(pacing.asWanted());
    assertEquals(4, pacing.want(4), "what the reader asks while handing the item on goes straight through");
    assertEquals(2, pacing.next(), "then the rest of the three");
    assertEquals(0, pacing.next(), "owed once");
    assertTrue(pacing.stop(), "paused directly from now on");
  }

  @Test
  void anUpstreamTakenToLiveHereIsAskedAsWantedFromTheStart() {
    Pacing pacing = new Pacing(true);
    assertTrue(pacing.asWanted());
    assertEquals(Demand.UNBOUNDED, pacing.want(Demand.UNBOUNDED));
    assertTrue(pacing.stop(), "and paused directly");
  }

  @Test
  void aPauseWhileTheFirstItemHereIsHandedOnVoidsTheRest() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(Demand.UNBOUNDED));
    pacing.arrived(true);
    assertTrue(pacing.stop());
    assertEquals(0, pacing.next());
  }

  @Test
  void lettingGoForgetsTheItemAskedSoTheNextReaderAsksAfresh() {
    Pacing pacing = new Pacing(false);
    assertEquals(1, pacing.want(Demand.UNBOUNDED));
    pacing.letGo(); // the upstream is paused: the ask is void
    assertEquals(1, pacing.want(1), "not kept waiting for an item the pause voided");
  }
}

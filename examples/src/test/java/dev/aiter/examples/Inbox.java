package dev.aiter.examples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.aiter.support.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything the parties of a test see, in the order it arrived, from any thread: what each
 * client receives ({@code "alice: hello"}) and what the server prints ({@code "server: ..."}).
 * A test waits for an entry with a timeout, and compares the order of entries.
 */
final class Inbox {

  private final List<String> entries = new ArrayList<>();

  /** A consumer that records each string as {@code "who: string"}. */
  Consumer<String> of(String who) {
    return text -> add(who + ": " + text);
  }

  synchronized void add(String entry) {
    entries.add(entry);
    notifyAll();
  }

  /** Waits until {@code entry} has arrived; fails after {@link TestContext#TIMEOUT_SECONDS}. */
  synchronized void await(String entry) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestContext.TIMEOUT_SECONDS);
    while (!entries.contains(entry)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("timed out waiting for \"" + entry + "\"; seen: " + entries);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for \"" + entry + "\"");
      }
    }
  }

  /** Waits until an entry that {@code matches} has arrived, and returns the first such. */
  synchronized String awaitMatching(java.util.function.Predicate<String> matches) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestContext.TIMEOUT_SECONDS);
    for (;;) {
      for (String entry : entries) {
        if (matches.test(entry)) {
          return entry;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("timed out waiting for a matching entry; seen: " + entries);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for a matching entry");
      }
    }
  }

  /** The position of {@code entry} in arrival order; fails if it has not arrived. */
  synchronized int indexOf(String entry) {
    int index = entries.indexOf(entry);
    if (index < 0) {
      fail("\"" + entry + "\" has not arrived; seen: " + entries);
    }
    return index;
  }

  /** The entries of {@code who}, without the prefix, in arrival order. */
  synchronized List<String> seenBy(String who) {
    String prefix = who + ": ";
    List<String> seen = new ArrayList<>();
    for (String entry : entries) {
      if (entry.startsWith(prefix)) {
        seen.add(entry.substring(prefix.length()));
      }
    }
    return seen;
  }

  @Override
  public synchronized String toString() {
    return entries.toString();
  }
}

package dev.minirag.documents.extract;

import java.util.concurrent.CancellationException;

/**
 * Cooperative stop for a parse whose caller has given up (the parse timeout interrupts the parse
 * thread). Readers call {@link #check} as they go, often enough that a stopped parse ends within
 * milliseconds, so its thread is really free again rather than burning a core unseen.
 */
final class Cancellation {

  /** Characters (or lines) between two checks in a hand-written scan. */
  static final int EVERY = 1 << 14;

  private Cancellation() {}

  static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("extraction cancelled");
    }
  }
}

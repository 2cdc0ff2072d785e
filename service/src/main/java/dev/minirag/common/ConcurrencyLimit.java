package dev.minirag.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} holders of a kind of work at once (parsing uploads, fetching URLs). A caller
 * that finds every slot taken waits a moment and is then refused with 503 and {@code Retry-After}:
 * work is never queued without bound behind a slow request.
 */
public final class ConcurrencyLimit {

  private final Semaphore slots;
  private final int max;
  private final Duration wait;
  private final long retryAfterSeconds;
  private final String busyMessage;

  /**
   * @param wait how long a caller may wait for a free slot before it is refused
   * @param retryAfter what the refusal's {@code Retry-After} header says
   * @param busyMessage the refusal's message, for the caller
   */
  public ConcurrencyLimit(int max, Duration wait, Duration retryAfter, String busyMessage) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.slots = new Semaphore(max, true);
    this.max = max;
    this.wait = wait;
    this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    this.busyMessage = busyMessage;
  }

  /**
   * Takes a slot; close the returned permit (once, from any thread) to give it back.
   *
   * @throws ApiException 503 with {@code Retry-After} when no slot frees up in time
   */
  public Permit acquire() {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    }
    if (!acquired) {
      throw busy();
    }
    return new Permit();
  }

  public int max() {
    return max;
  }

  /** Slots free right now. */
  public int available() {
    return slots.availablePermits();
  }

  private ApiException busy() {
    return ApiException.unavailable(busyMessage, retryAfterSeconds);
  }

  /** One taken slot. Closing it twice gives back one slot, not two. */
  public final class Permit implements AutoCloseable {
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Permit() {}

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        slots.release();
      }
    }
  }
}

package dev.minirag.jobs;

/** Thrown by a handler that stopped because its job was canceled (or its lease was lost). */
public class JobCanceledException extends RuntimeException {
  public JobCanceledException() {
    super("canceled", null, false, false);
  }
}

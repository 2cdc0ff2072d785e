package dev.minirag.jobs;

/** A failure whose message is written for the user and is stored as the job's last error. */
public class JobFailure extends RuntimeException {
  private final boolean retryable;

  public JobFailure(String publicMessage, boolean retryable) {
    super(publicMessage);
    this.retryable = retryable;
  }

  public JobFailure(String publicMessage, boolean retryable, Throwable cause) {
    super(publicMessage, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}

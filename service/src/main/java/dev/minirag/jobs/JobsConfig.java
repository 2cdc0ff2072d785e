package dev.minirag.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The job queue; each value is documented in the README. How many jobs a node runs at once is
 * {@code ingest.workers} ({@code INGEST_WORKERS}, 0 = this node only serves).
 */
public class JobsConfig {
  /**
   * How long a node holds a job without renewing it; a dead node's jobs are taken over after this.
   */
  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration leaseDuration = Duration.seconds(60);

  public Duration getLeaseDuration() {
    return leaseDuration;
  }

  public void setLeaseDuration(Duration leaseDuration) {
    this.leaseDuration = leaseDuration;
  }

  /** How often an idle worker looks for due jobs (a job queued on this node wakes it at once). */
  @JsonProperty
  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  private Duration pollInterval = Duration.seconds(1);

  public Duration getPollInterval() {
    return pollInterval;
  }

  /**
   * Delay before the first retry of a failed attempt; doubled per attempt up to {@link
   * #maxRetryBackoff}.
   */
  @JsonProperty @NotNull private Duration retryBackoff = Duration.seconds(10);

  public Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  @JsonProperty @NotNull private Duration maxRetryBackoff = Duration.minutes(30);

  public Duration getMaxRetryBackoff() {
    return maxRetryBackoff;
  }

  public void setMaxRetryBackoff(Duration maxRetryBackoff) {
    this.maxRetryBackoff = maxRetryBackoff;
  }

  @JsonProperty
  @Min(1)
  @Max(100)
  private int maxAttempts = 5;

  public int getMaxAttempts() {
    return maxAttempts;
  }

  /** How often a node with workers looks for URL and YouTube sources due for a re-sync. */
  @JsonProperty
  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration resyncScanInterval = Duration.minutes(1);

  public Duration getResyncScanInterval() {
    return resyncScanInterval;
  }

  /** Renewal well inside the lease, and often enough that a cancel is noticed within seconds. */
  public long heartbeatMillis() {
    return Math.min(leaseDuration.toMilliseconds() / 3, 5_000);
  }

  /**
   * The delay before retrying after {@code attempts} failed attempts: base * 2^(attempts-1),
   * capped.
   */
  public long backoffMillis(int attempts) {
    long base = retryBackoff.toMilliseconds();
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(maxRetryBackoff.toMilliseconds(), base << shift);
  }
}

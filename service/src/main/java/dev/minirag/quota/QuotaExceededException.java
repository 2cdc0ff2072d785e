package dev.minirag.quota;

import dev.minirag.common.ApiException;
import java.time.Instant;

/**
 * A request refused by a limit: 429 in the one error shape with {@code details: {limit, used, max,
 * resetAt}}, {@code Retry-After} when waiting frees the limit (daily and per-minute ones; a stored
 * limit frees only when something is deleted) and the {@code RateLimit-*} headers.
 */
public class QuotaExceededException extends ApiException {

  /** What the body's details say. {@code resetAt} is null for stored limits, which never reset. */
  public record Details(LimitName limit, long used, long max, Instant resetAt) {}

  public QuotaExceededException(Details details, Instant now) {
    super(429, message(details), details);
    long retryAfter =
        details.resetAt() == null
            ? -1
            : Math.max(
                1,
                (long)
                    Math.ceil(
                        java.time.Duration.between(now, details.resetAt()).toMillis() / 1000.0));
    withHeader("RateLimit-Limit", Long.toString(details.max()));
    withHeader("RateLimit-Remaining", "0");
    if (retryAfter > 0) {
      withHeader("Retry-After", Long.toString(retryAfter));
      withHeader("RateLimit-Reset", Long.toString(retryAfter));
    }
  }

  private static String message(Details d) {
    String base = "Limit reached: " + d.limit().wire() + " (" + d.used() + " of " + d.max() + ")";
    return switch (d.limit().period()) {
      case STORED -> base + "; delete sources or ask an administrator to raise the limit";
      case DAY -> base + "; it resets at " + d.resetAt();
      case MINUTE -> base + "; slow down and retry after " + d.resetAt();
    };
  }
}

package dev.minirag.quota;

import dev.minirag.access.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Clock;

/**
 * Applies the requests-per-minute limit to every authenticated API request (after the caller is
 * known, before the resource runs) and writes the {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset} headers on its answer. Anonymous requests
 * (sign-in, health) are not counted here.
 */
@Priority(Priorities.AUTHENTICATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

  private final QuotaService quota;
  private final RateLimiter limiter;
  private final QuotaMetrics metrics;
  private final Clock clock;

  public RateLimitFilter(
      QuotaService quota, RateLimiter limiter, QuotaMetrics metrics, Clock clock) {
    this.quota = quota;
    this.limiter = limiter;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The bucket a caller draws from: one per API key, one per signed-in user. */
  public static String bucketKey(Caller caller) {
    return caller.isApiKey() ? "key:" + caller.apiKeyId() : "user:" + caller.userId();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!quota.enabled()
        || !(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
      return;
    }
    long perMinute = quota.limitsFor(caller.workspaceId()).max(LimitName.REQUESTS_PER_MINUTE);
    if (perMinute <= 0) {
      return;
    }
    RateLimiter.Decision d = limiter.consume(bucketKey(caller), perMinute);
    if (!d.allowed()) {
      metrics.rejected(LimitName.REQUESTS_PER_MINUTE);
      throw new QuotaExceededException(
          new QuotaExceededException.Details(
              LimitName.REQUESTS_PER_MINUTE, perMinute, perMinute, d.resetAt()),
          clock.instant());
    }
    request.setProperty(DECISION, d);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    // A refusal by another limit already carries that limit's headers.
    if (request.getProperty(DECISION) instanceof RateLimiter.Decision d
        && !response.getHeaders().containsKey("RateLimit-Limit")) {
      response.getHeaders().putSingle("RateLimit-Limit", Long.toString(d.limit()));
      response.getHeaders().putSingle("RateLimit-Remaining", Long.toString(d.remaining()));
      response.getHeaders().putSingle("RateLimit-Reset", Long.toString(d.resetSeconds()));
    }
  }
}

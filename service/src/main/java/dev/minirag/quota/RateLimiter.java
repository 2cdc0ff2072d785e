package dev.minirag.quota;

import io.dropwizard.lifecycle.Managed;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per minute per API key and per signed-in user, as token buckets kept in PostgreSQL by
 * bucket4j, so every node draws from the same bucket. A bucket holds a minute's worth of requests
 * and refills continuously; a limit changed by an admin replaces the bucket's configuration on its
 * next use, keeping the tokens already spent.
 */
public class RateLimiter implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final int PURGE_BATCH = 1000;

  /** The outcome of one request: whether it may run, and what the RateLimit-* headers say. */
  public record Decision(
      boolean allowed, long limit, long remaining, long resetSeconds, Instant resetAt) {}

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private ScheduledExecutorService purger;

  public RateLimiter(DataSource dataSource) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(RestoringDataSource.wrap(dataSource))
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_buckets")
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            // An idle bucket is full again after a minute; its row can go then.
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofMinutes(1)))
            .build();
  }

  /** Every few minutes, removes the buckets of callers idle long enough to be full again. */
  @Override
  public void start() {
    purger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rate-limit-purge");
              t.setDaemon(true);
              return t;
            });
    purger.scheduleWithFixedDelay(this::purgeQuietly, 5, 5, TimeUnit.MINUTES);
  }

  @Override
  public void stop() {
    purger.shutdownNow();
  }

  /** Removes expired buckets, a batch at a time; returns how many went. */
  int purgeExpired() {
    int total = 0;
    int removed;
    do {
      removed = buckets.removeExpired(PURGE_BATCH);
      total += removed;
    } while (removed == PURGE_BATCH);
    return total;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      // The next run tries again; a failed purge costs only table space.
      LOG.warn("Purging expired rate-limit buckets failed", e);
    }
  }

  /** Takes one request from the bucket {@code key} holding {@code perMinute} requests. */
  public Decision consume(String key, long perMinute) {
    ConsumptionProbe probe = bucket(key, perMinute).tryConsumeAndReturnRemaining(1);
    long waitNanos =
        probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
    long seconds =
        Math.max(probe.isConsumed() ? 0 : 1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new Decision(
        probe.isConsumed(),
        perMinute,
        probe.getRemainingTokens(),
        seconds,
        Instant.now().plusNanos(waitNanos));
  }

  /** What is left in the bucket without taking anything. */
  public long available(String key, long perMinute) {
    return bucket(key, perMinute).getAvailableTokens();
  }

  /**
   * A proxy per call: bucket4j 8.18's batching optimization (a shared proxy whose concurrent calls
   * share one round trip) failed the first concurrent requests of a new caller with "Bucket does
   * not exist" instead of creating the bucket, so every call goes to PostgreSQL on its own.
   */
  private io.github.bucket4j.Bucket bucket(String key, long perMinute) {
    BucketConfiguration config =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(perMinute)
                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                    .build())
            .build();
    return buckets
        .builder()
        .withImplicitConfigurationReplacement(perMinute, TokensInheritanceStrategy.AS_IS)
        .build(key, () -> config);
  }
}

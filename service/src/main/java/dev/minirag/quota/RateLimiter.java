package dev.minirag.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Requests per minute per API key and per signed-in user, as token buckets kept in PostgreSQL by
 * bucket4j, so every node draws from the same bucket. A bucket holds a minute's worth of requests
 * and refills continuously; a limit changed by an admin replaces the bucket's configuration on its
 * next use, keeping the tokens already spent.
 */
public class RateLimiter {

  /** The outcome of one request: whether it may run, and what the RateLimit-* headers say. */
  public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, Instant resetAt) {}

  private final ProxyManager<String> buckets;
  private final Cache<ProxyKey, io.github.bucket4j.Bucket> proxies =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(5)).build();

  public RateLimiter(DataSource dataSource) {
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(RestoringDataSource.wrap(dataSource))
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("rate_limit_buckets")
        .idColumn("id")
        .stateColumn("state")
        .expiresAtColumn("expires_at")
        // An idle bucket is full again after a minute; its row can go then.
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
        .build();
  }

  /** Takes one request from the bucket {@code key} holding {@code perMinute} requests. */
  public Decision consume(String key, long perMinute) {
    ConsumptionProbe probe = bucket(key, perMinute).tryConsumeAndReturnRemaining(1);
    long waitNanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
    long seconds = Math.max(probe.isConsumed() ? 0 : 1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), seconds,
        Instant.now().plusNanos(waitNanos));
  }

  /** What is left in the bucket without taking anything. */
  public long available(String key, long perMinute) {
    return bucket(key, perMinute).getAvailableTokens();
  }

  private io.github.bucket4j.Bucket bucket(String key, long perMinute) {
    // One proxy per caller and limit, kept while in use: batching happens inside a proxy instance.
    return proxies.get(new ProxyKey(key, perMinute), k -> newProxy(k.key(), k.perMinute()));
  }

  private record ProxyKey(String key, long perMinute) {}

  private io.github.bucket4j.Bucket newProxy(String key, long perMinute) {
    BucketConfiguration config = BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
        .build();
    return buckets.builder()
        // Concurrent requests of one caller on this node share one database round trip instead of
        // queueing on the bucket's row lock; still exact (no local guessing of the remaining tokens).
        .withOptimization(Optimizations.batching())
        .withImplicitConfigurationReplacement(perMinute, TokensInheritanceStrategy.AS_IS)
        .build(key, () -> config);
  }
}

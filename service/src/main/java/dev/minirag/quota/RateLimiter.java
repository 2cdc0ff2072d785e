package dev.minirag.quota;

import io.dropwizard.lifecycle.Managed;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per minute per API key and per signed-in user, as token buckets kept in PostgreSQL, so
 * every node draws from the same bucket. A bucket holds a minute's worth of requests and refills
 * continuously; a limit changed by an admin applies on the bucket's next use, keeping the tokens
 * already spent.
 */
public class RateLimiter implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final int PURGE_BATCH = 1000;
  private static final double NANOS_PER_MINUTE = 60e9;

  /** The outcome of one request: whether it may run, and what the RateLimit-* headers say. */
  public record Decision(
      boolean allowed, long limit, long remaining, long resetSeconds, Instant resetAt) {}

  private final RequestBucketDao buckets;
  private ScheduledExecutorService purger;

  public RateLimiter(Jdbi jdbi) {
    this.buckets = jdbi.onDemand(RequestBucketDao.class);
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

  /** Removes idle buckets, a batch at a time; returns how many went. */
  int purgeExpired() {
    int total = 0;
    int removed;
    do {
      removed = buckets.purgeIdle(PURGE_BATCH);
      total += removed;
    } while (removed == PURGE_BATCH);
    return total;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      // The next run tries again; a failed purge costs only table space.
      LOG.warn("Purging idle rate-limit buckets failed", e);
    }
  }

  /**
   * Takes one request from the bucket {@code key} holding {@code perMinute} requests. Allowed, the
   * reset is when the bucket is full again; refused, when the next token arrives.
   */
  public Decision consume(String key, long perMinute) {
    RequestBucketDao.Taken taken = buckets.take(key, perMinute);
    double missing = taken.granted() ? perMinute - taken.tokens() : 1 - taken.tokens();
    long waitNanos = (long) Math.ceil(Math.max(0, missing) * NANOS_PER_MINUTE / perMinute);
    long seconds = Math.max(taken.granted() ? 0 : 1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new Decision(
        taken.granted(),
        perMinute,
        (long) Math.floor(taken.tokens()),
        seconds,
        Instant.now().plusNanos(waitNanos));
  }

  /** What is left in the bucket without taking anything. */
  public long available(String key, long perMinute) {
    return buckets.level(key, perMinute).map(l -> (long) Math.floor(l)).orElse(perMinute);
  }
}

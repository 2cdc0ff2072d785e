package dev.minirag.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Buckets of callers gone quiet are removed, so the table holds only the recently active ones. */
class RateLimiterPurgeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void expiredBucketsArePurgedAndActiveOnesKept() {
    RateLimiter limiter = new RateLimiter(DB.dataSource());
    assertThat(limiter.consume("key:quiet", 10).allowed()).isTrue();
    assertThat(limiter.consume("key:active", 10).allowed()).isTrue();
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    // The quiet caller's bucket refilled long ago: what bucket4j's expiry marks, set back in time.
    jdbi.useHandle(
        h -> h.execute("UPDATE rate_limit_buckets SET expires_at = 0 WHERE id = 'key:quiet'"));

    assertThat(limiter.purgeExpired()).isEqualTo(1);
    java.util.List<String> left =
        jdbi.withHandle(
            h -> h.createQuery("SELECT id FROM rate_limit_buckets").mapTo(String.class).list());
    assertThat(left).containsExactly("key:active");
    assertThat(limiter.consume("key:quiet", 10).remaining())
        .as("a purged caller starts with a full bucket")
        .isEqualTo(9);
  }
}

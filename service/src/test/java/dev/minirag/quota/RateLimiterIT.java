package dev.minirag.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request buckets in PostgreSQL: spending, refilling, limits changed, concurrency, purge. */
class RateLimiterIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private final Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
  private final RateLimiter limiter = new RateLimiter(jdbi);

  @Test
  void aBucketSpendsItsMinuteThenRefusesUntilTheNextToken() {
    for (int i = 4; i >= 0; i--) {
      RateLimiter.Decision ok = limiter.consume("key:spend", 5);
      assertThat(ok.allowed()).isTrue();
      assertThat(ok.remaining()).isEqualTo(i);
      assertThat(ok.limit()).isEqualTo(5);
    }
    RateLimiter.Decision refused = limiter.consume("key:spend", 5);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    // Five a minute: a token every 12 s, of which a little has already passed.
    assertThat(refused.resetSeconds()).isBetween(1L, 12L);
    assertThat(limiter.available("key:spend", 5)).isZero();
  }

  @Test
  void anEmptyBucketRefillsInProportionToTheTimePassed() {
    for (int i = 0; i < 6; i++) {
      limiter.consume("key:refill", 6);
    }
    setBack("key:refill", 30);
    // Half a minute of six a minute: three tokens (a fraction more for the test's own time).
    assertThat(limiter.available("key:refill", 6)).isEqualTo(3);
    setBack("key:refill", 600);
    assertThat(limiter.available("key:refill", 6)).as("never above capacity").isEqualTo(6);
    assertThat(limiter.available("key:never-seen", 6)).isEqualTo(6);
  }

  @Test
  void aLoweredLimitCapsTheTokensLeftAndARaisedOneKeepsThoseSpent() {
    limiter.consume("key:changed", 10);
    RateLimiter.Decision lowered = limiter.consume("key:changed", 3);
    assertThat(lowered.allowed()).isTrue();
    assertThat(lowered.remaining()).isEqualTo(2);
    RateLimiter.Decision raised = limiter.consume("key:changed", 100);
    assertThat(raised.remaining()).as("1 left, plus a refill of a few ms").isEqualTo(1);
  }

  @Test
  void concurrentRequestsNeverTakeMoreThanTheBucketHolds() throws Exception {
    int capacity = 20;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    List<Future<Integer>> granted = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      granted.add(
          pool.submit(
              () -> {
                int n = 0;
                for (int i = 0; i < 10; i++) {
                  n += limiter.consume("key:race", capacity).allowed() ? 1 : 0;
                }
                return n;
              }));
    }
    int total = 0;
    for (Future<Integer> f : granted) {
      total += f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    // 80 tries at a bucket of 20: all of it, and no more than what refilled while they ran.
    assertThat(total).isBetween(capacity, capacity + (int) (seconds * capacity / 60));
  }

  @Test
  void idleBucketsArePurgedAndActiveOnesKept() {
    assertThat(limiter.consume("key:quiet", 10).allowed()).isTrue();
    assertThat(limiter.consume("key:active", 10).allowed()).isTrue();
    limiter.purgeExpired(); // what other tests left idle
    setBack("key:quiet", 120);

    assertThat(limiter.purgeExpired()).isEqualTo(1);
    List<String> left =
        jdbi.withHandle(
            h -> h.createQuery("SELECT id FROM request_buckets").mapTo(String.class).list());
    assertThat(left).contains("key:active").doesNotContain("key:quiet");
    assertThat(limiter.consume("key:quiet", 10).remaining())
        .as("a purged caller starts with a full bucket")
        .isEqualTo(9);
  }

  /** Moves a bucket's last use back in time, as if the caller had been quiet that long. */
  private void setBack(String id, int seconds) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE request_buckets SET refilled_at = refilled_at - make_interval(secs => :s)"
                        + " WHERE id = :id")
                .bind("s", seconds)
                .bind("id", id)
                .execute());
  }
}

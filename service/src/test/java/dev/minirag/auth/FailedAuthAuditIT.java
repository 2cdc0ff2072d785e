package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.audit.AuditDao;
import dev.minirag.audit.AuditLog;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flood of bad credentials cannot fill the audit table, and is still recorded as a count. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailedAuthAuditIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of());

  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-05T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private IdentityFixtures fixtures() {
    return new IdentityFixtures(DB, "unused");
  }

  @Test
  @Order(1)
  void aFloodOfBadApiKeysOverHttpWritesABoundedNumberOfRows() {
    Api api = new Api(APP.getLocalPort());
    for (int i = 0; i < 300; i++) {
      Api.Resp r =
          api.get("/api/v1/sources", Map.of("X-API-Key", "mrk_bogus" + i + "_" + "x".repeat(30)));
      assertThat(r.status()).isEqualTo(401);
    }
    long rows =
        fixtures()
            .count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'method' = 'api_key'");
    // One minute window started with the app; should the flood straddle its end, two windows.
    assertThat(rows).isBetween((long) FailedAuthAudit.PER_CLIENT, 2L * FailedAuthAudit.PER_CLIENT);
  }

  @Test
  @Order(2)
  void theRestIsWrittenAsOneCountPerAddressOnceTheMinuteIsOver() {
    IdentityFixtures f = fixtures();
    f.exec("DELETE FROM audit_events");
    TestClock clock = new TestClock();
    FailedAuthAudit throttle =
        new FailedAuthAudit(
            new AuditLog(f.jdbi.onDemand(AuditDao.class), new ObjectMapper()), clock);

    for (int i = 0; i < 1_000; i++) {
      throttle.failed("203.0.113.66", null, "api_key", "invalid, revoked or expired key");
    }
    throttle.failed("192.0.2.10", null, "session", "invalid or expired token");
    // Not counting aggregated rows: the running app's own throttle may flush some meanwhile.
    assertThat(
            f.count("SELECT count(*) FROM audit_events WHERE details->>'method' <> 'aggregated'"))
        .isEqualTo(FailedAuthAudit.PER_CLIENT + 1);
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE details->>'method' = 'session'"))
        .isEqualTo(1);

    throttle.flush(false); // the minute is not over: nothing yet
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE details->>'method' = 'aggregated'"
                    + " AND details->>'client' = '203.0.113.66'"))
        .isZero();

    clock.now = clock.now.plus(FailedAuthAudit.WINDOW);
    throttle.flush(false);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE details->>'method' = 'aggregated'"
                    + " AND details->>'client' = '203.0.113.66'"))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE details->>'method' = 'aggregated' AND details->>'client' = '203.0.113.66'"
                    + " AND (details->>'count')::int = 980 AND (details->'failures'->>'api_key: invalid, revoked or expired key')::int = 980"))
        .isEqualTo(1);

    // A new minute: the address gets its individual rows again.
    throttle.failed("203.0.113.66", null, "api_key", "invalid, revoked or expired key");
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE details->>'method' = 'api_key'"))
        .isEqualTo(FailedAuthAudit.PER_CLIENT + 1);
  }

  @Test
  @Order(3)
  void manyAddressesTogetherStillWriteAtMostTheOverallBudgetPerMinute() {
    IdentityFixtures f = fixtures();
    f.exec("DELETE FROM audit_events");
    TestClock clock = new TestClock();
    FailedAuthAudit throttle =
        new FailedAuthAudit(
            new AuditLog(f.jdbi.onDemand(AuditDao.class), new ObjectMapper()), clock);
    for (int i = 0; i < 2_000; i++) {
      throttle.failed(
          "10.0." + (i / 250) + "." + (i % 250),
          null,
          "api_key",
          "invalid, revoked or expired key");
    }
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE details->>'method' = 'api_key'"))
        .isEqualTo(FailedAuthAudit.PER_WINDOW);
    throttle.flush(true);
    assertThat(
            f.count(
                // Only this throttle's addresses: the running app's own throttle flushes what the
                // earlier tests' requests left, on the real clock, into the same table.
                "SELECT coalesce(sum((details->>'count')::int), 0) FROM audit_events WHERE details->>'method' = 'aggregated'"
                    + " AND details->>'client' LIKE '10.0.%'"))
        .isEqualTo(2_000 - FailedAuthAudit.PER_WINDOW);
  }
}

package dev.minirag.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

class JobsConfigTest {

  @Test
  void backoffDoublesPerAttemptUpToTheCap() {
    JobsConfig c = new JobsConfig();
    c.setRetryBackoff(Duration.seconds(10));
    c.setMaxRetryBackoff(Duration.minutes(1));
    assertThat(c.backoffMillis(1)).isEqualTo(10_000);
    assertThat(c.backoffMillis(2)).isEqualTo(20_000);
    assertThat(c.backoffMillis(3)).isEqualTo(40_000);
    assertThat(c.backoffMillis(4)).isEqualTo(60_000);
    assertThat(c.backoffMillis(99)).as("no overflow past the cap").isEqualTo(60_000);
  }

  @Test
  void theHeartbeatRenewsWellInsideTheLeaseAndAtLeastEveryFiveSeconds() {
    JobsConfig c = new JobsConfig();
    c.setLeaseDuration(Duration.seconds(3));
    assertThat(c.heartbeatMillis()).isEqualTo(1_000);
    c.setLeaseDuration(Duration.minutes(10));
    assertThat(c.heartbeatMillis()).isEqualTo(5_000);
  }

  @Test
  void wireNamesRoundTrip() {
    for (JobKind k : JobKind.values()) {
      assertThat(JobKind.fromWire(k.wire())).contains(k);
    }
    for (JobStatus s : JobStatus.values()) {
      assertThat(JobStatus.fromWire(s.wire())).contains(s);
    }
    assertThat(JobKind.fromWire("EMBED")).isEmpty();
    assertThat(JobStatus.QUEUED.finished()).isFalse();
    assertThat(JobStatus.CANCELED.finished()).isTrue();
  }
}

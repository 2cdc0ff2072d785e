package dev.minirag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which PostgreSQL processes a bench charges to itself, by their process titles. */
class CpuClockTest {

  @Test
  void countsItsOwnDatabasesBackendsAndTheSharedProcessesOnly() {
    String own = "minirag_bench_x_1";
    assertThat(
            CpuClock.counts(
                "postgres: 15/main: minirag minirag_bench_x_1 127.0.0.1(4083) idle", own))
        .isTrue();
    assertThat(CpuClock.counts("postgres: 15/main: minirag minirag_bench_x_1 [local] SELECT", own))
        .isTrue();
    assertThat(CpuClock.counts("postgres: 15/main: autovacuum worker minirag_bench_x_1", own))
        .isTrue();
    assertThat(CpuClock.counts("postgres: 15/main: minirag minirag_test 127.0.0.1(5012) idle", own))
        .isFalse();
    assertThat(CpuClock.counts("postgres: 15/main: autovacuum worker minirag_test", own)).isFalse();
    assertThat(CpuClock.counts("postgres: 15/main: walwriter", own)).isTrue();
    assertThat(CpuClock.counts("postgres: 15/main: logical replication launcher", own)).isTrue();
    assertThat(CpuClock.counts("/usr/lib/postgresql/15/bin/postgres -D /var/lib/x", own)).isTrue();
  }
}

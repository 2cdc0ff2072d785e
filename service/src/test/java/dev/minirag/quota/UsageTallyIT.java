package dev.minirag.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.tenancy.TenancyDao;
import dev.minirag.testing.TestDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily ask and search counters: exact under concurrency, committed without a WAL flush. */
class UsageTallyIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static final LocalDate DAY = LocalDate.parse("2026-12-06");

  private final Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
  private final UsageTallyDao tally = jdbi.onDemand(UsageTallyDao.class);

  @Test
  void concurrentCountsAreExactAndStopAtTheLimit() throws Exception {
    UUID ws = workspace("counted");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> granted = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        granted.add(
            pool.submit(
                () -> {
                  int n = 0;
                  for (int i = 0; i < 25; i++) {
                    n += tally.countSearches(ws, DAY, 1, 150).isPresent() ? 1 : 0;
                    tally.countAsks(ws, DAY, 1, 0);
                  }
                  return n;
                }));
      }
      int total = 0;
      for (Future<Integer> f : granted) {
        total += f.get();
      }
      assertThat(total).isEqualTo(150);
    } finally {
      pool.shutdownNow();
    }
    assertThat(tally.daily(ws, DAY)).contains(new QuotaDao.Daily(0, 200, 150));
    assertThat(tally.countSearches(ws, DAY, 1, 150)).isEmpty();
    assertThat(tally.countSearches(ws, DAY, 1, 0)).contains(151L);
  }

  @Test
  void aCountCommitsWithoutWaitingForTheWalAndOnlyItself() {
    UUID ws = workspace("async");
    List<String> settings =
        jdbi.withHandle(
            h -> {
              String asked = "SELECT current_setting('synchronous_commit')";
              String before = h.createQuery(asked).mapTo(String.class).one();
              Optional<String> inside =
                  h.inTransaction(
                      t -> {
                        t.attach(UsageTallyDao.class).countSearches(ws, DAY, 1, 0);
                        return Optional.of(t.createQuery(asked).mapTo(String.class).one());
                      });
              String after = h.createQuery(asked).mapTo(String.class).one();
              return List.of(before, inside.orElseThrow(), after);
            });
    assertThat(settings).containsExactly("on", "off", "on");
    assertThat(tally.daily(ws, DAY).map(QuotaDao.Daily::searches)).contains(1L);
  }

  private UUID workspace(String name) {
    TenancyDao tenancy = jdbi.onDemand(TenancyDao.class);
    return tenancy.insertWorkspace(tenancy.insertOrganization(name), name).id();
  }
}

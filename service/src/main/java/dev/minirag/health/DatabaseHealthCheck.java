package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** The database answers a trivial query. */
public class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public DatabaseHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    int one = jdbi.onDemand(HealthDao.class).selectOne();
    return one == 1 ? Result.healthy() : Result.unhealthy("unexpected answer to SELECT 1");
  }
}

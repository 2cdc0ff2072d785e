package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;

/** The database answers a trivial query. */
public class DatabaseHealthCheck extends HealthCheck {
  private final HealthDao dao;

  public DatabaseHealthCheck(HealthDao dao) {
    this.dao = dao;
  }

  @Override
  protected Result check() {
    int one = dao.selectOne();
    return one == 1 ? Result.healthy() : Result.unhealthy("unexpected answer to SELECT 1");
  }
}

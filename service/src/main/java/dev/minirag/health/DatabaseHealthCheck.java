package dev.minirag.health;

/** The database answers a trivial query. */
public class DatabaseHealthCheck extends DatabaseCheck {
  private final HealthDao dao;

  public DatabaseHealthCheck(HealthDao dao) {
    this.dao = dao;
  }

  @Override
  protected Result query() {
    int one = dao.selectOne();
    return one == 1 ? Result.healthy() : Result.unhealthy("unexpected answer to SELECT 1");
  }
}

package dev.minirag.health;

import java.util.Optional;

/** The pgvector extension is installed in the service's database. */
public class PgvectorHealthCheck extends DatabaseCheck {
  private final HealthDao dao;

  public PgvectorHealthCheck(HealthDao dao) {
    this.dao = dao;
  }

  @Override
  protected Result query() {
    Optional<String> version = dao.pgvectorVersion();
    return version
        .map(v -> Result.healthy("pgvector " + v))
        .orElseGet(() -> Result.unhealthy("pgvector extension is not installed in this database"));
  }
}

package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The pgvector extension is installed in the service's database. */
public class PgvectorHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public PgvectorHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    Optional<String> version = jdbi.onDemand(HealthDao.class).pgvectorVersion();
    return version
        .map(v -> Result.healthy("pgvector " + v))
        .orElseGet(() -> Result.unhealthy("pgvector extension is not installed in this database"));
  }
}

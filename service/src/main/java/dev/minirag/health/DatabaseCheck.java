package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;
import dev.minirag.common.db.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check that asks the database. Health is public, so a failure is described without the driver's
 * message (which names the server's host and port): "cannot reach the database" while it is down,
 * otherwise a pointer to the log, where the failure is written in full.
 */
abstract class DatabaseCheck extends HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheck.class);

  static final String UNREACHABLE = "cannot reach the database";

  @Override
  protected final Result check() {
    try {
      return query();
    } catch (Exception e) {
      if (DatabaseUnavailable.causes(e)) {
        return Result.unhealthy(UNREACHABLE);
      }
      LOG.error("Health check {} failed", getClass().getSimpleName(), e);
      return Result.unhealthy("the check failed; the server log has the details");
    }
  }

  protected abstract Result query() throws Exception;
}

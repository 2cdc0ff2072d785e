package dev.minirag.health;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the database health checks ask PostgreSQL. */
public interface HealthDao {
  @SqlQuery("SELECT 1")
  int selectOne();

  @SqlQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
  Optional<String> pgvectorVersion();
}

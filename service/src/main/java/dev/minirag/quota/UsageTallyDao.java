package dev.minirag.quota;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The usage counters every search, answer and stored source reads or moves, apart from {@link
 * QuotaDao}: JDBI builds a handler for every method of a SqlObject each time one is attached (every
 * on-demand call), and with QuotaDao's eighteen methods that cost more CPU than the statement
 * itself on the search path. Every daily increment is one statement that checks and counts at once,
 * so nodes sharing the database can never overshoot together.
 */
public interface UsageTallyDao {

  @SqlQuery("SELECT sources, chunks FROM workspace_usage WHERE workspace_id = :ws")
  @RegisterConstructorMapper(QuotaDao.Stored.class)
  Optional<QuotaDao.Stored> stored(@Bind("ws") UUID workspaceId);

  /**
   * Locks the workspace's stored counters until the transaction ends: stores are serialized per
   * workspace.
   */
  @SqlQuery("SELECT sources, chunks FROM workspace_usage WHERE workspace_id = :ws FOR UPDATE")
  @RegisterConstructorMapper(QuotaDao.Stored.class)
  Optional<QuotaDao.Stored> lockStored(@Bind("ws") UUID workspaceId);

  @SqlQuery(
      """
      SELECT upload_bytes, asks, searches FROM usage_daily WHERE workspace_id = :ws AND day = :day
      """)
  @RegisterConstructorMapper(QuotaDao.Daily.class)
  Optional<QuotaDao.Daily> daily(@Bind("ws") UUID workspaceId, @Bind("day") LocalDate day);

  /**
   * The new count, or empty when counting {@code n} more would pass {@code max} (0 = unlimited).
   * One statement per counter column: a column name cannot be a bound parameter, and SQL here is
   * never built from strings.
   *
   * <p>The ask and search counters commit without waiting for the WAL to reach the disk ({@code
   * synchronous_commit} off for this statement's own transaction; call them outside a transaction).
   * Every request of a workspace updates the same row and holds its lock until the commit, so
   * waiting for the flush queued a workspace's requests behind one another: 4 clients counted 3,900
   * a second with the wait and 23,600 without (docs/benchmarks.md, "Vectors in the row, fewer round
   * trips, the daily counter"). A crash of PostgreSQL can forget the counts of its last fraction of
   * a second (at most three {@code wal_writer_delay}s); the table is never left inconsistent.
   */
  @SqlQuery(
      """
      INSERT INTO usage_daily AS u (workspace_id, day, asks)
      SELECT :ws, :day, :n FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async
      ON CONFLICT (workspace_id, day) DO UPDATE SET asks = u.asks + :n
      WHERE :max = 0 OR u.asks + :n <= :max
      RETURNING asks
      """)
  Optional<Long> countAsks(
      @Bind("ws") UUID workspaceId,
      @Bind("day") LocalDate day,
      @Bind("n") long n,
      @Bind("max") long max);

  @SqlQuery(
      """
      INSERT INTO usage_daily AS u (workspace_id, day, searches)
      SELECT :ws, :day, :n FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async
      ON CONFLICT (workspace_id, day) DO UPDATE SET searches = u.searches + :n
      WHERE :max = 0 OR u.searches + :n <= :max
      RETURNING searches
      """)
  Optional<Long> countSearches(
      @Bind("ws") UUID workspaceId,
      @Bind("day") LocalDate day,
      @Bind("n") long n,
      @Bind("max") long max);

  @SqlQuery(
      """
      INSERT INTO usage_daily AS u (workspace_id, day, upload_bytes) VALUES (:ws, :day, :n)
      ON CONFLICT (workspace_id, day) DO UPDATE SET upload_bytes = u.upload_bytes + :n
      WHERE :max = 0 OR u.upload_bytes + :n <= :max
      RETURNING upload_bytes
      """)
  Optional<Long> countUploadBytes(
      @Bind("ws") UUID workspaceId,
      @Bind("day") LocalDate day,
      @Bind("n") long n,
      @Bind("max") long max);

  /** Only the first ask writes: later ones find the column set and change nothing. */
  @SqlUpdate(
      "UPDATE workspace_usage SET first_ask_at = now() WHERE workspace_id = :ws AND first_ask_at IS NULL")
  int markAsked(@Bind("ws") UUID workspaceId);
}

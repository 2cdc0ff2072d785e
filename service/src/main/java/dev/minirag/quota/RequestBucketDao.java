package dev.minirag.quota;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Token buckets of requests per minute, one row per caller (migration 013). Taking a token is one
 * upsert: the row lock of ON CONFLICT serializes a caller's concurrent requests on every node, and
 * each sees the level the previous one left.
 */
public interface RequestBucketDao {

  /** The bucket after this request: its level, and whether the request got a token. */
  record Taken(double tokens, boolean granted) {}

  @SqlQuery(
      """
      INSERT INTO request_buckets AS b (id, tokens, refilled_at, granted)
      VALUES (:id, :capacity - 1, now(), true)
      ON CONFLICT (id) DO UPDATE SET
        granted = request_bucket_level(b.tokens, b.refilled_at, :capacity) >= 1,
        tokens = request_bucket_level(b.tokens, b.refilled_at, :capacity)
          - CASE WHEN request_bucket_level(b.tokens, b.refilled_at, :capacity) >= 1 THEN 1 ELSE 0 END,
        refilled_at = GREATEST(b.refilled_at, now())
      RETURNING tokens, granted
      """)
  @RegisterConstructorMapper(Taken.class)
  Taken take(@Bind("id") String id, @Bind("capacity") long capacity);

  @SqlQuery(
      "SELECT request_bucket_level(tokens, refilled_at, :capacity) FROM request_buckets WHERE id = :id")
  Optional<Double> level(@Bind("id") String id, @Bind("capacity") long capacity);

  /**
   * Removes up to {@code limit} buckets untouched for a minute: full again at any capacity, so a
   * missing row means the same. The outer condition is checked again on the locked row, so a bucket
   * used meanwhile stays.
   */
  @SqlUpdate(
      """
      DELETE FROM request_buckets WHERE refilled_at < now() - interval '1 minute'
        AND id IN (SELECT id FROM request_buckets
                   WHERE refilled_at < now() - interval '1 minute' LIMIT :limit)
      """)
  int purgeIdle(@Bind("limit") int limit);
}

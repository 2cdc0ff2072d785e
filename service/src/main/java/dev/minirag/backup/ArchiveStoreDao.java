package dev.minirag.backup;

import dev.minirag.common.db.FansOut;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Archives kept in PostgreSQL for export and import jobs, in parts
 * (db/changelog/009-backup-jobs.sql).
 */
@RegisterConstructorMapper(ArchiveStoreDao.StoredArchive.class)
public interface ArchiveStoreDao {

  record StoredArchive(
      UUID id,
      UUID workspaceId,
      String kind,
      UUID jobId,
      long byteSize,
      boolean complete,
      OffsetDateTime createdAt) {}

  @SqlQuery(
      """
      INSERT INTO backup_archives (workspace_id, kind, job_id) VALUES (:ws, :kind, CAST(:job AS uuid))
      RETURNING id
      """)
  UUID create(@Bind("ws") UUID workspace, @Bind("kind") String kind, @Bind("job") UUID job);

  @SqlUpdate(
      """
      INSERT INTO backup_archive_parts (workspace_id, archive_id, seq, data)
      VALUES (:ws, :id, :seq, :data)
      """)
  void insertPart(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("seq") int seq,
      @Bind("data") byte[] data);

  @SqlUpdate(
      "UPDATE backup_archives SET complete = true, byte_size = :size WHERE workspace_id = :ws AND id = :id")
  int complete(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("size") long size);

  @SqlQuery(
      "SELECT data FROM backup_archive_parts WHERE workspace_id = :ws AND archive_id = :id AND seq = :seq")
  Optional<byte[]> part(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("seq") int seq);

  @SqlQuery("SELECT * FROM backup_archives WHERE id = :id AND workspace_id = :ws")
  Optional<StoredArchive> find(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  @SqlQuery("SELECT * FROM backup_archives WHERE job_id = :job AND workspace_id = :ws")
  Optional<StoredArchive> forJob(@Bind("ws") UUID workspace, @Bind("job") UUID job);

  @SqlUpdate("DELETE FROM backup_archives WHERE workspace_id = :ws AND id = :id")
  int delete(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  @SqlUpdate("DELETE FROM backup_archives WHERE workspace_id = :ws AND job_id = :job")
  int deleteForJob(@Bind("ws") UUID workspace, @Bind("job") UUID job);

  /**
   * Removes up to {@code limit} archives older than the retention, oldest first; their parts go
   * with them.
   */
  @FansOut("the retention sweep removes old archives of every workspace")
  @SqlUpdate(
      """
      DELETE FROM backup_archives WHERE id IN (
        SELECT id FROM backup_archives WHERE created_at < now() - :retentionMillis * interval '1 millisecond'
        ORDER BY created_at LIMIT :limit)
      """)
  int deleteOlderThan(@Bind("retentionMillis") long retentionMillis, @Bind("limit") int limit);
}

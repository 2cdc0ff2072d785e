package dev.minirag.jobs;

import dev.minirag.common.db.FansOut;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(JobMapper.class)
public interface JobDao {

  /**
   * Empty when a job of this kind for this subject is already waiting (the unique partial index).
   */
  @SqlQuery(
      """
      INSERT INTO jobs (workspace_id, kind, subject_id, payload, max_attempts, created_by)
      VALUES (:ws, :kind, CAST(:subject AS uuid), CAST(:payload AS jsonb), :maxAttempts, CAST(:createdBy AS uuid))
      ON CONFLICT (workspace_id, kind, subject_id) WHERE status = 'queued' AND subject_id IS NOT NULL DO NOTHING
      RETURNING id
      """)
  Optional<UUID> insert(
      @Bind("ws") UUID workspace,
      @Bind("kind") String kind,
      @Bind("subject") UUID subject,
      @Bind("payload") String payload,
      @Bind("maxAttempts") int maxAttempts,
      @Bind("createdBy") UUID createdBy);

  /**
   * Queues an embed job for every unfinished source that has none waiting or running: a source
   * whose job ended without finishing it, or rows written by hand. Returns how many were queued.
   */
  @FansOut("at startup, every workspace's unfinished sources are queued again")
  @SqlUpdate(
      """
      INSERT INTO jobs (workspace_id, kind, subject_id, max_attempts, created_by)
      SELECT s.workspace_id, 'embed', s.id, :maxAttempts, s.created_by FROM sources s
      WHERE s.status IN ('pending', 'embedding')
        AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.workspace_id = s.workspace_id AND j.kind = 'embed' AND j.subject_id = s.id AND j.status IN ('queued', 'running'))
      ON CONFLICT (workspace_id, kind, subject_id) WHERE status = 'queued' AND subject_id IS NOT NULL DO NOTHING
      """)
  int queueUnfinishedSources(@Bind("maxAttempts") int maxAttempts);

  @SqlQuery(
      "SELECT id FROM jobs WHERE workspace_id = :ws AND kind = :kind AND subject_id = :subject AND status = 'queued'")
  Optional<UUID> queuedFor(
      @Bind("ws") UUID workspace, @Bind("kind") String kind, @Bind("subject") UUID subject);

  /**
   * Takes the oldest due job of the given kinds, or one whose node stopped renewing its lease, and
   * leases it to {@code owner}. SKIP LOCKED: nodes claiming at once each get a different row.
   */
  @FansOut("the queue is shared: a node takes the next due job of any workspace")
  @SqlQuery(
      """
      WITH next AS (
        SELECT workspace_id, id FROM jobs
        WHERE kind = ANY(:kinds)
          AND ((status = 'queued' AND run_after <= now())
               OR (status = 'running' AND lease_until < now() AND attempts < max_attempts))
        ORDER BY CASE WHEN status = 'running' THEN lease_until ELSE run_after END, created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, lease_owner = :owner,
             lease_until = now() + :leaseMillis * interval '1 millisecond',
             started_at = coalesce(j.started_at, now()), updated_at = now()
      FROM next WHERE j.workspace_id = next.workspace_id AND j.id = next.id
      RETURNING j.*
      """)
  Optional<Job> claim(
      @Bind("kinds") String[] kinds,
      @Bind("owner") String owner,
      @Bind("leaseMillis") long leaseMillis);

  /** A job whose node died on its last attempt is not run again: it fails. */
  @FansOut("any node fails abandoned jobs of every workspace, as it claims from every workspace")
  @SqlUpdate(
      """
      UPDATE jobs SET status = 'failed', finished_at = now(), updated_at = now(), lease_owner = NULL, lease_until = NULL,
             last_error = 'the job was interrupted on every attempt (' || attempts || '); it was not retried again'
      WHERE status = 'running' AND lease_until < now() AND attempts >= max_attempts
      """)
  int failAbandoned();

  /** Extends the lease and stores progress; empty when this node no longer holds the job. */
  @SqlQuery(
      """
      UPDATE jobs SET lease_until = now() + :leaseMillis * interval '1 millisecond',
             progress_done = :done, progress_total = :total, updated_at = now()
      WHERE workspace_id = :ws AND id = :id AND lease_owner = :owner AND status = 'running'
      RETURNING cancel_requested
      """)
  Optional<Boolean> renew(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("owner") String owner,
      @Bind("leaseMillis") long leaseMillis,
      @Bind("done") long done,
      @Bind("total") long total);

  /**
   * The finishing node stays in lease_owner: the last node that ran the job, for logs and tests.
   */
  @SqlUpdate(
      """
      UPDATE jobs SET status = :status, result = CAST(:result AS jsonb), last_error = :error,
             progress_done = greatest(progress_done, :done), progress_total = greatest(progress_total, :total),
             finished_at = now(), updated_at = now(), lease_until = NULL
      WHERE workspace_id = :ws AND id = :id AND lease_owner = :owner AND status = 'running'
      """)
  int finish(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("owner") String owner,
      @Bind("status") String status,
      @Bind("result") String resultJson,
      @Bind("error") String error,
      @Bind("done") long done,
      @Bind("total") long total);

  /** Back to the queue, due after the backoff; the error stays visible meanwhile. */
  @SqlUpdate(
      """
      UPDATE jobs SET status = 'queued', last_error = :error, updated_at = now(), lease_owner = NULL, lease_until = NULL,
             run_after = now() + :delayMillis * interval '1 millisecond'
      WHERE workspace_id = :ws AND id = :id AND lease_owner = :owner AND status = 'running'
      """)
  int retryLater(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("owner") String owner,
      @Bind("error") String error,
      @Bind("delayMillis") long delayMillis);

  /** This node stops: the job waits again at once, and the interrupted attempt does not count. */
  @SqlUpdate(
      """
      UPDATE jobs SET status = 'queued', attempts = greatest(attempts - 1, 0), updated_at = now(),
             lease_owner = NULL, lease_until = NULL, run_after = now()
      WHERE workspace_id = :ws AND id = :id AND lease_owner = :owner AND status = 'running'
      """)
  int release(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("owner") String owner);

  /**
   * A waiting job is canceled at once; a running one is flagged and stops at its handler's next
   * check. Empty when the job is not in the workspace or already finished.
   */
  @SqlQuery(
      """
      UPDATE jobs SET cancel_requested = true, updated_at = now(),
             status = CASE WHEN status = 'queued' THEN 'canceled' ELSE status END,
             finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
      WHERE workspace_id = :ws AND id = :id AND status IN ('queued', 'running')
      RETURNING *
      """)
  Optional<Job> requestCancel(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  @SqlQuery("SELECT * FROM jobs WHERE workspace_id = :ws AND id = :id")
  Optional<Job> find(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  @SqlQuery(
      """
      SELECT * FROM jobs
      WHERE workspace_id = :ws
        AND (CAST(:kind AS text) IS NULL OR kind = :kind)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))
      ORDER BY created_at DESC, id
      LIMIT :limit OFFSET :offset
      """)
  List<Job> list(
      @Bind("ws") UUID workspace,
      @Bind("kind") String kind,
      @Bind("status") String status,
      @Bind("subject") UUID subject,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery(
      """
      SELECT count(*) FROM jobs
      WHERE workspace_id = :ws
        AND (CAST(:kind AS text) IS NULL OR kind = :kind)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:subject AS uuid) IS NULL OR subject_id = CAST(:subject AS uuid))
      """)
  long count(
      @Bind("ws") UUID workspace,
      @Bind("kind") String kind,
      @Bind("status") String status,
      @Bind("subject") UUID subject);

  /** Waiting jobs per kind, all workspaces: the queue depth metric. */
  @FansOut("the queue depth metric counts every workspace's waiting jobs")
  @SqlQuery("SELECT kind, count(*) AS n FROM jobs WHERE status = 'queued' GROUP BY kind")
  @KeyColumn("kind")
  @ValueColumn("n")
  Map<String, Long> queuedByKind();
}

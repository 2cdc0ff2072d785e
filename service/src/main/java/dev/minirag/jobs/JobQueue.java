package dev.minirag.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Queues jobs and shows them to a workspace; {@link JobWorkers} runs them. */
public class JobQueue {

  @Schema(name = "JobPage")
  public record Page(List<JobView> items, long total, int limit, int offset) {}

  private final JobDao dao;
  private final JobHandlers handlers;
  private final ObjectMapper json;
  private final int maxAttempts;
  private final Runnable wake;

  /**
   * @param wake tells this node's idle workers that a job is waiting
   */
  public JobQueue(
      JobDao dao, JobHandlers handlers, ObjectMapper json, int maxAttempts, Runnable wake) {
    this.dao = dao;
    this.handlers = handlers;
    this.json = json;
    this.maxAttempts = maxAttempts;
    this.wake = wake;
  }

  /**
   * Queues a job and returns its id. For a subject that already has a waiting job of this kind,
   * that job's id: it will see the latest state when it runs.
   */
  public UUID enqueue(
      UUID workspace, JobKind kind, UUID subject, Map<String, ?> payload, UUID createdBy) {
    UUID id = enqueue(dao, workspace, kind, subject, payload, createdBy);
    wake.run();
    return id;
  }

  /**
   * {@link #enqueue} inside the caller's transaction, so the job exists exactly when the work it
   * stands for was committed (a stored source is never left without its embed job). Call {@link
   * #wake()} after the commit.
   */
  public UUID enqueueIn(
      Handle h,
      UUID workspace,
      JobKind kind,
      UUID subject,
      Map<String, ?> payload,
      UUID createdBy) {
    return enqueue(h.attach(JobDao.class), workspace, kind, subject, payload, createdBy);
  }

  /** Jobs waiting in the queue all nodes share, every kind and workspace. */
  public long queued() {
    return dao.queuedByKind().values().stream().mapToLong(Long::longValue).sum();
  }

  public void wake() {
    wake.run();
  }

  private UUID enqueue(
      JobDao to,
      UUID workspace,
      JobKind kind,
      UUID subject,
      Map<String, ?> payload,
      UUID createdBy) {
    String body = toJson(payload == null ? Map.of() : payload);
    // The waiting job may be claimed between our conflict and our look-up; then queue anew.
    for (int i = 0; i < 3; i++) {
      Optional<UUID> id =
          to.insert(workspace, kind.wire(), subject, body, maxAttempts, createdBy)
              .or(() -> to.queuedFor(workspace, kind.wire(), subject));
      if (id.isPresent()) {
        return id.get();
      }
    }
    throw new IllegalStateException("could not queue a " + kind.wire() + " job for " + subject);
  }

  public Page list(
      UUID workspace, String kind, String status, UUID subject, int limit, int offset) {
    if (kind != null && JobKind.fromWire(kind).isEmpty()) {
      throw ApiException.badRequest("kind must be one of " + wires(JobKind.values()));
    }
    if (status != null && JobStatus.fromWire(status).isEmpty()) {
      throw ApiException.badRequest("status must be one of " + wires(JobStatus.values()));
    }
    List<JobView> items =
        dao.list(workspace, kind, status, subject, limit, offset).stream()
            .map(j -> JobView.of(j, json))
            .toList();
    return new Page(items, dao.count(workspace, kind, status, subject), limit, offset);
  }

  public JobView get(UUID workspace, UUID id) {
    return dao.find(workspace, id)
        .map(j -> JobView.of(j, json))
        .orElseThrow(() -> ApiException.notFound("Job not found"));
  }

  /** A waiting job ends at once; a running one at its handler's next check (within seconds). */
  public JobView cancel(UUID workspace, UUID id) {
    Optional<Job> canceled = dao.requestCancel(workspace, id);
    if (canceled.isPresent()) {
      Job job = canceled.get();
      if (job.status() == JobStatus.CANCELED) {
        handlers.get(job.kind()).ifPresent(h -> h.canceled(job));
      }
      return JobView.of(job, json);
    }
    JobView job = get(workspace, id);
    throw new ApiException(
        409,
        "The job has already " + job.status() + "; there is nothing to cancel",
        Map.of("status", job.status()));
  }

  private static String wires(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
        .toList()
        .toString();
  }

  private String toJson(Object payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a job payload must be JSON", e);
    }
  }
}

package dev.minirag.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.db.DatabaseUnavailable;
import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import io.dropwizard.lifecycle.Managed;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * This node's job workers: each claims one due job at a time from the shared queue and runs its
 * kind's handler, while a heartbeat renews the leases of the jobs running here (and notices cancel
 * requests). With 0 workers the node only serves. Stopping hands running jobs back to the queue.
 */
public class JobWorkers implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
  private static final long PROGRESS_FLUSH_NANOS = 1_000_000_000L;
  private static final long CANCEL_POLL_NANOS = 200_000_000L;

  private final JobDao dao;
  private final JobsConfig config;
  private final int workers;
  private final JobMetrics metrics;
  private final ObjectMapper json;
  private final String node;
  private final JobHandlers handlers;
  private final Tracing tracing;
  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopping;
  private ExecutorService pool;
  private ScheduledExecutorService heartbeat;

  public JobWorkers(
      JobDao dao,
      JobHandlers handlers,
      JobsConfig config,
      int workers,
      JobMetrics metrics,
      ObjectMapper json,
      Tracing tracing) {
    this.tracing = tracing;
    this.dao = dao;
    this.handlers = handlers;
    this.config = config;
    this.workers = workers;
    this.metrics = metrics;
    this.json = json;
    this.node =
        ManagementFactory.getRuntimeMXBean().getName()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This node's name as stored in the lease (for logs and tests; never shown through the API). */
  public String node() {
    return node;
  }

  /** Tells idle workers a job was queued, so they need not wait for their next poll. */
  public void wake() {
    // At most one permit per worker: a burst of jobs must not leave permits that spin idle workers.
    if (wake.availablePermits() < workers) {
      wake.release();
    }
  }

  @Override
  public void start() {
    handlers.freeze();
    String[] kinds = handlers.kinds();
    if (workers == 0 || kinds.length == 0) {
      LOG.info("Job workers: none on this node (it serves requests only)");
      return;
    }
    if (java.util.Arrays.asList(kinds).contains(JobKind.EMBED.wire())) {
      int queued = dao.queueUnfinishedSources(config.getMaxAttempts());
      if (queued > 0) {
        LOG.info("Queued embed jobs for {} unfinished source(s) that had none", queued);
      }
    }
    pool = Executors.newFixedThreadPool(workers, daemon("job-worker"));
    heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("job-heartbeat"));
    for (int i = 0; i < workers; i++) {
      pool.submit(() -> loop(kinds));
    }
    long beat = config.heartbeatMillis();
    heartbeat.scheduleWithFixedDelay(this::renewAll, beat, beat, TimeUnit.MILLISECONDS);
    LOG.info("Job workers: {} on node {} for {}", workers, node, String.join(", ", kinds));
  }

  @Override
  public void stop() throws InterruptedException {
    stopping = true;
    if (pool == null) {
      return;
    }
    pool.shutdownNow();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.warn(
          "Job workers did not stop within 30 s; their jobs are taken over when the lease runs out");
    }
    heartbeat.shutdownNow();
  }

  private void loop(String[] kinds) {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      try {
        dao.failAbandoned();
        Optional<Job> job = dao.claim(kinds, node, config.getLeaseDuration().toMilliseconds());
        if (job.isPresent()) {
          run(job.get());
        } else {
          long poll = config.getPollInterval().toMilliseconds();
          // Jitter keeps the nodes of a cluster from polling in lockstep.
          wake.tryAcquire(
              poll + ThreadLocalRandom.current().nextLong(Math.max(1, poll / 4)),
              TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | StackOverflowError e) {
        // The database away for a moment, or a handler that blew its stack: the job's lease runs
        // out
        // and it is retried; this worker waits a poll and goes on rather than die silently.
        if (DatabaseUnavailable.causes(e)) {
          LOG.warn(
              "Job worker waits for the database ({}); retrying in {}",
              DatabaseUnavailable.describe(e),
              config.getPollInterval());
        } else {
          LOG.error("Job worker failed outside a job's own handling; continuing", e);
        }
        try {
          Thread.sleep(config.getPollInterval().toMilliseconds());
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Each attempt is the root span of a trace of its own: {@code job <kind>}. */
  private void run(Job job) {
    try (TracedSpan span =
        tracing
            .root("job " + job.kind().wire())
            .set("minirag.job_id", job.id().toString())
            .set(Tracing.WORKSPACE_ID.getKey(), job.workspaceId().toString())) {
      span.set("minirag.job.outcome", attempt(job));
    }
  }

  private String attempt(Job job) {
    JobHandler handler = handlers.get(job.kind()).orElseThrow();
    Running ctx = new Running(job);
    running.put(job.id(), ctx);
    MDC.put("jobId", job.id().toString());
    MDC.put("workspaceId", job.workspaceId().toString());
    long started = System.nanoTime();
    String outcome;
    try {
      Object result = handler.run(job, ctx);
      outcome = ctx.lost ? "lost" : finish(ctx, JobStatus.SUCCEEDED, toJson(result), null);
    } catch (CancellationException e) {
      // JobCanceledException, or a service's own CancellationException raised from
      // ctx.checkCanceled()
      if (ctx.lost) {
        outcome = "lost";
      } else if (stopping && !ctx.cancelRequested) {
        outcome = handBack(ctx);
      } else if (!ctx.cancelRequested) {
        // Nobody asked: some library's own cancellation, which is a failure of this attempt.
        outcome =
            failed(
                ctx, "the job failed; the server log has the details for job " + job.id(), true, e);
      } else {
        outcome = finish(ctx, JobStatus.CANCELED, null, null);
        if (outcome.equals(JobStatus.CANCELED.wire())) {
          handler.canceled(job);
        }
      }
    } catch (Exception e) {
      if (ctx.lost) {
        outcome = "lost";
      } else if (stopping) {
        // Whatever the stop did to the attempt (an interrupted model call, a closed stream) is not
        // the job's fault.
        outcome = handBack(ctx);
      } else if (DatabaseUnavailable.causes(e)) {
        outcome = handBackWhenDatabaseReturns(ctx, e);
      } else if (e instanceof JobFailure f) {
        outcome = failed(ctx, f.getMessage(), f.retryable(), f);
      } else {
        outcome =
            failed(
                ctx, "the job failed; the server log has the details for job " + job.id(), true, e);
      }
    } finally {
      running.remove(job.id());
      MDC.remove("jobId");
      MDC.remove("workspaceId");
    }
    metrics.attempt(job.kind(), outcome, (System.nanoTime() - started) / 1e9);
    return outcome;
  }

  private String failed(Running ctx, String publicMessage, boolean retryable, Exception cause) {
    Job job = ctx.job;
    LOG.error(
        "Job {} ({}) attempt {} failed: {}",
        job.id(),
        job.kind().wire(),
        job.attempts(),
        publicMessage,
        cause);
    if (retryable && job.attempts() < job.maxAttempts()) {
      dao.retryLater(
          job.workspaceId(), job.id(), node, publicMessage, config.backoffMillis(job.attempts()));
      return "retried";
    }
    return finish(ctx, JobStatus.FAILED, null, publicMessage);
  }

  /**
   * Shutting down mid-job: give the job back now instead of letting it wait for the lease to
   * expire.
   */
  private String handBack(Running ctx) {
    LOG.info("Stopping: job {} goes back to the queue", ctx.job.id());
    dao.release(ctx.job.workspaceId(), ctx.job.id(), node);
    return "handed_back";
  }

  /**
   * The database went away under the attempt: not the job's fault, so it does not count. The job
   * goes back to the queue as soon as the database answers again (the heartbeat keeps its lease
   * meanwhile), rather than waiting for the lease to run out; if the lease ran out first, another
   * node may hold the job and it is left to it.
   */
  private String handBackWhenDatabaseReturns(Running ctx, Exception cause) {
    LOG.warn(
        "Job {} ({}) interrupted: the database is unavailable ({}); it goes back to the queue once"
            + " the database answers",
        ctx.job.id(),
        ctx.job.kind().wire(),
        DatabaseUnavailable.describe(cause));
    long deadline = System.nanoTime() + config.getLeaseDuration().toNanoseconds();
    while (!stopping && System.nanoTime() < deadline) {
      try {
        return dao.release(ctx.job.workspaceId(), ctx.job.id(), node) == 1 ? "handed_back" : "lost";
      } catch (RuntimeException e) {
        if (!DatabaseUnavailable.causes(e)) {
          throw e;
        }
      }
      try {
        Thread.sleep(config.getPollInterval().toMilliseconds());
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return "lost";
  }

  private String finish(Running ctx, JobStatus status, String result, String error) {
    int updated =
        dao.finish(
            ctx.job.workspaceId(),
            ctx.job.id(),
            node,
            status.wire(),
            result,
            error,
            ctx.done,
            ctx.total);
    return updated == 1 ? status.wire() : "lost";
  }

  private void renewAll() {
    for (Running r : running.values()) {
      try {
        r.renew();
      } catch (RuntimeException e) {
        if (DatabaseUnavailable.causes(e)) {
          LOG.warn(
              "Renewing the lease of job {} waits for the database ({})",
              r.job.id(),
              DatabaseUnavailable.describe(e));
        } else {
          LOG.warn(
              "Renewing the lease of job {} failed; retrying at the next heartbeat", r.job.id(), e);
        }
      }
    }
  }

  private String toJson(Object result) {
    if (result == null) {
      return null;
    }
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job result must be JSON", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The context of one job running here. */
  private final class Running implements JobContext {
    final Job job;
    volatile long done;
    volatile long total;
    volatile boolean cancelRequested;
    volatile boolean lost;
    private volatile long flushedAt = System.nanoTime();

    Running(Job job) {
      this.job = job;
      this.done = job.progressDone();
      this.total = job.progressTotal();
      this.cancelRequested = job.cancelRequested();
    }

    @Override
    public void progress(long done, long total) {
      this.done = done;
      this.total = total;
      if (System.nanoTime() - flushedAt > PROGRESS_FLUSH_NANOS) {
        renew();
      }
    }

    @Override
    public boolean canceled() {
      // A handler asks between batches; a cancel should stop the next batch, not one a second
      // later.
      if (!cancelRequested && !lost && System.nanoTime() - flushedAt > CANCEL_POLL_NANOS) {
        renew();
      }
      return cancelRequested || lost || stopping;
    }

    synchronized void renew() {
      flushedAt = System.nanoTime();
      Optional<Boolean> cancel =
          dao.renew(
              job.workspaceId(),
              job.id(),
              node,
              config.getLeaseDuration().toMilliseconds(),
              done,
              total);
      if (cancel.isEmpty()) {
        if (!lost) {
          LOG.warn("Job {} is no longer leased to this node; stopping it here", job.id());
        }
        lost = true;
      } else if (cancel.get()) {
        cancelRequested = true;
      }
    }
  }
}

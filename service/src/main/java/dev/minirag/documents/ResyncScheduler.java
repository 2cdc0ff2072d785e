package dev.minirag.documents;

import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.JobQueue;
import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a re-sync job for each URL and YouTube source whose check is due. Every node with job
 * workers scans; a due source is taken by exactly one scan (SKIP LOCKED) and its next check set.
 */
public class ResyncScheduler implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ResyncScheduler.class);

  /** Bounded work per scan: what is left is taken by the next one. */
  private static final int BATCH = 100;

  private static final int MAX_BATCHES = 10;

  private final SourceDao sources;
  private final JobQueue jobs;
  private final long intervalMillis;
  private ScheduledExecutorService timer;

  public ResyncScheduler(SourceDao sources, JobQueue jobs, long intervalMillis) {
    this.sources = sources;
    this.jobs = jobs;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "resync-scheduler");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::scanSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Queues the due checks; returns how many. */
  int scan() {
    int queued = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      List<SourceDao.Due> due = sources.takeDue(BATCH);
      due.forEach(
          d ->
              jobs.enqueue(
                  d.workspaceId(), JobKind.RESYNC, d.id(), Map.of("scheduled", true), null));
      queued += due.size();
      if (due.size() < BATCH) {
        break;
      }
    }
    return queued;
  }

  private void scanSafely() {
    try {
      int queued = scan();
      if (queued > 0) {
        LOG.info("Queued {} scheduled re-sync(s)", queued);
      }
    } catch (RuntimeException e) {
      LOG.error("Scanning for due re-syncs failed; the next scan retries", e);
    }
  }
}

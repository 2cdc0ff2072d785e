package dev.minirag.auth;

import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditContext;
import dev.minirag.audit.AuditLog;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit rows for failed authentication by unknown callers (bad, revoked or expired keys and session
 * tokens; refused sign-ins), which anyone can cause as fast as they can send requests. Per minute,
 * each client address (IPv6 by /64) gets its first {@link #PER_CLIENT} failures written one by one
 * and all addresses together {@link #PER_WINDOW}; beyond that failures are counted, and each
 * address's count is written as one {@code auth.failed} row with {@code "method":"aggregated"} once
 * the minute is over. So a flood costs at most a few rows a minute per address, and is still seen.
 */
public class FailedAuthAudit implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(FailedAuthAudit.class);

  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int PER_CLIENT = 20;
  static final int PER_WINDOW = 200;

  /** Past this many distinct addresses in one minute, further ones are counted together. */
  static final int MAX_CLIENTS = 10_000;

  static final String OTHER_CLIENTS = "other";

  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, Integer> seen = new HashMap<>();
  private final Map<String, Map<String, Integer>> suppressed = new LinkedHashMap<>();
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private Instant windowStart;
  private int written;
  private ScheduledExecutorService scheduler;

  public FailedAuthAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
    this.windowStart = clock.instant();
  }

  /** Records one failure of the current request (its address comes from the audit context). */
  public void failed(UUID userId, String method, String reason) {
    failed(AuditContext.current().ip(), userId, method, reason);
  }

  void failed(String remoteAddress, UUID userId, String method, String reason) {
    if (admit(LoginStateStore.clientKey(remoteAddress), method + ": " + reason)) {
      audit.record(
          userId,
          null,
          AuditActions.AUTH_FAILED,
          null,
          null,
          Map.of("method", method, "reason", reason));
    }
  }

  synchronized boolean admit(String client, String what) {
    roll(false);
    String key = seen.containsKey(client) || seen.size() < MAX_CLIENTS ? client : OTHER_CLIENTS;
    int n = seen.merge(key, 1, Integer::sum);
    if (n <= PER_CLIENT && written < PER_WINDOW) {
      written++;
      return true;
    }
    suppressed.computeIfAbsent(key, k -> new TreeMap<>()).merge(what, 1, Integer::sum);
    return false;
  }

  /** Closes the window when it is over (or now, when forced): its counts become summary rows. */
  private void roll(boolean force) {
    Instant now = clock.instant();
    if (!force && now.isBefore(windowStart.plus(WINDOW))) {
      return;
    }
    suppressed.forEach(
        (client, counts) -> {
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("method", "aggregated");
          details.put("reason", "repeated failures from one client, not written one by one");
          details.put("client", client);
          details.put("count", counts.values().stream().mapToInt(Integer::intValue).sum());
          details.put("failures", counts);
          details.put("from", windowStart.toString());
          details.put("to", now.toString());
          pending.add(details);
        });
    suppressed.clear();
    seen.clear();
    written = 0;
    windowStart = now;
  }

  /**
   * Writes the summaries of finished windows. Runs on the scheduler (or at stop), never on a
   * request: the summary row must not carry the address of whichever request happened to close it.
   */
  void flush(boolean force) {
    List<Map<String, Object>> out;
    synchronized (this) {
      roll(force);
      out = List.copyOf(pending);
      pending.clear();
    }
    for (Map<String, Object> details : out) {
      audit.record((UUID) null, null, AuditActions.AUTH_FAILED, null, null, details);
      LOG.warn("Repeated authentication failures: {}", details);
    }
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "failed-auth-audit");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            flush(false);
          } catch (RuntimeException e) {
            LOG.error("Could not write failed-authentication summaries", e);
          }
        },
        WINDOW.toSeconds(),
        WINDOW.toSeconds() / 4,
        TimeUnit.SECONDS);
  }

  @Override
  public void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
    flush(true);
  }
}

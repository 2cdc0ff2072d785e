package dev.minirag.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.minirag.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Quotas per workspace: resolves the effective limits, checks work against them and counts it.
 * Stored limits (sources, chunks) are checked under a row lock in the same transaction that stores;
 * daily ones by one conditional upsert each. With limits disabled everything is still counted.
 */
public class QuotaService {

  private final QuotaDao dao;
  private final UsageTallyDao counters;
  private final LimitsConfig config;
  private final UsageThresholds thresholds;
  private final QuotaMetrics metrics;
  private final Clock clock;
  private final Cache<UUID, Limits> cache;

  public static QuotaService create(
      QuotaDao dao,
      UsageTallyDao counters,
      LimitsConfig config,
      AuditLog audit,
      QuotaMetrics metrics,
      Clock clock) {
    return new QuotaService(dao, counters, config, new UsageThresholds(audit), metrics, clock);
  }

  QuotaService(
      QuotaDao dao,
      UsageTallyDao counters,
      LimitsConfig config,
      UsageThresholds thresholds,
      QuotaMetrics metrics,
      Clock clock) {
    this.dao = dao;
    this.counters = counters;
    this.config = config;
    this.thresholds = thresholds;
    this.metrics = metrics;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMillis(config.getCacheMillis()))
            .build();
  }

  public boolean enabled() {
    return config.isEnabled();
  }

  /**
   * The workspace's effective limits; another node's override is seen within {@code cacheMillis}.
   */
  public Limits limits(UUID workspace) {
    return cache.get(workspace, this::read);
  }

  private Limits read(UUID workspace) {
    return compose(
        dao.plan(workspace).map(QuotaDao.PlanRow::plan).orElse(null), dao.overrides(workspace));
  }

  /** Defaults, then the plan, then the workspace's overrides. */
  Limits compose(String plan, List<QuotaDao.Override> overrides) {
    String effectivePlan = plan == null || !config.knows(plan) ? config.getDefaultPlan() : plan;
    Map<LimitName, Long> max = new EnumMap<>(LimitName.class);
    for (LimitName n : LimitName.values()) {
      max.put(n, 0L);
    }
    max.putAll(config.getDefaults().values());
    PlanLimits planLimits = config.getPlans().get(effectivePlan);
    if (planLimits != null) {
      max.putAll(planLimits.values());
    }
    Set<LimitName> overridden = new HashSet<>();
    for (QuotaDao.Override o : overrides) {
      LimitName.parse(o.name())
          .ifPresent(
              n -> {
                max.put(n, o.maxValue());
                overridden.add(n);
              });
    }
    return new Limits(effectivePlan, max, overridden);
  }

  /** The workspace's limits, or the default plan's for a caller acting on no workspace. */
  public Limits limitsFor(UUID workspace) {
    return workspace == null ? compose(null, List.of()) : limits(workspace);
  }

  /** Forgets this node's cached limits of a workspace (after an admin change made here). */
  public void forget(UUID workspace) {
    cache.invalidate(workspace);
  }

  /**
   * Refuses what cannot be stored before the work it would cost: before fetching or extraction
   * ({@code chunks} 0: unknown yet, at least one) when the workspace is already at its source or
   * chunk limit, and before embedding once the chunk count and size are known.
   */
  public void checkCanStore(UUID workspace, long bytes, long chunks) {
    storeCheck(workspace, bytes > 0).check(bytes, chunks);
  }

  /**
   * {@link #checkCanStore} for many sources of one workspace, its counters read once: each check
   * sees the counters as they were when this was made, as separate calls would while none of the
   * sources is stored yet. A batch of texts otherwise paid two statements a text before any model
   * time.
   */
  public StoreCheck storeCheck(UUID workspace) {
    return storeCheck(workspace, true);
  }

  /** Today's upload counter is read only when some check will bring bytes. */
  private StoreCheck storeCheck(UUID workspace, boolean withBytes) {
    if (!config.isEnabled()) {
      return (bytes, chunks) -> {};
    }
    Limits limits = limits(workspace);
    QuotaDao.Stored stored = counters.stored(workspace).orElse(new QuotaDao.Stored(0, 0));
    long uploaded =
        withBytes
            ? counters.daily(workspace, today()).map(QuotaDao.Daily::uploadBytes).orElse(0L)
            : 0;
    return (bytes, chunks) -> {
      refuseIfOver(limits, LimitName.STORED_SOURCES, stored.sources(), 1);
      refuseIfOver(limits, LimitName.STORED_CHUNKS, stored.chunks(), Math.max(1, chunks));
      if (bytes > 0) {
        refuseIfOver(limits, LimitName.UPLOAD_BYTES_PER_DAY, uploaded, bytes);
      }
    };
  }

  /** Refuses (throws) a source of {@code bytes} and {@code chunks} that could not be stored. */
  @FunctionalInterface
  public interface StoreCheck {
    void check(long bytes, long chunks);
  }

  /**
   * Called in the transaction that stores a source, right after its row was inserted (the insert
   * has already moved the source and chunk counters): locks those counters, refuses if the insert
   * took them past a limit, and counts the source's bytes against today's limit. A refusal throws,
   * so the transaction rolls back and nothing of the source is kept; concurrent stores of the same
   * workspace wait for each other here, so nodes together never pass a limit.
   */
  public void reserveStore(Handle h, UUID workspace, long chunks, long bytes) {
    reserve(h, workspace, 1, chunks, bytes);
  }

  /** {@link #reserveStore} for several sources inserted together, by their totals. */
  public void reserveStored(Handle h, UUID workspace, StoreTotals total) {
    reserve(h, workspace, total.sources(), total.chunks(), total.bytes());
  }

  /** Sources, chunks and bytes stored together. */
  public record StoreTotals(long sources, long chunks, long bytes) {
    public StoreTotals plus(StoreTotals o) {
      return new StoreTotals(sources + o.sources, chunks + o.chunks, bytes + o.bytes);
    }
  }

  /**
   * {@link #reserveStore} for a source whose content was replaced (a refresh): called after its
   * chunk count moved by {@code chunkDelta}; a refresh that shrinks the source is never refused.
   */
  public void reserveReplace(Handle h, UUID workspace, long chunkDelta, long bytes) {
    reserve(h, workspace, 0, chunkDelta, bytes);
  }

  private void reserve(Handle h, UUID workspace, long sources, long chunks, long bytes) {
    UsageTallyDao tx = h.attach(UsageTallyDao.class);
    QuotaDao.Stored after = tx.lockStored(workspace).orElse(new QuotaDao.Stored(sources, chunks));
    Limits limits = limits(workspace);
    long sourcesBefore = after.sources() - sources;
    long chunksBefore = after.chunks() - chunks;
    if (config.isEnabled()) {
      if (sources > 0) {
        refuseIfOver(limits, LimitName.STORED_SOURCES, sourcesBefore, sources);
      }
      if (chunks > 0) {
        refuseIfOver(limits, LimitName.STORED_CHUNKS, chunksBefore, chunks);
      }
    }
    long maxBytes = config.isEnabled() ? limits.max(LimitName.UPLOAD_BYTES_PER_DAY) : 0;
    LocalDate day = today();
    Optional<Long> counted =
        maxBytes > 0 && bytes > maxBytes
            ? Optional.empty()
            : tx.countUploadBytes(workspace, day, bytes, maxBytes);
    if (counted.isEmpty()) {
      long used = tx.daily(workspace, day).map(QuotaDao.Daily::uploadBytes).orElse(0L);
      throw refused(LimitName.UPLOAD_BYTES_PER_DAY, used, maxBytes);
    }
    long bytesAfter = counted.get();
    h.afterCommit(
        () -> {
          thresholds.moved(
              workspace,
              LimitName.STORED_SOURCES,
              sourcesBefore,
              after.sources(),
              limits.max(LimitName.STORED_SOURCES));
          thresholds.moved(
              workspace,
              LimitName.STORED_CHUNKS,
              chunksBefore,
              after.chunks(),
              limits.max(LimitName.STORED_CHUNKS));
          thresholds.moved(
              workspace, LimitName.UPLOAD_BYTES_PER_DAY, bytesAfter - bytes, bytesAfter, maxBytes);
        });
  }

  /** Counts one answer against today's limit, or refuses it. */
  public void countAsk(UUID workspace) {
    countDaily(workspace, LimitName.ASKS_PER_DAY);
    counters.markAsked(workspace);
  }

  /** Whether the workspace ever asked a question (daily counters forget; this does not). */
  public boolean hasAsked(UUID workspace) {
    return dao.hasAsked(workspace);
  }

  /** How many sources the workspace stores now. */
  public long storedSources(UUID workspace) {
    return counters.stored(workspace).map(QuotaDao.Stored::sources).orElse(0L);
  }

  /** Counts one search against today's limit, or refuses it. */
  public void countSearch(UUID workspace) {
    countDaily(workspace, LimitName.SEARCHES_PER_DAY);
  }

  /** Counts {@code n} searches at once (an evaluation run), all or none. */
  public void countSearches(UUID workspace, long n) {
    countDaily(workspace, LimitName.SEARCHES_PER_DAY, n);
  }

  private void countDaily(UUID workspace, LimitName limit) {
    countDaily(workspace, limit, 1);
  }

  private void countDaily(UUID workspace, LimitName limit, long n) {
    long max = config.isEnabled() ? limits(workspace).max(limit) : 0;
    LocalDate day = today();
    Optional<Long> counted =
        max > 0 && n > max
            ? Optional.empty()
            : limit == LimitName.ASKS_PER_DAY
                ? counters.countAsks(workspace, day, n, max)
                : counters.countSearches(workspace, day, n, max);
    if (counted.isEmpty()) {
      QuotaDao.Daily d = counters.daily(workspace, day).orElse(new QuotaDao.Daily(0, 0, 0));
      throw refused(limit, limit == LimitName.ASKS_PER_DAY ? d.asks() : d.searches(), max);
    }
    thresholds.moved(workspace, limit, counted.get() - n, counted.get(), max);
  }

  /**
   * Each limit with what the workspace used of it; the per-minute one is reported by the caller's
   * bucket.
   */
  public Map<LimitName, Long> used(UUID workspace) {
    return usedOf(
        counters.stored(workspace).orElse(new QuotaDao.Stored(0, 0)),
        counters.daily(workspace, today()).orElse(new QuotaDao.Daily(0, 0, 0)));
  }

  /** Stored and daily counters by limit (mutable: the per-minute entry is the caller's to add). */
  static Map<LimitName, Long> usedOf(QuotaDao.Stored stored, QuotaDao.Daily daily) {
    Map<LimitName, Long> used = new EnumMap<>(LimitName.class);
    used.put(LimitName.STORED_CHUNKS, stored.chunks());
    used.put(LimitName.STORED_SOURCES, stored.sources());
    used.put(LimitName.UPLOAD_BYTES_PER_DAY, daily.uploadBytes());
    used.put(LimitName.ASKS_PER_DAY, daily.asks());
    used.put(LimitName.SEARCHES_PER_DAY, daily.searches());
    return used;
  }

  /** When daily counters start again: the next 00:00 UTC. */
  public Instant nextDay() {
    return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private void refuseIfOver(Limits limits, LimitName limit, long used, long more) {
    long max = limits.max(limit);
    if (max > 0 && used + more > max) {
      throw refused(limit, used, max);
    }
  }

  private QuotaExceededException refused(LimitName limit, long used, long max) {
    metrics.rejected(limit);
    Instant resetAt = limit.period() == LimitName.Period.DAY ? nextDay() : null;
    return new QuotaExceededException(
        new QuotaExceededException.Details(limit, used, max, resetAt), clock.instant());
  }
}

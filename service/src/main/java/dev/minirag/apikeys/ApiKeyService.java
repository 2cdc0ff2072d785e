package dev.minirag.apikeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.minirag.common.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues, lists, revokes and verifies API keys. The plaintext exists only in {@link Created}. */
public class ApiKeyService {

  public static final Set<String> SCOPES = Set.of("read", "write", "admin");

  /** last_used_at is written at most this often per key, not on every request. */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  public record Created(ApiKeyView key, String plaintext) {}

  private final ApiKeyDao dao;
  private final Clock clock;

  /**
   * Verified keys by the hash of their whole plaintext (so a wrong secret can never match an
   * entry), for at most the TTL: reading the row cost a query and about a tenth of the server's own
   * CPU per API request. Null when the TTL is 0.
   */
  private final Cache<String, ApiKeyRow> verified;

  /** A service that reads the key's row on every request (commands, tests). */
  public ApiKeyService(ApiKeyDao dao, Clock clock) {
    this(dao, clock, Duration.ZERO);
  }

  /**
   * @param cacheTtl how long a verified key is trusted without reading its row again; revocations
   *     made through this service take effect at once, others within this time
   */
  public ApiKeyService(ApiKeyDao dao, Clock clock, Duration cacheTtl) {
    this.dao = dao;
    this.clock = clock;
    this.verified =
        cacheTtl.isZero()
            ? null
            : Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
  }

  public Created create(
      UUID workspaceId,
      String name,
      Collection<String> scopes,
      Integer expiresDays,
      UUID createdBy) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > 100) {
      throw ApiException.unprocessable(
          "Key name must be 1 to 100 characters", java.util.Map.of("field", "name"));
    }
    List<String> normalized = normalizeScopes(scopes);
    if (expiresDays != null && (expiresDays < 1 || expiresDays > 3650)) {
      throw ApiException.unprocessable(
          "expiresDays must be 1 to 3650", java.util.Map.of("field", "expiresDays"));
    }
    ApiKeyFormat.Generated g = ApiKeyFormat.generate();
    var expires =
        expiresDays == null
            ? null
            : clock.instant().plus(Duration.ofDays(expiresDays)).atOffset(ZoneOffset.UTC);
    ApiKeyRow row =
        dao.insert(
            workspaceId,
            clean,
            g.prefix(),
            g.secretHash(),
            normalized.toArray(String[]::new),
            createdBy,
            expires);
    return new Created(ApiKeyView.of(row), g.plaintext());
  }

  public List<ApiKeyView> list(UUID workspaceId) {
    return dao.list(workspaceId).stream().map(ApiKeyView::of).toList();
  }

  /** Whether a key was ever made for this workspace (revoked and expired ones count). */
  public boolean anyCreated(UUID workspaceId) {
    return dao.anyIn(workspaceId);
  }

  /** Revokes a key of this workspace; another workspace's key id is "not found". */
  public ApiKeyView revoke(UUID workspaceId, UUID keyId) {
    ApiKeyRow row =
        dao.find(workspaceId, keyId).orElseThrow(() -> ApiException.notFound("API key not found"));
    dao.revoke(workspaceId, keyId);
    forget(keyId);
    return ApiKeyView.of(dao.find(workspaceId, row.id()).orElseThrow());
  }

  /** Operator command: revoke by id in any workspace. */
  public boolean revokeAny(UUID keyId) {
    boolean revoked = dao.revokeAny(keyId) == 1;
    forget(keyId);
    return revoked;
  }

  private void forget(UUID keyId) {
    if (verified != null) {
      verified.asMap().values().removeIf(k -> k.id().equals(keyId));
    }
  }

  /**
   * The usable key matching this plaintext; empty for malformed, unknown, wrong, revoked or expired
   * keys.
   */
  public Optional<ApiKeyRow> verify(String plaintext) {
    Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(plaintext);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String cacheKey = null;
    if (verified != null) {
      cacheKey = parsed.get().prefix() + ":" + ApiKeyFormat.hash(parsed.get().secret());
      ApiKeyRow cached = verified.getIfPresent(cacheKey);
      if (cached != null && !cached.usableAt(now)) {
        return Optional.empty(); // expiry is exact, cached or not
      }
      if (cached != null && !touchDue(cached, now)) {
        return Optional.of(cached);
      }
      // Not cached, or last_used_at is due: read the row again, so no entry outlives its TTL.
    }
    Optional<ApiKeyRow> row = dao.findByPrefix(parsed.get().prefix());
    // Hash even when the prefix is unknown, so timing does not tell which prefixes exist.
    String stored = row.map(ApiKeyRow::secretHash).orElse(ApiKeyFormat.hash("no-such-key"));
    if (!ApiKeyFormat.matches(parsed.get().secret(), stored)
        || row.isEmpty()
        || !row.get().usableAt(now)) {
      return Optional.empty();
    }
    ApiKeyRow key = row.get();
    if (touchDue(key, now)) {
      dao.touch(key.workspaceId(), key.id());
      key =
          new ApiKeyRow(
              key.id(),
              key.workspaceId(),
              key.name(),
              key.prefix(),
              key.secretHash(),
              key.scopes(),
              key.createdBy(),
              key.createdAt(),
              key.expiresAt(),
              key.revokedAt(),
              now);
    }
    if (verified != null) {
      verified.put(cacheKey, key);
    }
    return Optional.of(key);
  }

  /** last_used_at is written at most every {@link #TOUCH_INTERVAL}, not on every request. */
  private static boolean touchDue(ApiKeyRow key, Instant now) {
    return key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL));
  }

  static List<String> normalizeScopes(Collection<String> scopes) {
    if (scopes == null || scopes.isEmpty()) {
      throw ApiException.unprocessable(
          "At least one scope is required",
          java.util.Map.of("allowed", List.of("read", "write", "admin")));
    }
    List<String> out = new ArrayList<>();
    for (String s : scopes) {
      String v = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
      if (!SCOPES.contains(v)) {
        throw ApiException.unprocessable(
            "Unknown scope",
            java.util.Map.of(
                "scope", String.valueOf(s), "allowed", List.of("read", "write", "admin")));
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }
}

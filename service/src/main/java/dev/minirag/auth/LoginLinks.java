package dev.minirag.auth;

import dev.minirag.apikeys.ApiKeyFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time, expiring development sign-in links: only when MINIRAG_DEV_MODE=true and no OAuth
 * provider is configured. The token's SHA-256 is stored; the first use consumes it.
 */
public class LoginLinks {

  public static final Duration TTL = Duration.ofMinutes(15);

  private final SessionDao dao;
  private final String publicBaseUrl;
  private final boolean enabled;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public LoginLinks(SessionDao dao, String publicBaseUrl, boolean enabled, Clock clock) {
    this.dao = dao;
    this.publicBaseUrl = publicBaseUrl;
    this.enabled = enabled;
    this.clock = clock;
  }

  public boolean enabled() {
    return enabled;
  }

  public String issue(UUID userId) {
    if (!enabled) {
      throw new IllegalStateException(
          "Sign-in links need MINIRAG_DEV_MODE=true and no OAuth provider configured");
    }
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = HexFormat.of().formatHex(b);
    dao.insertLoginLink(
        ApiKeyFormat.hash(token), userId, clock.instant().plus(TTL).atOffset(ZoneOffset.UTC));
    return publicBaseUrl + "/api/v1/auth/dev-login?token=" + token;
  }

  public Optional<UUID> consume(String token) {
    if (!enabled || token == null || !token.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    return dao.consumeLoginLink(ApiKeyFormat.hash(token));
  }
}

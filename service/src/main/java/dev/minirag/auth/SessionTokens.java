package dev.minirag.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session JWTs: HS256 signed with MINIRAG_JWT_SECRET, issuer "mini-rag", a random id (jti) for
 * revocation, the user id as subject. Unsigned ("alg": "none"), differently signed, edited or
 * expired tokens are refused. The CSRF token is an HMAC of the token id, so it is bound to one
 * session.
 */
public class SessionTokens {

  public static final String ISSUER = "mini-rag";

  public record Issued(String token, UUID jti, Instant expiresAt) {}

  /**
   * @param version the user's token version when it was issued; a newer one in the database ends it
   */
  public record Session(UUID userId, UUID jti, Instant expiresAt, int version) {}

  private static final String VERSION = "ver";

  private final SecretKey key;
  private final byte[] csrfKey;
  private final Duration ttl;
  private final Clock clock;

  public SessionTokens(String secret, Duration ttl, Clock clock) {
    byte[] material = secret.getBytes(StandardCharsets.UTF_8);
    // Production secrets are >= 32 bytes (SecretsCheck); a short development secret is stretched.
    if (material.length < 32) {
      material = sha256(material);
    }
    this.key = Keys.hmacShaKeyFor(material);
    this.csrfKey = sha256(("csrf:" + secret).getBytes(StandardCharsets.UTF_8));
    this.ttl = ttl;
    this.clock = clock;
  }

  public Duration ttl() {
    return ttl;
  }

  public Issued issue(UUID userId, int version) {
    Instant now = clock.instant();
    Instant exp = now.plus(ttl);
    UUID jti = UUID.randomUUID();
    String token =
        Jwts.builder()
            .issuer(ISSUER)
            .subject(userId.toString())
            .claim(VERSION, version)
            .id(jti.toString())
            .issuedAt(Date.from(now))
            .expiration(Date.from(exp))
            .signWith(key, Jwts.SIG.HS256)
            .compact();
    return new Issued(token, jti, exp);
  }

  public Optional<Session> verify(String token) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      Claims c =
          Jwts.parser()
              .verifyWith(key)
              .requireIssuer(ISSUER)
              .clock(() -> Date.from(clock.instant()))
              .build()
              .parseSignedClaims(token)
              .getPayload();
      if (c.getExpiration() == null || c.getId() == null || c.getSubject() == null) {
        return Optional.empty();
      }
      Integer version = c.get(VERSION, Integer.class);
      return Optional.of(
          new Session(
              UUID.fromString(c.getSubject()),
              UUID.fromString(c.getId()),
              c.getExpiration().toInstant(),
              version == null ? 0 : version));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The CSRF token that goes with a session (cookie csrf_token, header X-CSRF-Token). */
  public String csrfFor(UUID jti) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(jti.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean csrfMatches(UUID jti, String header) {
    return header != null
        && MessageDigest.isEqual(
            csrfFor(jti).getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

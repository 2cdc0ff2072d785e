package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  final SessionTokens tokens = new SessionTokens(SECRET, Duration.ofDays(7), Clock.systemUTC());
  final UUID user = UUID.randomUUID();

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  @Test
  void issuedTokenVerifiesWithItsClaims() {
    SessionTokens.Issued issued = tokens.issue(user, 0);
    SessionTokens.Session s = tokens.verify(issued.token()).orElseThrow();
    assertThat(s.userId()).isEqualTo(user);
    assertThat(s.jti()).isEqualTo(issued.jti());
    assertThat(s.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(6)));
    assertThat(decode(issued.token().split("\\.")[0])).contains("\"alg\":\"HS256\"");
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String[] parts = tokens.issue(user, 0).token().split("\\.");
    String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
    assertThat(tokens.verify(none)).isEmpty();
    // also with the original signature left in place
    assertThat(tokens.verify(b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]))
        .isEmpty();
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() {
    String forged =
        Jwts.builder()
            .issuer(SessionTokens.ISSUER)
            .subject(user.toString())
            .id(UUID.randomUUID().toString())
            .expiration(Date.from(Instant.now().plusSeconds(3600)))
            .signWith(
                Keys.hmacShaKeyFor(
                    "another-secret-another-secret-another-secret"
                        .getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256)
            .compact();
    assertThat(tokens.verify(forged)).isEmpty();
  }

  @Test
  void editedClaimsBreakTheSignature() {
    String[] parts = tokens.issue(user, 0).token().split("\\.");
    String payload = decode(parts[1]).replace(user.toString(), UUID.randomUUID().toString());
    assertThat(tokens.verify(parts[0] + "." + b64(payload) + "." + parts[2])).isEmpty();
    String longer = decode(parts[1]).replaceAll("\"exp\":(\\d+)", "\"exp\":9999999999");
    assertThat(tokens.verify(parts[0] + "." + b64(longer) + "." + parts[2])).isEmpty();
  }

  @Test
  void expiredTokenIsRefused() {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC);
    String old = new SessionTokens(SECRET, Duration.ofDays(7), past).issue(user, 0).token();
    assertThat(tokens.verify(old)).isEmpty();
  }

  @Test
  void otherIssuerOrGarbageIsRefused() {
    String other =
        Jwts.builder()
            .issuer("someone-else")
            .subject(user.toString())
            .id(UUID.randomUUID().toString())
            .expiration(Date.from(Instant.now().plusSeconds(3600)))
            .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
            .compact();
    assertThat(tokens.verify(other)).isEmpty();
    assertThat(tokens.verify("not.a.jwt")).isEmpty();
    assertThat(tokens.verify("")).isEmpty();
  }

  @Test
  void csrfTokenIsBoundToTheSession() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    assertThat(tokens.csrfMatches(a, tokens.csrfFor(a))).isTrue();
    assertThat(tokens.csrfMatches(a, tokens.csrfFor(b))).isFalse();
    assertThat(tokens.csrfMatches(a, null)).isFalse();
    assertThat(new SessionTokens("x".repeat(40), Duration.ofDays(1), Clock.systemUTC()).csrfFor(a))
        .isNotEqualTo(tokens.csrfFor(a));
  }
}

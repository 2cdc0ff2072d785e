package dev.minirag.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The session cookie (HttpOnly) and its CSRF companion (readable by the console), both SameSite=Lax. */
public final class SessionCookies {
  public static final String SESSION = "minirag_session";
  public static final String CSRF = "csrf_token";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String LOGIN_STATE = "minirag_login";

  private final boolean secure;

  public SessionCookies(boolean secure) {
    this.secure = secure;
  }

  public NewCookie session(String token, Duration ttl) {
    return cookie(SESSION, token, ttl, true);
  }

  public NewCookie csrf(String value, Duration ttl) {
    return cookie(CSRF, value, ttl, false);
  }

  public NewCookie loginState(String value) {
    return cookie(LOGIN_STATE, value, Duration.ofMinutes(10), true);
  }

  public NewCookie expire(String name) {
    return new NewCookie.Builder(name).value("").path("/").maxAge(0).secure(secure)
        .httpOnly(!CSRF.equals(name)).sameSite(NewCookie.SameSite.LAX).build();
  }

  private NewCookie cookie(String name, String value, Duration ttl, boolean httpOnly) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .maxAge((int) ttl.toSeconds())
        .secure(secure)
        .httpOnly(httpOnly)
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}

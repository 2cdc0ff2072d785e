package dev.minirag.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The session cookie (HttpOnly) and its CSRF companion (readable by the console), both
 * SameSite=Lax, and the short-lived login-state cookie of a sign-in in flight. In Secure mode the
 * session and the login-state cookies are named {@code __Host-minirag_session} and {@code
 * __Host-minirag_login}: browsers then accept them only from a secure origin, with Path=/ and no
 * Domain, so a sibling subdomain or a plain-HTTP page cannot set or overwrite them (session
 * fixation by cookie tossing; for the login state, login CSRF: finishing a sign-in the attacker
 * started, into the attacker's account). Only those names are read in Secure mode.
 */
public final class SessionCookies {
  public static final String SESSION = "minirag_session";
  public static final String HOST_PREFIX = "__Host-";
  public static final String CSRF = "csrf_token";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String LOGIN_STATE = "minirag_login";

  private final boolean secure;

  public SessionCookies(boolean secure) {
    this.secure = secure;
  }

  /** The session cookie's name in this mode: the only one the service sets and reads. */
  public String sessionName() {
    return sessionName(secure);
  }

  public static String sessionName(boolean secure) {
    return secure ? HOST_PREFIX + SESSION : SESSION;
  }

  public NewCookie session(String token, Duration ttl) {
    return cookie(sessionName(), token, ttl, true);
  }

  public NewCookie expireSession() {
    return expire(sessionName());
  }

  /**
   * In Secure mode, the unprefixed cookie a browser may still hold from before the prefix: expired
   * on sign-in and sign-out so it does not linger (it is never read).
   */
  NewCookie[] expireLegacySession() {
    return secure ? new NewCookie[] {expire(SESSION)} : new NewCookie[0];
  }

  public NewCookie csrf(String value, Duration ttl) {
    return cookie(CSRF, value, ttl, false);
  }

  /** The login-state cookie's name in this mode: the only one the service sets and reads. */
  public String loginStateName() {
    return secure ? HOST_PREFIX + LOGIN_STATE : LOGIN_STATE;
  }

  public NewCookie loginState(String value) {
    return cookie(loginStateName(), value, Duration.ofMinutes(10), true);
  }

  public NewCookie expireLoginState() {
    return expire(loginStateName());
  }

  // Path=/ and no Domain on every cookie: required for the __Host- prefix, harmless for the others.
  public NewCookie expire(String name) {
    return new NewCookie.Builder(name)
        .value("")
        .path("/")
        .maxAge(0)
        .secure(secure)
        .httpOnly(!CSRF.equals(name))
        .sameSite(NewCookie.SameSite.LAX)
        .build();
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

package dev.minirag.auth;

import dev.minirag.access.Caller;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Starts and ends cookie sessions: token, cookies, revocation and the audit rows for each. */
public class Sessions {

  private final SessionTokens tokens;
  private final SessionDao dao;
  private final SessionCookies cookies;
  private final AuditLog audit;
  private final UserService users;

  public Sessions(
      SessionTokens tokens,
      SessionDao dao,
      SessionCookies cookies,
      AuditLog audit,
      UserService users) {
    this.users = users;
    this.tokens = tokens;
    this.dao = dao;
    this.cookies = cookies;
    this.audit = audit;
  }

  /** Adds the session and CSRF cookies for a freshly signed-in user to the response. */
  public Response.ResponseBuilder start(
      User user, String method, Response.ResponseBuilder response) {
    SessionTokens.Issued issued = tokens.issue(user.id(), users.tokenVersion(user.id()));
    audit.record(
        user.id(),
        null,
        AuditActions.SIGN_IN,
        user.defaultWorkspaceId(),
        user.id().toString(),
        Map.of("method", method));
    return response
        .cookie(
            cookies.session(issued.token(), tokens.ttl()),
            cookies.csrf(tokens.csrfFor(issued.jti()), tokens.ttl()))
        .cookie(cookies.expireLegacySession());
  }

  /**
   * Ends every session of the signed-in caller, on every device, and expires this one's cookies.
   */
  public Response.ResponseBuilder endEverywhere(Caller caller, Response.ResponseBuilder response) {
    UUID user = caller.requireUser();
    users.signOutEverywhere(user);
    audit.record(
        caller, AuditActions.SIGN_OUT_EVERYWHERE, caller.workspaceId(), user.toString(), Map.of());
    return response
        .cookie(cookies.expireSession(), cookies.expire(SessionCookies.CSRF))
        .cookie(cookies.expireLegacySession());
  }

  /** Revokes the caller's session token (by id) and expires both cookies. */
  public Response.ResponseBuilder end(Caller caller, Response.ResponseBuilder response) {
    if (caller.sessionId() != null) {
      UUID jti = UUID.fromString(caller.sessionId());
      // The denylist row outlives the token's own expiry; the TTL bounds it.
      dao.revoke(
          jti,
          caller.userId(),
          java.time.Instant.now().plus(tokens.ttl()).atOffset(ZoneOffset.UTC));
      audit.record(
          caller,
          AuditActions.SIGN_OUT,
          caller.workspaceId(),
          caller.userId().toString(),
          Map.of());
    }
    return response
        .cookie(cookies.expireSession(), cookies.expire(SessionCookies.CSRF))
        .cookie(cookies.expireLegacySession());
  }
}

package dev.minirag.auth;

import dev.minirag.access.Caller;
import dev.minirag.logging.LogContext;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;

/**
 * The one authentication filter: an API key ({@code X-API-Key: ...} or {@code Authorization: ApiKey
 * ...}) first, else the session cookie. Registered for every method that declares
 * {@code @RolesAllowed}, {@code @PermitAll} or takes {@code @Auth Caller}.
 */
@Priority(Priorities.AUTHENTICATION)
public class CallerAuthFilter extends AuthFilter<CallerResolver.Credentials, Caller> {

  public static final String API_KEY_HEADER = "X-API-Key";
  public static final String WORKSPACE_HEADER = "X-Workspace-Id";
  private static final String SCHEME = "ApiKey";

  /** The session cookie's name in this deployment ({@link SessionCookies#sessionName()}). */
  private final String sessionCookie;

  CallerAuthFilter(String sessionCookie) {
    this.sessionCookie = sessionCookie;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    CallerResolver.Credentials credentials = extract(request, sessionCookie);
    String scheme = credentials.apiKey() != null ? SCHEME : "Cookie";
    if (!authenticate(request, credentials.present() ? credentials : null, scheme)) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
    if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
      LogContext.caller(
          caller.userId(), caller.workspaceId(), caller.apiKeyId(), request::setProperty);
    }
  }

  static CallerResolver.Credentials extract(ContainerRequestContext request, String sessionCookie) {
    String key = blankToNull(request.getHeaderString(API_KEY_HEADER));
    if (key == null) {
      String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
      if (authorization != null
          && authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
        key = blankToNull(authorization.substring(SCHEME.length() + 1));
      }
    }
    Cookie session = request.getCookies().get(sessionCookie);
    return new CallerResolver.Credentials(
        key,
        session == null ? null : blankToNull(session.getValue()),
        blankToNull(request.getHeaderString(WORKSPACE_HEADER)),
        request.getMethod().toUpperCase(Locale.ROOT),
        request.getHeaderString(SessionCookies.CSRF_HEADER));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public static class Builder
      extends AuthFilterBuilder<CallerResolver.Credentials, Caller, CallerAuthFilter> {
    private final String sessionCookie;

    public Builder(String sessionCookie) {
      this.sessionCookie = sessionCookie;
    }

    @Override
    protected CallerAuthFilter newInstance() {
      return new CallerAuthFilter(sessionCookie);
    }
  }
}

package dev.minirag.auth;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Public;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import dev.minirag.users.IdentityConflictException;
import dev.minirag.users.ProviderIdentity;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.context.CallContext;
import org.pac4j.core.exception.TechnicalException;
import org.pac4j.core.exception.http.WithLocationAction;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.jee.context.JEEContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with an OIDC provider (pac4j), the development sign-in link, and sign-out. How every
 * other endpoint authenticates is in the OpenAPI document's security schemes ({@code apidocs}).
 */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {
  private static final Logger LOG = LoggerFactory.getLogger(AuthResource.class);

  public record Providers(List<String> providers, boolean devLogin) {}

  /** The console's sign-in screen and the error codes it explains. */
  static final String CONSOLE_SIGN_IN = "/sign-in";

  static final String LINK_INVALID = "link_invalid";

  private final OidcProviders providers;
  private final LoginStateStore states;
  private final SessionCookies cookies;
  private final Sessions sessions;
  private final UserService users;
  private final LoginLinks links;
  private final FailedAuthAudit failures;
  private final AuditLog audit;
  private final String home;

  public AuthResource(
      OidcProviders providers,
      LoginStateStore states,
      SessionCookies cookies,
      Sessions sessions,
      UserService users,
      LoginLinks links,
      FailedAuthAudit failures,
      AuditLog audit,
      String publicBaseUrl) {
    this.providers = providers;
    this.states = states;
    this.cookies = cookies;
    this.sessions = sessions;
    this.users = users;
    this.links = links;
    this.failures = failures;
    this.audit = audit;
    this.home = publicBaseUrl + "/";
  }

  @GET
  @Path("/providers")
  @Public
  @Timed
  @Operation(
      summary =
          "Sign-in options: configured providers and whether the development link is on (public)")
  public Providers list() {
    return new Providers(List.copyOf(providers.names()), links.enabled());
  }

  @GET
  @Path("/login/{provider}")
  @Public
  @Timed
  @Operation(
      summary =
          "Start sign-in: 302 to the provider (oidc or google); 503 (a browser: 302 to /sign-in?error=provider_unavailable) while the provider is unreachable (public)")
  public Response login(
      @Parameter(description = "oidc or google") @PathParam("provider") String provider,
      @Context HttpServletRequest request,
      @Context HttpServletResponse response,
      @Context HttpHeaders headers) {
    OidcProvider p = provider(provider);
    try {
      IndirectClient client = p.client().orElseThrow(SignInRefused::unavailable);
      String loginId = UUID.randomUUID().toString();
      request.setAttribute(LoginStateStore.ATTRIBUTE, loginId);
      CallContext ctx = new CallContext(new JEEContext(request, response), states);
      String location =
          client
              .getRedirectionAction(ctx)
              .filter(a -> a instanceof WithLocationAction)
              .map(a -> ((WithLocationAction) a).getLocation())
              .orElseThrow(() -> new TechnicalException("provider gave no redirect"));
      return Response.status(302)
          .location(URI.create(location))
          .cookie(cookies.loginState(loginId))
          .build();
    } catch (TechnicalException e) {
      LOG.warn("Sign-in with {} could not start: {}", provider, e.toString());
      return backToConsole(headers, SignInRefused.unavailable());
    } catch (SignInRefused e) {
      return backToConsole(headers, e);
    }
  }

  @GET
  @Path("/callback/{provider}")
  @Public
  @Timed
  @Operation(
      summary =
          "Provider callback: verifies the code, signs in, sets the session cookie, 302 to the console (public)")
  public Response callback(
      @PathParam("provider") String provider,
      @Context HttpServletRequest request,
      @Context HttpServletResponse response,
      @Context HttpHeaders headers) {
    OidcProvider p = provider(provider);
    // Only this mode's name: in Secure mode an unprefixed cookie may have been planted by a sibling
    // subdomain or an http page (login CSRF), so it is never read.
    Cookie state = headers.getCookies().get(cookies.loginStateName());
    String loginId = state == null ? null : state.getValue();
    try {
      IndirectClient client = p.client().orElseThrow(SignInRefused::unavailable);
      return finishSignIn(p, loginId, request, response, client);
    } catch (SignInRefused e) {
      return backToConsole(headers, e);
    } catch (ApiException e) {
      // e.g. the provider's email is not one we accept: still a screen for a person, not JSON
      return backToConsole(
          headers, new SignInRefused(e.status(), SignInRefused.SIGN_IN_FAILED, e.getMessage()));
    }
  }

  private Response finishSignIn(
      OidcProvider p,
      String loginId,
      HttpServletRequest request,
      HttpServletResponse response,
      IndirectClient client) {
    String provider = p.name();
    if (loginId == null || loginId.isBlank()) {
      return refuse(provider, "missing login state cookie");
    }
    request.setAttribute(LoginStateStore.ATTRIBUTE, loginId);
    CallContext ctx = new CallContext(new JEEContext(request, response), states);
    Optional<UserProfile> profile;
    try {
      profile =
          client
              .getCredentials(ctx)
              .flatMap(c -> client.validateCredentials(ctx, c))
              .flatMap(c -> client.getUserProfile(ctx, c));
    } catch (RuntimeException e) {
      LOG.warn("Sign-in with {} failed: {}", provider, e.toString());
      return refuse(provider, "provider response rejected");
    } finally {
      states.destroySession(ctx.webContext());
    }
    if (profile.isEmpty()) {
      return refuse(provider, "no profile");
    }
    Object email = profile.get().getAttribute("email");
    if (email == null || email.toString().isBlank()) {
      return refuse(provider, "no email");
    }
    // Only an address the provider vouches for may open an account or be linked to one (see
    // UserService.signIn). A missing claim counts as not verified.
    Object verified = profile.get().getAttribute("email_verified");
    if (!"true".equalsIgnoreCase(String.valueOf(verified)) && !p.allowsUnverifiedEmail()) {
      failures.failed(null, provider, "email not verified");
      throw new SignInRefused(
          401,
          SignInRefused.EMAIL_UNVERIFIED,
          "Sign-in refused: the provider has not verified this account's email address");
    }
    String subject = profile.get().getId();
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      return refuse(provider, "no usable subject");
    }
    Object name = profile.get().getAttribute("name");
    boolean emailVerified = "true".equalsIgnoreCase(String.valueOf(verified));
    UserService.SignedIn signedIn;
    try {
      // The configured issuer: pac4j has checked the ID token's iss against it.
      signedIn =
          users.signIn(
              new ProviderIdentity(
                  p.issuer(),
                  subject,
                  email.toString(),
                  emailVerified,
                  name == null ? null : name.toString()));
    } catch (IdentityConflictException e) {
      // Not attributed to the account (its owner did nothing); the log names it for whoever
      // investigates.
      LOG.warn(
          "Sign-in with {} refused for user {}: {} (issuer {}, subject {})",
          provider,
          e.userId(),
          e.getMessage(),
          p.issuer(),
          subject);
      failures.failed(null, provider, "identity conflict: " + e.getMessage());
      throw new SignInRefused(
          409,
          SignInRefused.IDENTITY_CONFLICT,
          "Sign-in refused: an account with this email already exists and is not linked to this sign-in identity");
    }
    User user = signedIn.user();
    if (signedIn.linked()) {
      audit.record(
          user.id(),
          null,
          AuditActions.USER_IDENTITY_LINK,
          null,
          user.id().toString(),
          Map.of("method", provider, "issuer", p.issuer()));
    }
    return sessions
        .start(user, provider, Response.status(302).location(URI.create(home)))
        .cookie(cookies.expireLoginState())
        .build();
  }

  @GET
  @Path("/dev-login")
  @Public
  @Timed
  @Fails(status = 404, when = "The service is not in development mode")
  @Operation(
      summary =
          "Development only: redeem a one-time sign-in link printed at startup (404 otherwise)")
  public Response devLogin(@QueryParam("token") String token, @Context HttpHeaders headers) {
    if (!links.enabled()) {
      throw ApiException.notFound("Not found");
    }
    Optional<UUID> userId = links.consume(token);
    if (userId.isEmpty()) {
      failures.failed(null, "dev_link", "invalid, used or expired link");
      return backToConsole(
          headers,
          new SignInRefused(401, LINK_INVALID, "This sign-in link is invalid, used or expired"));
    }
    Optional<User> user = users.find(userId.get());
    if (user.isEmpty()) {
      return backToConsole(headers, new SignInRefused(401, LINK_INVALID, "Unknown user"));
    }
    // Relative: the browser lands on the origin it used, the one the session cookies were just set
    // for (in development that is often 127.0.0.1 or another port than the configured public URL).
    return sessions
        .start(user.get(), "dev_link", Response.status(302).location(URI.create("/")))
        .build();
  }

  @POST
  @Path("/logout")
  @PermitAll
  @Timed
  @Operation(
      summary = "Sign out: revokes this session token and clears the cookies (needs X-CSRF-Token)")
  public Response logout(@Auth Caller caller) {
    return sessions.end(caller, Response.noContent()).build();
  }

  @POST
  @Path("/logout-everywhere")
  @PermitAll
  @Timed
  @Operation(
      summary =
          "Sign out everywhere: ends every session of the signed-in user on every device (needs X-CSRF-Token; not for API keys)")
  public Response logoutEverywhere(@Auth Caller caller) {
    return sessions.endEverywhere(caller, Response.noContent()).build();
  }

  /**
   * A failed sign-in answers a browser page load (it asked for HTML) with a redirect to the
   * console's sign-in screen and a short error code, so a person sees a screen instead of a JSON
   * body; API clients still get the 401 error shape. The location is relative (Jersey makes it
   * absolute on the request's origin): the browser is already on this origin, whatever the public
   * URL says.
   */
  private static Response backToConsole(HttpHeaders headers, SignInRefused failure) {
    boolean browser =
        headers.getAcceptableMediaTypes().stream()
            .anyMatch(
                m ->
                    m.getType().equalsIgnoreCase("text")
                        && m.getSubtype().equalsIgnoreCase("html"));
    if (!browser) {
      throw failure;
    }
    return Response.status(302)
        .location(URI.create(CONSOLE_SIGN_IN + "?error=" + failure.code()))
        .build();
  }

  private OidcProvider provider(String name) {
    return providers
        .provider(name)
        .orElseThrow(() -> ApiException.notFound("Unknown sign-in provider"));
  }

  private Response refuse(String provider, String reason) {
    failures.failed(null, provider, reason);
    throw new SignInRefused(401, SignInRefused.SIGN_IN_FAILED, "Sign-in failed: " + reason);
  }
}

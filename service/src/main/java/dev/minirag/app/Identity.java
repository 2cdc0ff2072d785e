package dev.minirag.app;

import com.codahale.metrics.health.HealthCheckFilter;
import dev.minirag.access.Caller;
import dev.minirag.admin.AdminDao;
import dev.minirag.admin.AdminResource;
import dev.minirag.apikeys.ApiKeyDao;
import dev.minirag.apikeys.ApiKeyResource;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.audit.AuditContext;
import dev.minirag.audit.AuditDao;
import dev.minirag.audit.AuditLog;
import dev.minirag.auth.AuthConfig;
import dev.minirag.auth.AuthResource;
import dev.minirag.auth.CallerAuthFilter;
import dev.minirag.auth.CallerResolver;
import dev.minirag.auth.FailedAuthAudit;
import dev.minirag.auth.JsonUnauthorizedHandler;
import dev.minirag.auth.LoginLinks;
import dev.minirag.auth.LoginStateStore;
import dev.minirag.auth.MeResource;
import dev.minirag.auth.MeView;
import dev.minirag.auth.OidcProviders;
import dev.minirag.auth.SessionCookies;
import dev.minirag.auth.SessionDao;
import dev.minirag.auth.SessionResource;
import dev.minirag.auth.SessionTokens;
import dev.minirag.auth.Sessions;
import dev.minirag.auth.SignInProvidersHealthCheck;
import dev.minirag.tenancy.InvitationDao;
import dev.minirag.tenancy.InvitationResource;
import dev.minirag.tenancy.InvitationService;
import dev.minirag.tenancy.MemberResource;
import dev.minirag.tenancy.MyInvitationResource;
import dev.minirag.tenancy.TenancyDao;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.tenancy.WorkspaceResource;
import dev.minirag.users.User;
import dev.minirag.users.UserDao;
import dev.minirag.users.UserService;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity wiring (users, workspaces, sign-in, API keys, admin, audit): builds DAOs, services and
 * resources and registers the auth filter with Dropwizard. AppContext calls {@link #register};
 * other features get {@link #auditLog()} and {@link #tenancy()} from here.
 */
public class Identity {
  private static final Logger LOG = LoggerFactory.getLogger(Identity.class);

  /** The user the development sign-in link is printed for. */
  public static final String DEV_ADMIN_EMAIL = "admin@localhost";

  private final Environment env;
  private final AuthConfig auth;
  private final boolean devMode;
  private final UserService users;
  private final TenancyService tenancy;
  private final InvitationService invitations;
  private final ApiKeyService keys;
  private final AuditLog audit;
  private final SessionDao sessionDao;
  private final SessionTokens tokens;
  private final LoginLinks links;
  private final OidcProviders providers;

  public Identity(MiniRagConfiguration config, Environment env, Jdbi jdbi) {
    this.env = env;
    this.auth = config.getAuth();
    auth.validate();
    this.devMode = config.getSecurity().isDevMode();
    Clock clock = Clock.systemUTC();
    this.users =
        new UserService(
            jdbi.onDemand(UserDao.class),
            new dev.minirag.tenancy.FirstWorkspaces(),
            config.getSecurity().isDevMode(),
            auth.getBootstrapAdminEmail());
    this.tenancy = new TenancyService(jdbi.onDemand(TenancyDao.class), users);
    this.invitations =
        new InvitationService(
            jdbi.onDemand(InvitationDao.class), tenancy, users, auth.getInvitationTtl(), clock);
    this.keys = new ApiKeyService(jdbi.onDemand(ApiKeyDao.class), clock, auth.getApiKeyCacheTtl());
    this.audit = new AuditLog(jdbi.onDemand(AuditDao.class), env.getObjectMapper());
    this.sessionDao = jdbi.onDemand(SessionDao.class);
    this.tokens = new SessionTokens(secretOrRandom(config), auth.getSessionTtl(), clock);
    this.providers = new OidcProviders(auth, clock);
    this.links =
        new LoginLinks(sessionDao, auth.getPublicBaseUrl(), devMode && !providers.any(), clock);
    this.adminDao = jdbi.onDemand(AdminDao.class);
  }

  private final AdminDao adminDao;

  public AuditLog auditLog() {
    return audit;
  }

  public ApiKeyService apiKeys() {
    return keys;
  }

  public TenancyService tenancy() {
    return tenancy;
  }

  public SessionTokens sessionTokens() {
    return tokens;
  }

  public void register(boolean printSignInLink) {
    env.servlets()
        .addFilter("audit-context", new AuditContext())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");

    FailedAuthAudit failures = new FailedAuthAudit(audit, Clock.systemUTC());
    env.lifecycle().manage(failures);
    CallerResolver resolver =
        new CallerResolver(keys, tokens, sessionDao, users, tenancy, audit, failures);
    SessionCookies cookies = new SessionCookies(auth.isCookieSecure());
    env.jersey()
        .register(
            new AuthDynamicFeature(
                new CallerAuthFilter.Builder(cookies.sessionName())
                    .setAuthenticator(c -> resolver.resolve(c))
                    .setAuthorizer((caller, role, request) -> caller.can(role))
                    .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                    .setPrefix("ApiKey")
                    .setRealm("mini-rag")
                    .buildAuthFilter()));
    env.jersey().register(RolesAllowedDynamicFeature.class);
    env.lifecycle().manage(providers);
    env.healthChecks()
        .register(SignInProvidersHealthCheck.NAME, new SignInProvidersHealthCheck(providers));
    // The admin port's /healthcheck is what load balancers probe: an identity-provider outage must
    // not take every node out of rotation (API keys and existing sessions still work). It shows in
    // /api/v1/health instead.
    env.getAdminContext()
        .setAttribute(
            HealthCheckServlet.HEALTH_CHECK_FILTER,
            (HealthCheckFilter) (name, check) -> !SignInProvidersHealthCheck.NAME.equals(name));
    env.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));

    Sessions sessions = new Sessions(tokens, sessionDao, cookies, audit, users);
    env.jersey()
        .register(
            new AuthResource(
                providers,
                new LoginStateStore(Clock.systemUTC()),
                cookies,
                sessions,
                users,
                links,
                failures,
                audit,
                auth.getPublicBaseUrl()));
    MeView me = new MeView(users, tenancy);
    env.jersey().register(new MeResource(me));
    env.jersey().register(new SessionResource(me));
    env.jersey().register(new WorkspaceResource(tenancy, audit));
    env.jersey().register(new MemberResource(tenancy, invitations, audit));
    env.jersey().register(new InvitationResource(invitations, audit));
    env.jersey().register(new MyInvitationResource(invitations, audit));
    env.jersey().register(new ApiKeyResource(keys, audit));
    env.jersey().register(new AdminResource(users, tenancy, adminDao, audit));

    sessionDao.purgeExpired();
    if (printSignInLink && links.enabled()) {
      User admin = users.createAdmin(DEV_ADMIN_EMAIL);
      LOG.warn(
          "Development sign-in (one use, expires in {} min): {}",
          LoginLinks.TTL.toMinutes(),
          links.issue(admin.id()));
    }
  }

  /** Dev mode without a secret still gets signed sessions, valid until restart. */
  private static String secretOrRandom(MiniRagConfiguration config) {
    String secret = config.getSecurity().getJwtSecret();
    if (secret == null || secret.isBlank()) {
      byte[] b = new byte[48];
      new java.security.SecureRandom().nextBytes(b);
      return java.util.Base64.getEncoder().encodeToString(b);
    }
    return secret;
  }
}

package dev.minirag.app;

import dev.minirag.MiniRagApplication;
import dev.minirag.apidocs.ApiDocs;
import dev.minirag.apidocs.ApiDocsServlet;
import dev.minirag.apidocs.ErrorResponsesReader;
import dev.minirag.ask.AskResource;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiExceptionMapper;
import dev.minirag.common.BodyLimitFilter;
import dev.minirag.common.DatabaseUnavailableMapper;
import dev.minirag.common.JsonErrorHandler;
import dev.minirag.common.JsonExceptionMapper;
import dev.minirag.common.RequestIdFilter;
import dev.minirag.common.SecurityHeadersFilter;
import dev.minirag.common.UnhandledExceptionMapper;
import dev.minirag.common.ValidationExceptionMapper;
import dev.minirag.common.WebApplicationExceptionMapper;
import dev.minirag.common.db.Migrations;
import dev.minirag.common.db.PlainSql;
import dev.minirag.console.ConsoleFilter;
import dev.minirag.documents.SourcesResource;
import dev.minirag.eval.EvalResource;
import dev.minirag.eval.EvalService;
import dev.minirag.health.BuildInfo;
import dev.minirag.health.DatabaseHealthCheck;
import dev.minirag.health.HealthDao;
import dev.minirag.health.HealthResource;
import dev.minirag.health.IndexHealthCheck;
import dev.minirag.health.MigrationsHealthCheck;
import dev.minirag.health.PgvectorHealthCheck;
import dev.minirag.health.VersionResource;
import dev.minirag.jobs.JobsResource;
import dev.minirag.legacy.LegacyResource;
import dev.minirag.logging.QuietRequestLog;
import dev.minirag.metrics.HealthCheckMetrics;
import dev.minirag.metrics.HttpMetricsFilter;
import dev.minirag.metrics.PrometheusServlet;
import dev.minirag.onboarding.OnboardingResource;
import dev.minirag.search.SearchResource;
import dev.minirag.tracing.RouteSpanFilter;
import dev.minirag.tracing.ServerSpanFilter;
import dev.minirag.tracing.StatementSpans;
import dev.minirag.tracing.Tracing;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.prometheus.client.CollectorRegistry;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.servlet.DispatcherType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Builds DAOs, then services, then resources, and hands them to Dropwizard. Nothing else. */
public class AppContext {

  private final MiniRagConfiguration config;
  private final Environment env;
  private Core core;
  private Backups backups;
  private Tracing tracing = Tracing.OFF;

  /**
   * @param forServer whether this builds the {@code server} command's application; operator
   *     commands build the same application but print only what they were asked for (no development
   *     sign-in link)
   */
  public AppContext(MiniRagConfiguration config, Environment env, boolean forServer) {
    this.config = config;
    this.env = env;
    this.forServer = forServer;
  }

  private final boolean forServer;

  public void start() throws Exception {
    SecretsCheck.enforce(
        config.getSecurity(),
        SecretsCheck.featureProblems(config.getAuth(), config.getEmbedding(), config.getAnswer()));
    LoopbackCheck.enforce(config.getSecurity().isDevMode(), config.getServerFactory());
    ManagedDataSource dataSource = config.getDatabase().build(env.metrics(), "postgresql");
    if (config.isMigrateOnStart()) {
      Migrations.apply(dataSource, MiniRagApplication.CHANGELOG);
    }
    Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), dataSource, "postgresql");
    PlainSql.configure(jdbi);
    // Managed first, so stopped last: spans of the final requests and jobs are still exported.
    tracing = Tracing.start(config.getTracing(), BuildInfo.load().version());
    env.lifecycle().manage(tracing);
    StatementSpans.install(jdbi, tracing);

    CollectorRegistry prometheus = new CollectorRegistry();
    registerPlumbing(prometheus);
    HealthDao health = jdbi.onDemand(HealthDao.class);
    env.healthChecks().register("database", new DatabaseHealthCheck(health));
    env.healthChecks().register("pgvector", new PgvectorHealthCheck(health));
    env.healthChecks()
        .register(
            "migrations", new MigrationsHealthCheck(dataSource, MiniRagApplication.CHANGELOG));
    env.jersey().register(new VersionResource(BuildInfo.load(), Instant.now()));

    Identity identity = new Identity(config, env, jdbi);
    identity.register(forServer);

    Quotas quotas =
        Quotas.build(config.getLimits(), jdbi, identity.auditLog(), prometheus, env.lifecycle());
    env.jersey().register(quotas.rateLimitFilter());
    env.jersey().register(quotas.usageResource());
    env.jersey().register(quotas.adminResource());
    env.jersey().register(new OnboardingResource(quotas.service(), identity.apiKeys()));

    Billing billing = Billing.build(config, env, jdbi, quotas, identity.auditLog(), prometheus);
    env.jersey().register(billing.resource());
    env.jersey().register(billing.adminResource());

    core =
        Core.build(
            config,
            env,
            jdbi,
            identity.auditLog(),
            quotas.service(),
            billing.service(),
            prometheus,
            identity.tenancy(),
            identity.apiKeys(),
            tracing);
    env.healthChecks().register("index", new IndexHealthCheck(core.index()::problem));
    env.jersey()
        .register(new HealthResource(env.healthChecks(), core.index()::lag, core.jobs()::queued));
    AuditLog audit = identity.auditLog();
    env.jersey()
        .register(
            new SourcesResource(core.ingest(), core.sources(), core.intake(), audit, core.jobs()));
    env.jersey().register(new SearchResource(core.search(), core.sources(), quotas.service()));
    env.jersey().register(new AskResource(core.askResponses()));
    env.jersey().register(new JobsResource(core.jobs(), audit));
    env.jersey()
        .register(
            new EvalResource(new EvalService(core.search()), core.sources(), quotas.service()));
    env.jersey().register(new LegacyResource(core.intake(), core.sources(), core.askResponses()));
    backups =
        Backups.build(
            config,
            jdbi,
            core,
            identity.auditLog(),
            quotas.service(),
            billing.service(),
            env.getObjectMapper());
    env.jersey().register(backups.exportResource());
    env.jersey().register(backups.exportJobsResource());
    env.jersey().register(backups.importResource());
    registerOpenApi();
  }

  /**
   * The retrieval core built by {@link #start}, for operator commands (ingest, reindex, eval,
   * bench) that drive it in-process.
   */
  public Core core() {
    if (core == null) {
      throw new IllegalStateException("start() has not run");
    }
    return core;
  }

  /** The tracer built by {@link #start} ({@link Tracing#OFF} unless an OTLP endpoint is set). */
  public Tracing tracing() {
    return tracing;
  }

  /** Workspace export and import built by {@link #start}, for the export and import commands. */
  public Backups backups() {
    if (backups == null) {
      throw new IllegalStateException("start() has not run");
    }
    return backups;
  }

  private void registerPlumbing(CollectorRegistry prometheus) {
    var all = EnumSet.of(DispatcherType.REQUEST);
    env.servlets()
        .addFilter("request-id", new RequestIdFilter())
        .addMappingForUrlPatterns(all, false, "/*");
    // Right after the request id, so the server span covers every other filter of an API request.
    env.servlets()
        .addFilter("tracing", new ServerSpanFilter(tracing))
        .addMappingForUrlPatterns(all, true, "/api/*");
    env.jersey().register(new RouteSpanFilter());
    env.servlets()
        .addFilter(
            "security-headers",
            new SecurityHeadersFilter(config.getAuth().getPublicBaseUrl().startsWith("https://")))
        .addMappingForUrlPatterns(all, true, "/*");
    env.servlets()
        .addFilter("console", new ConsoleFilter(env.getObjectMapper()))
        .addMappingForUrlPatterns(all, true, "/*");
    var ingest = config.getIngest();
    env.servlets()
        .addFilter(
            "body-limit",
            new BodyLimitFilter(
                ingest.getMaxJsonBody().toBytes(),
                ingest.getMaxRequestSize().toBytes(),
                env.getObjectMapper()))
        .addMappingForUrlPatterns(all, true, "/*");
    env.servlets()
        .addServlet("prometheus", new PrometheusServlet(env.metrics(), prometheus))
        .addMapping("/metrics");
    env.jersey().register(new HttpMetricsFilter(prometheus));
    prometheus.register(new HealthCheckMetrics(env.healthChecks()));
    env.lifecycle().addEventListener(new QuietRequestLog());
    JsonErrorHandler errors = new JsonErrorHandler(env.getObjectMapper());
    env.getApplicationContext().setErrorHandler(errors);
    env.getAdminContext().setErrorHandler(errors);
    env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(errors));

    env.jersey().register(new ApiExceptionMapper());
    env.jersey().register(new WebApplicationExceptionMapper());
    env.jersey().register(new ValidationExceptionMapper());
    env.jersey().register(new JsonExceptionMapper());
    env.jersey().register(new DatabaseUnavailableMapper());
    env.jersey().register(new UnhandledExceptionMapper());
  }

  /**
   * The OpenAPI document at {@code /api/openapi.json} (with each operation's errors, see {@link
   * ErrorResponsesReader}) and Swagger UI on it at {@code /api/docs}.
   */
  private void registerOpenApi() throws Exception {
    OpenAPI api = ApiDocs.base(BuildInfo.load().version());
    SwaggerConfiguration openApiConfig =
        new SwaggerConfiguration()
            .openAPI(api)
            .prettyPrint(true)
            .readerClass(ErrorResponsesReader.class.getName())
            .resourcePackages(Set.of("dev.minirag"));
    new JaxrsOpenApiContextBuilder<>().openApiConfiguration(openApiConfig).buildContext(true);
    env.jersey().register(new OpenApiResource().openApiConfiguration(openApiConfig));
    env.servlets()
        .addServlet("api-docs", new ApiDocsServlet(env.getObjectMapper()))
        .addMapping("/api/docs", "/api/docs/*");
  }
}

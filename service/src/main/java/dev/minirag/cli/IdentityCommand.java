package dev.minirag.cli;

import dev.minirag.apikeys.ApiKeyDao;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.audit.AuditDao;
import dev.minirag.audit.AuditLog;
import dev.minirag.auth.LoginLinks;
import dev.minirag.auth.SessionDao;
import dev.minirag.common.CommandErrors;
import dev.minirag.common.db.PlainSql;
import dev.minirag.tenancy.TenancyDao;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.users.UserDao;
import dev.minirag.users.UserService;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Base of the operator commands ({@code users}, {@code workspaces}, {@code api-keys}): each has
 * actions as sub-commands that take the config file last, e.g. {@code api-keys list --workspace ID
 * config.yml}. Results go to stdout, nothing else does; messages go to stderr.
 */
public abstract class IdentityCommand extends ConfiguredCommand<MiniRagConfiguration> {

  /** The services a command acts through, over a plain connection pool (no server). */
  public record Services(
      UserService users,
      TenancyService tenancy,
      ApiKeyService keys,
      AuditLog audit,
      LoginLinks links) {}

  protected IdentityCommand(String name, String description) {
    super(name, description);
  }

  /** Adds the actions, each with its own options. */
  protected abstract void actions(Subparsers actions);

  protected abstract void run(String action, Namespace ns, Services services, PrintStream out)
      throws Exception;

  @Override
  public void configure(Subparser subparser) {
    Subparsers subs = subparser.addSubparsers().dest("action").metavar("ACTION");
    actions(subs);
  }

  /** Adds an action parser with the config-file argument. */
  protected Subparser action(Subparsers subs, String name, String help) {
    Subparser p = subs.addParser(name).help(help);
    addFileArgument(p);
    return p;
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace namespace, MiniRagConfiguration config)
      throws Exception {
    ManagedDataSource ds = config.getDatabase().build(bootstrap.getMetricRegistry(), "cli");
    try {
      Jdbi jdbi = PlainSql.configure(Jdbi.create(ds).installPlugin(new SqlObjectPlugin()));
      UserService users =
          new UserService(
              jdbi.onDemand(UserDao.class),
              new dev.minirag.tenancy.FirstWorkspaces(),
              config.getSecurity().isDevMode(),
              config.getAuth().getBootstrapAdminEmail());
      Clock clock = Clock.systemUTC();
      boolean linksOn = config.getSecurity().isDevMode() && !config.getAuth().anyProvider();
      Services services =
          new Services(
              users,
              new TenancyService(jdbi.onDemand(TenancyDao.class), users),
              new ApiKeyService(jdbi.onDemand(ApiKeyDao.class), clock),
              new AuditLog(jdbi.onDemand(AuditDao.class), bootstrap.getObjectMapper()),
              new LoginLinks(
                  jdbi.onDemand(SessionDao.class),
                  config.getAuth().getPublicBaseUrl(),
                  linksOn,
                  clock));
      run(namespace.getString("action"), namespace, services, System.out);
      System.out.flush();
    } finally {
      ds.stop();
    }
  }

  /** Operator mistakes print one line on stderr, not a stack trace (see {@link CommandErrors}). */
  @Override
  public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }

  protected static Map<String, Object> viaCli() {
    return Map.of("via", "cli");
  }

  /** Registers every operator command. */
  public static void registerAll(Bootstrap<MiniRagConfiguration> bootstrap) {
    bootstrap.addCommand(new UsersCommand());
    bootstrap.addCommand(new WorkspacesCommand());
    bootstrap.addCommand(new ApiKeysCommand());
  }
}

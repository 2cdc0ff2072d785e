package dev.minirag;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minirag.app.AppContext;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.cli.AnswerEvalCommand;
import dev.minirag.cli.EvalCommand;
import dev.minirag.cli.ExportCommand;
import dev.minirag.cli.ImportCommand;
import dev.minirag.cli.IngestCommand;
import dev.minirag.cli.ReembedCommand;
import dev.minirag.cli.ReindexCommand;
import dev.minirag.common.CommandErrors;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.forms.MultiPartBundle;
import io.dropwizard.migrations.MigrationsBundle;

public class MiniRagApplication extends Application<MiniRagConfiguration> {

  public static final String CHANGELOG = "db/changelog/master.xml";

  public static void main(String[] args) throws Exception {
    new MiniRagApplication().run(args);
  }

  /**
   * Usage mistakes (a wrong argument, a configuration path that is not a file) exit with 2, others
   * 1.
   */
  @Override
  protected void onFatalError(Throwable t) {
    System.exit(CommandErrors.isUsageMistake(t) ? 2 : 1);
  }

  @Override
  public String getName() {
    return "mini-rag";
  }

  @Override
  public void initialize(Bootstrap<MiniRagConfiguration> bootstrap) {
    // strict=false: unset variables fall back to the ${VAR:-default} given in config.yml.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    // Timestamps travel as ISO-8601 strings, which the console and scripts parse directly.
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    // A misspelt field is a 400 that names it, not a silently ignored option.
    bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    bootstrap.addBundle(new AssetsBundle("/console", "/", "index.html", "console"));
    bootstrap.addBundle(new MultiPartBundle());
    bootstrap.addCommand(new IngestCommand());
    bootstrap.addCommand(new ReindexCommand());
    bootstrap.addCommand(new ReembedCommand());
    bootstrap.addCommand(new ExportCommand());
    bootstrap.addCommand(new ImportCommand());
    bootstrap.addCommand(new EvalCommand());
    bootstrap.addCommand(new AnswerEvalCommand());
    bootstrap.addBundle(
        new MigrationsBundle<>() {
          @Override
          public DataSourceFactory getDataSourceFactory(MiniRagConfiguration configuration) {
            return configuration.getDatabase();
          }

          @Override
          public String getMigrationsFileName() {
            return CHANGELOG;
          }
        });
    // identity: operator commands (users, workspaces, api-keys)
    dev.minirag.cli.IdentityCommand.registerAll(bootstrap);
  }

  @Override
  public void run(MiniRagConfiguration configuration, Environment environment) throws Exception {
    new AppContext(configuration, environment, true).start();
  }
}

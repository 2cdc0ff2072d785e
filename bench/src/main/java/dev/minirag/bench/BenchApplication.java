package dev.minirag.bench;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.core.setup.Bootstrap;

/**
 * The service's commands plus {@code bench} and {@code soak}, which are tooling and not part of the
 * product jar. Run with the service jar and this module's jar on the class path, as {@code
 * bench/fresh.sh} does: {@code java -cp service/target/mini-rag.jar:bench/target/mini-rag-bench.jar
 * dev.minirag.bench.BenchApplication bench ... config.yml}.
 */
public class BenchApplication extends MiniRagApplication {

  public static void main(String[] args) throws Exception {
    new BenchApplication().run(args);
  }

  @Override
  public void initialize(Bootstrap<MiniRagConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new BenchCommand());
    bootstrap.addCommand(new SoakCommand());
  }
}

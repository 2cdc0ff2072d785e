package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's Playwright tests in Debian's Chromium against this running service. */
class ConsoleBrowserIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  @Test
  void playwrightSuitePasses() throws Exception {
    Path console = TestApp.repoRoot().resolve("frontend-react");
    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (bin/test installs it)").exists();
    int exit =
        TestApp.runProcess(
            console,
            Map.of(
                "BASE_URL", "http://127.0.0.1:" + APP.getLocalPort(),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "CI", "true"),
            "npx",
            "--no-install",
            "playwright",
            "test");
    assertThat(exit).as("Playwright exit code (its report is above)").isZero();
  }
}

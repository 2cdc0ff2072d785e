package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.auth.LoginLinks;
import dev.minirag.auth.SessionDao;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's Playwright suite in Debian's Chromium against this running service, signed in
 * through the development one-time sign-in link (plain-HTTP localhost, development mode).
 */
class ConsoleBrowserIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(MiniRagApplication.class, DB, Map.of(
      "security.jwtSecret", SECRET, "security.devMode", "true",
      "auth.cookieSecure", "false", "auth.publicBaseUrl", "http://localhost:8080"));

  @Test
  void playwrightSuitePasses() throws Exception {
    Path console = TestApp.repoRoot().resolve("frontend-react");
    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (bin/test installs it)").exists();
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    var admin = f.users.findByEmail("admin@localhost").orElseThrow();
    String loginPath = new LoginLinks(f.jdbi.onDemand(SessionDao.class), "", true, Clock.systemUTC()).issue(admin.id());
    assertThat(loginPath).startsWith("/api/v1/auth/dev-login?token=");
    int exit =
        TestApp.runProcess(
            console,
            Map.of(
                "BASE_URL", "http://127.0.0.1:" + APP.getLocalPort(),
                "LOGIN_PATH", loginPath,
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "CI", "true"),
            "npx",
            "--no-install",
            "playwright",
            "test");
    assertThat(exit).as("Playwright exit code (its report is above)").isZero();
  }
}

package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Postman collection in postman/, run by newman against the live service. */
class PostmanContractIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(dev.minirag.MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  @Test
  void newmanPassesTheWholeCollection() throws Exception {
    Path postman = TestApp.repoRoot().resolve("postman");
    Path newman = postman.resolve("node_modules/.bin/newman");
    assertThat(newman).as("run `npm ci` in postman/ (bin/test does)").exists();
    Path report = TestApp.repoRoot().resolve("service/target/newman/junit.xml");
    Files.createDirectories(report.getParent());
    // identity: a system admin (first user) with a session, and an admin-scoped key for their workspace
    var identity = new dev.minirag.auth.IdentityFixtures(DB, SECRET);
    var admin = identity.signIn("postman-admin@example.com");
    var session = identity.session(admin);
    String apiKey = identity.key(admin.defaultWorkspaceId(), "postman", java.util.List.of("admin"));
    int exit =
        TestApp.runProcess(
            postman,
            Map.of(),
            newman.toString(),
            "run",
            "mini-rag.postman_collection.json",
            "-e",
            "local.postman_environment.json",
            "--env-var",
            "baseUrl=http://127.0.0.1:" + APP.getLocalPort(),
            "--env-var",
            "apiKey=" + apiKey,
            "--env-var",
            "session=" + session.token(),
            "--env-var",
            "csrf=" + session.csrf(),
            "--reporters",
            "cli,junit",
            "--reporter-junit-export",
            report.toString(),
            "--color",
            "off");
    assertThat(exit).as("newman exit code (its failures are listed above)").isZero();
    assertThat(Files.readString(report)).contains("<testsuites").doesNotContain("<failure");
  }
}

package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.ProviderIdentity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator commands as scripts run them: a separate JVM, the real config.yml, stdout vs stderr.
 */
class OperatorCliIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  record Run(int exit, String out, String err) {}

  private static Run cli(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                MiniRagApplication.class.getName()));
    cmd.addAll(List.of(args));
    cmd.add(TestApp.configPath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment()
        .putAll(
            Map.of(
                "DATABASE_URL",
                DB.jdbcUrl(),
                "DATABASE_USER",
                TestDatabase.APP_USER,
                "DATABASE_PASSWORD",
                TestDatabase.APP_PASSWORD));
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try {
                p.getErrorStream().transferTo(err);
              } catch (Exception ignored) {
              }
            });
    drain.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    drain.join();
    Run r = new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    System.out.println(
        "CLI "
            + String.join(" ", args)
            + " -> "
            + r.exit()
            + "\n[stdout]\n"
            + r.out()
            + "[stderr]\n"
            + r.err());
    return r;
  }

  @Test
  void operatorCommandsCreateAdminWorkspaceAndKeys() throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, TestApp.randomSecret());
    Run admin = cli(Map.of(), "users", "create-admin", "--email", "Ops@Example.com");
    assertThat(admin.exit()).isZero();
    UUID adminId = UUID.fromString(admin.out().trim());
    assertThat(f.users.find(adminId).orElseThrow().systemAdmin()).isTrue();

    Run ws =
        cli(
            Map.of(),
            "workspaces",
            "create",
            "--name",
            "Scripts",
            "--owner-email",
            "owner@example.com");
    assertThat(ws.exit()).isZero();
    UUID workspace = UUID.fromString(ws.out().trim());
    assertThat(
            f.tenancy.roleOf(
                workspace, f.users.findByEmail("owner@example.com").orElseThrow().id()))
        .hasValueSatisfying(r -> assertThat(r.wire()).isEqualTo("owner"));

    Run key =
        cli(
            Map.of(),
            "api-keys",
            "create",
            "--workspace",
            workspace.toString(),
            "--scopes",
            "read,write",
            "--name",
            "ci",
            "--expires-days",
            "7");
    assertThat(key.exit()).isZero();
    assertThat(key.out()).matches("mrk_[a-z0-9]{12}_[0-9a-f]{64}\\R");
    String plaintext = key.out().trim();
    assertThat(f.keys.verify(plaintext)).isPresent();

    Run list = cli(Map.of(), "api-keys", "list", "--workspace", workspace.toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out())
        .contains("mrk_" + plaintext.substring(4, 16))
        .contains("ci")
        .contains("read,write")
        .contains("active")
        .doesNotContain(plaintext.substring(17));
    String id = list.out().split("\t")[0];

    Run revoke = cli(Map.of(), "api-keys", "revoke", id);
    assertThat(revoke.exit()).isZero();
    assertThat(f.keys.verify(plaintext)).isEmpty();
    assertThat(cli(Map.of(), "api-keys", "list", "--workspace", workspace.toString()).out())
        .contains("revoked");
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE details->>'via' = 'cli'"))
        .isGreaterThanOrEqualTo(4);

    // bad input fails with a non-zero exit and nothing on stdout
    Run bad =
        cli(
            Map.of(),
            "api-keys",
            "create",
            "--workspace",
            workspace.toString(),
            "--scopes",
            "root",
            "--name",
            "x");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.out()).isBlank();
  }

  @Test
  void loginLinkOnlyInDevelopmentMode() throws Exception {
    cli(Map.of(), "users", "create-admin", "--email", "dev@example.com");
    Run refused = cli(Map.of(), "users", "login-link", "--email", "dev@example.com");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.out()).isBlank();
    Run link =
        cli(
            Map.of("MINIRAG_DEV_MODE", "true"),
            "users",
            "login-link",
            "--email",
            "dev@example.com");
    assertThat(link.exit()).isZero();
    assertThat(link.out().trim())
        .matches("http://127\\.0\\.0\\.1:8080/api/v1/auth/dev-login\\?token=[0-9a-f]{64}");
  }

  @Test
  void releaseEmailFreesOnlyAnAddressNoProviderVerified() throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, "unused");
    f.signIn("verified@example.com");
    UUID squatter =
        f.users
            .signIn(
                new ProviderIdentity(
                    "https://relaxed.test", "sub-squat", "held@example.com", false, null))
            .user()
            .id();

    Run verified = cli(Map.of(), "users", "release-email", "--email", "verified@example.com");
    assertThat(verified.exit()).isNotZero();
    assertThat(verified.err()).contains("verified");
    assertThat(f.users.findByEmail("verified@example.com")).isPresent();

    Run released = cli(Map.of(), "users", "release-email", "--email", "Held@Example.com");
    assertThat(released.exit()).as(released.err()).isZero();
    assertThat(released.out().trim()).isEqualTo(squatter.toString());
    assertThat(f.users.find(squatter).orElseThrow().email())
        .isEqualTo(squatter + "@released.invalid");
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'user.email_release' AND target = ?"
                    + " AND details->>'from' = 'held@example.com'",
                squatter.toString()))
        .isEqualTo(1);
  }
}

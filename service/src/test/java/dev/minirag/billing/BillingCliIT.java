package dev.minirag.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The `ingest` command answers the same 402 as HTTP for an organization that has not paid. */
class BillingCliIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  record Run(int exit, String stdout, String stderr) {}

  private Run ingest(UUID workspace, Path input) throws Exception {
    Path jar = TestApp.repoRoot().resolve("service/target/mini-rag.jar");
    assertThat(jar).as("the shaded jar (package runs before integration-test)").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-jar",
                jar.toString(),
                "ingest",
                "--workspace",
                workspace.toString(),
                TestApp.configPath().toString(),
                input.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "DATABASE_URL",
                DB.jdbcUrl(),
                "DATABASE_USER",
                TestDatabase.APP_USER,
                "DATABASE_PASSWORD",
                TestDatabase.APP_PASSWORD,
                "MINIRAG_JWT_SECRET",
                TestApp.randomSecret(),
                "INDEX_PATH",
                work.resolve("index").toString(),
                "LOG_LEVEL",
                "WARN"));
    pb.environment()
        .putAll(
            Map.of(
                "STRIPE_API_KEY",
                "sk_test_cli" + UUID.randomUUID().toString().replace("-", ""),
                "STRIPE_WEBHOOK_SECRET",
                "whsec_cli" + UUID.randomUUID().toString().replace("-", ""),
                "BILLING_TEAM_PRICE_ID",
                "price_cli_team",
                "STRIPE_API_BASE",
                "http://127.0.0.1:9"));
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    System.out.println("$ mini-rag ingest -> " + run.exit() + "\n" + run.stdout() + run.stderr());
    return run;
  }

  @Test
  void theIngestCommandIsRefusedWhenTheTrialEndedAndWorksOncePaid() throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, TestApp.randomSecret());
    f.signIn("root@cli.test");
    UUID workspace = f.signIn("owner@cli.test").defaultWorkspaceId();
    UUID org = f.tenancy.get(workspace).organizationId();
    f.exec(
        "INSERT INTO organization_billing (organization_id, status, trial_ends_at) VALUES (?, 'trialing', now() - interval '1 day')",
        org);
    Path doc = work.resolve("tides.txt");
    Files.writeString(
        doc, "Spring tides follow the new and the full moon.", StandardCharsets.UTF_8);

    Run refused = ingest(workspace, doc);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.stderr() + refused.stdout())
        .contains("Payment required")
        .contains("trial ended");
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", workspace)).isZero();

    f.exec(
        "UPDATE organization_billing SET status = 'active', stripe_subscription_id = 'sub_cli' WHERE organization_id = ?",
        org);
    Run paid = ingest(workspace, doc);
    assertThat(paid.exit()).as(paid.stderr()).isZero();
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", workspace))
        .isEqualTo(1);
  }
}

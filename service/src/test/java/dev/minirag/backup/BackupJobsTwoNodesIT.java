package dev.minirag.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.Jobs;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one database: one only serves (no workers), the other only runs jobs. Every request
 * goes to the serving node, so the export job's archive is written by the other node and downloaded
 * from this one, and the upload this node received is imported by the other node. (Each node has
 * its own work directory, as on separate machines.)
 */
class BackupJobsTwoNodesIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void anArchiveWrittenOnOneNodeIsDownloadedAndImportedThroughTheOther() throws Throwable {
    DropwizardAppExtension<MiniRagConfiguration> serving =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of("security.jwtSecret", SECRET, "ingest.workers", "0"));
    DropwizardAppExtension<MiniRagConfiguration> working =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of(
                "security.jwtSecret", SECRET, "ingest.workers", "1", "jobs.pollInterval", "200ms"));
    serving.before();
    working.before();
    try {
      run(serving);
    } finally {
      working.after();
      serving.after();
    }
  }

  private static void run(DropwizardAppExtension<MiniRagConfiguration> serving) throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    Api api = new Api(serving.getLocalPort());
    User user = f.signIn("twonodes@one.test");
    Map<String, String> owner =
        Api.key(f.key(user.defaultWorkspaceId(), "admin", List.of("read", "write", "admin")));
    Api.Resp added =
        api.send(
            "POST",
            "/api/v1/sources/text",
            owner,
            Map.of(
                "title",
                "Harbour notes",
                "text",
                "The harbour master logs every ship that passes the breakwater at night."));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);

    String exportJob =
        api.send("POST", "/api/v1/workspaces/current/exports", owner, null)
            .json()
            .get("jobId")
            .asText();
    JsonNode exported =
        Jobs.await(
            () -> api.send("GET", "/api/v1/jobs/" + exportJob, owner, null).json(),
            Jobs::finished,
            120);
    assertThat(exported.get("status").asText()).as(exported.toString()).isEqualTo("succeeded");
    HttpRequest.Builder get =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + serving.getLocalPort()
                        + "/api/v1/workspaces/current/exports/"
                        + exportJob))
            .GET();
    owner.forEach(get::header);
    HttpResponse<byte[]> archive =
        HttpClient.newHttpClient().send(get.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(TestArchives.entries(archive.body())).containsKey(ArchiveFormat.MANIFEST);

    User other = f.signIn("twonodes@two.test");
    Map<String, String> target =
        Api.key(f.key(other.defaultWorkspaceId(), "admin", List.of("read", "write", "admin")));
    Api.Resp started =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            target,
            new Api.RawBody("application/zip", archive.body()));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String importJob = started.json().get("jobId").asText();
    JsonNode imported =
        Jobs.await(
            () -> api.send("GET", "/api/v1/jobs/" + importJob, target, null).json(),
            Jobs::finished,
            120);
    assertThat(imported.get("status").asText()).as(imported.toString()).isEqualTo("succeeded");
    assertThat(imported.at("/result/sources").asLong()).isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM chunks WHERE workspace_id = ?", other.defaultWorkspaceId()))
        .isEqualTo(
            f.count(
                "SELECT count(*) FROM chunks WHERE workspace_id = ?", user.defaultWorkspaceId()))
        .isPositive();
    // Both jobs ran on the working node: the serving one has no workers.
    assertThat(
            f.count(
                "SELECT count(DISTINCT lease_owner) FROM jobs WHERE id IN (CAST(? AS uuid), CAST(? AS uuid))",
                exportJob,
                importJob))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archives WHERE workspace_id = ?",
                other.defaultWorkspaceId()))
        .isZero();
  }
}

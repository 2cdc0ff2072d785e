package dev.minirag.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.testing.WiredApp;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Export and import jobs on a node that only serves (no workers), so every job stays queued until
 * the test cancels it: the download waits (409) and then is gone (404); an upload is stored in the
 * database, whole, in parts, until its job is canceled; an upload over the limit keeps nothing.
 */
class BackupJobsQueueIT {

  static final String SECRET = TestApp.randomSecret();
  static final int MAX_ARCHIVE = 4 * 1024 * 1024;

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          WiredApp.class,
          DB,
          Map.of(
              "security.jwtSecret", SECRET,
              "ingest.workers", "0",
              "backup.maxArchiveSize", "4MiB"));

  static IdentityFixtures f;
  static Api api;

  @BeforeAll
  static void fixtures() {
    f = new IdentityFixtures(DB, SECRET);
    api = new Api(APP.getLocalPort());
  }

  static Map<String, String> admin(String name) {
    User user = f.signIn(name + "@queue.test");
    return Api.key(f.key(user.defaultWorkspaceId(), "admin", List.of("read", "write", "admin")));
  }

  static UUID workspace(Map<String, String> caller) {
    return UUID.fromString(
        api.send("GET", "/api/v1/workspaces/current", caller, null).json().get("id").asText());
  }

  @Test
  void aQueuedExportIsNotDownloadableAndOnceCanceledIsGone() {
    Map<String, String> caller = admin("exporter");
    Api.Resp started = api.send("POST", "/api/v1/workspaces/current/exports", caller, null);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String jobId = started.json().get("jobId").asText();
    assertThat(api.send("GET", "/api/v1/jobs/" + jobId, caller, null).json().get("status").asText())
        .isEqualTo("queued");

    Api.Resp early = api.send("GET", "/api/v1/workspaces/current/exports/" + jobId, caller, null);
    assertThat(early.status()).as(early.toString()).isEqualTo(409);
    assertThat(early.json().get("code").asInt()).isEqualTo(409);
    assertThat(early.json().at("/details/status").asText()).isEqualTo("queued");

    Api.Resp canceled = api.send("POST", "/api/v1/jobs/" + jobId + "/cancel", caller, null);
    assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
    assertThat(canceled.json().get("status").asText()).isEqualTo("canceled");
    Api.Resp gone = api.send("GET", "/api/v1/workspaces/current/exports/" + jobId, caller, null);
    assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
    assertThat(gone.json().get("message").asText()).contains("canceled");
    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archives WHERE workspace_id = ?", workspace(caller)))
        .isZero();
  }

  @Test
  void anUploadIsStoredWholeUntilItsQueuedImportIsCanceled() {
    Map<String, String> caller = admin("importer");
    UUID ws = workspace(caller);
    byte[] upload = new byte[2 * ArchiveStore.PART_BYTES + 12345]; // three parts
    new Random(7).nextBytes(upload);
    Api.Resp started =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            caller,
            new Api.RawBody("application/zip", upload));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String jobId = started.json().get("jobId").asText();
    assertThat(api.send("GET", "/api/v1/jobs/" + jobId, caller, null).json().get("kind").asText())
        .isEqualTo("import");

    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archives WHERE workspace_id = ? AND kind = 'import' AND complete",
                ws))
        .isEqualTo(1);
    assertThat(f.count("SELECT byte_size FROM backup_archives WHERE workspace_id = ?", ws))
        .isEqualTo(upload.length);
    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archive_parts p JOIN backup_archives a ON a.id = p.archive_id WHERE a.workspace_id = ?",
                ws))
        .isEqualTo(3);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    f.jdbi
        .withHandle(
            h ->
                h.createQuery(
                        """
            SELECT p.data FROM backup_archive_parts p JOIN backup_archives a ON a.id = p.archive_id
            WHERE a.workspace_id = :ws ORDER BY p.seq""")
                    .bind("ws", ws)
                    .mapTo(byte[].class)
                    .list())
        .forEach(stored::writeBytes);
    assertThat(stored.toByteArray()).isEqualTo(upload);

    Api.Resp canceled = api.send("POST", "/api/v1/jobs/" + jobId + "/cancel", caller, null);
    assertThat(canceled.json().get("status").asText())
        .as(canceled.toString())
        .isEqualTo("canceled");
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE workspace_id = ?", ws))
        .as("the upload is removed")
        .isZero();
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", ws)).isZero();
  }

  @Test
  void archivesOlderThanTheRetentionAreRemovedWhenTheNextOneArrives() {
    Map<String, String> caller = admin("retention");
    UUID ws = workspace(caller);
    // An export job whose archive is a day and a half old (retention: 24h), and a fresh one.
    UUID oldJob = exportJobWithArchive(ws, "36 hours");
    UUID newJob = exportJobWithArchive(ws, "1 hour");
    assertThat(
            api.send("GET", "/api/v1/workspaces/current/exports/" + oldJob, caller, null).status())
        .isEqualTo(200);

    Api.Resp started =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            caller,
            new Api.RawBody("application/zip", new byte[] {'P', 'K'}));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE job_id = ?", oldJob))
        .as("swept")
        .isZero();
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE job_id = ?", newJob))
        .as("kept")
        .isEqualTo(1);
    Api.Resp expired =
        api.send("GET", "/api/v1/workspaces/current/exports/" + oldJob, caller, null);
    assertThat(expired.status()).as(expired.toString()).isEqualTo(404);
    assertThat(expired.json().get("message").asText()).contains("expired");
    assertThat(
            api.send("GET", "/api/v1/workspaces/current/exports/" + newJob, caller, null).status())
        .isEqualTo(200);
    api.send(
        "POST", "/api/v1/jobs/" + started.json().get("jobId").asText() + "/cancel", caller, null);
  }

  /**
   * A succeeded export job with a stored archive of the given age, as a worker would have left it.
   */
  static UUID exportJobWithArchive(UUID ws, String age) {
    UUID job =
        f.jdbi.withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO jobs (workspace_id, kind, status, finished_at) VALUES (:ws, 'export', 'succeeded', now()) RETURNING id")
                    .bind("ws", ws)
                    .mapTo(UUID.class)
                    .one());
    f.jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
            WITH a AS (INSERT INTO backup_archives (workspace_id, kind, job_id, byte_size, complete, created_at)
                       VALUES (:ws, 'export', :job, 2, true, now() - CAST(:age AS interval)) RETURNING workspace_id, id)
            INSERT INTO backup_archive_parts (workspace_id, archive_id, seq, data)
            SELECT workspace_id, id, 0, :data FROM a
            """)
                .bind("ws", ws)
                .bind("job", job)
                .bind("age", age)
                .bind("data", new byte[] {'P', 'K'})
                .execute());
    return job;
  }

  @Test
  void anArchiveOfSeveralPartsIsDownloadedWhole() throws Exception {
    Map<String, String> caller = admin("parts");
    UUID ws = workspace(caller);
    UUID job = exportJobWithArchive(ws, "1 minute");
    byte[] whole = new byte[2 * ArchiveStore.PART_BYTES + 777];
    new Random(11).nextBytes(whole);
    f.jdbi.useHandle(
        h -> {
          UUID archive =
              h.createQuery("SELECT id FROM backup_archives WHERE job_id = :job")
                  .bind("job", job)
                  .mapTo(UUID.class)
                  .one();
          h.execute("DELETE FROM backup_archive_parts WHERE archive_id = ?", archive);
          h.execute("UPDATE backup_archives SET byte_size = ? WHERE id = ?", whole.length, archive);
          for (int seq = 0, from = 0; from < whole.length; seq++, from += ArchiveStore.PART_BYTES) {
            h.execute(
                "INSERT INTO backup_archive_parts (workspace_id, archive_id, seq, data) VALUES (?, ?, ?, ?)",
                ws,
                archive,
                seq,
                java.util.Arrays.copyOfRange(
                    whole, from, Math.min(whole.length, from + ArchiveStore.PART_BYTES)));
          }
        });
    java.net.http.HttpRequest.Builder get =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:"
                        + APP.getLocalPort()
                        + "/api/v1/workspaces/current/exports/"
                        + job))
            .GET();
    caller.forEach(get::header);
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(get.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(whole.length));
    assertThat(r.body()).isEqualTo(whole);
  }

  @Test
  void anExportCanceledWhileRunningKeepsNoArchive() {
    Map<String, String> caller = admin("cancelrunning");
    UUID ws = workspace(caller);
    Api.Resp added =
        api.send(
            "POST",
            "/api/v1/sources/text",
            caller,
            Map.of("title", "Kites", "text", "Box kites fly in steady wind."));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    var backups = ((WiredApp) APP.getApplication()).context().backups();
    var jobs = f.jdbi.onDemand(dev.minirag.jobs.JobDao.class);
    ArchiveStore store =
        new ArchiveStore(
            f.jdbi.onDemand(ArchiveStoreDao.class),
            java.nio.file.Path.of(APP.getConfiguration().getBackup().getArchiveDir()),
            java.time.Duration.ofHours(24));
    ExportJobHandler handler = new ExportJobHandler(backups.exports(), store, backups.audit());

    // Canceled at the third entry (chunks), after the sources and documents were written.
    String canceledId =
        api.send("POST", "/api/v1/workspaces/current/exports", caller, null)
            .json()
            .get("jobId")
            .asText();
    dev.minirag.jobs.Job canceled = jobs.find(ws, UUID.fromString(canceledId)).orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.run(canceled, new Context(3)))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE job_id = ?", canceled.id()))
        .as("the partial archive is removed")
        .isZero();

    // The same handler without a cancel leaves a complete archive: the check above can fail.
    String doneId =
        api.send("POST", "/api/v1/workspaces/current/exports", caller, null)
            .json()
            .get("jobId")
            .asText();
    dev.minirag.jobs.Job done = jobs.find(ws, UUID.fromString(doneId)).orElseThrow();
    handler.run(done, new Context(Integer.MAX_VALUE));
    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archives WHERE job_id = ? AND complete AND byte_size > 0",
                done.id()))
        .isEqualTo(1);
  }

  /** A running job's context that is canceled at its {@code cancelAt}-th check. */
  static final class Context implements dev.minirag.jobs.JobContext {
    final int cancelAt;
    int checks;

    Context(int cancelAt) {
      this.cancelAt = cancelAt;
    }

    @Override
    public void progress(long done, long total) {}

    @Override
    public boolean canceled() {
      return ++checks >= cancelAt;
    }
  }

  @Test
  void anUploadOverTheLimitIsRefusedAndKeepsNothing() {
    Map<String, String> caller = admin("toolarge");
    UUID ws = workspace(caller);
    Api.Resp r =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            caller,
            new Api.RawBody("application/zip", new byte[MAX_ARCHIVE + 1]));
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.json().get("code").asInt()).isEqualTo(413);
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE workspace_id = ?", ws))
        .as("the parts written before the limit are removed")
        .isZero();
    // (its parts go with the row: ON DELETE CASCADE)
    assertThat(f.count("SELECT count(*) FROM jobs WHERE workspace_id = ? AND kind = 'import'", ws))
        .isZero();
  }
}

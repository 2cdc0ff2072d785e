package dev.minirag.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.Jobs;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.testing.WiredApp;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Export and import over HTTP against the real database, model and index: a workspace exported (in
 * the request or by a job) and imported by a job into a fresh one answers every search and question
 * the same; a damaged, truncated or misdirected import fails its job and writes nothing; only
 * admins of the workspace itself may do either, and an export job's archive is only served to its
 * own workspace.
 */
class BackupIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          WiredApp.class, DB, Map.of("security.jwtSecret", SECRET, "jobs.pollInterval", "200ms"));

  static final List<String> QUERIES =
      List.of(
          "who polished the lens",
          "pruning apple trees in winter",
          "how does magma rise",
          "oxidised tea leaves",
          "storm broke the lantern glass",
          "bees pollinate the orchard");
  static final List<String> QUESTIONS =
      List.of(
          "What did the keeper polish every morning?",
          "When are apple trees pruned?",
          "Where does magma collect?");

  static IdentityFixtures f;
  static Api api;
  static Map<String, String> owner;
  static UUID source;
  static byte[] archive;

  @BeforeAll
  static void workspace() {
    f = new IdentityFixtures(DB, SECRET);
    api = new Api(APP.getLocalPort());
    User user = f.signIn("exporter@one.test");
    source = user.defaultWorkspaceId();
    owner = Api.key(f.key(source, "backup", List.of("read", "write", "admin")));
    text(
        "Lighthouse log",
        "The keeper polished the Fresnel lens every morning at dawn. In 1901 a storm broke the lantern glass. "
            + "Ships relied on the beam to pass the reef safely.");
    text(
        "Orchard handbook",
        "Apple trees are pruned in late winter while they are dormant. "
            + "Pollination needs bees; a single hive serves about one acre of orchard.");
    text(
        "Volcano primer",
        "Magma rises through the crust and collects in chambers below the volcano.");
    // A long one, cut into several chunks with offsets in their metadata.
    StringBuilder tea = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      tea.append("Tea note ")
          .append(i)
          .append(": leaves from garden ")
          .append(i * 7)
          .append(" were oxidised for ")
          .append(i + 3)
          .append(" hours before firing. ");
    }
    text("Tea notes", tea.toString());
    Api.Resp md =
        api.send(
            "POST",
            "/api/v1/sources/files",
            owner,
            new Api.FilePart(
                "files",
                "guide.md",
                "# Brewing\\n\\n## Green\\n\\nSteep green tea at 80 degrees for two minutes.\\n\\n## Black\\n\\nBlack tea takes boiling water.\\n"
                    .replace("\\n", "\n")));
    assertThat(md.status()).as(md.toString()).isEqualTo(200);
    HttpResponse<byte[]> r = download("/api/v1/workspaces/current/export", owner);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment; filename=\"workspace-" + source);
    archive = r.body();
  }

  static void text(String title, String text) {
    Api.Resp r =
        api.send("POST", "/api/v1/sources/text", owner, Map.of("title", title, "text", text));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  record Target(UUID workspace, Map<String, String> headers) {}

  /** A new person's own workspace: another organization, empty, and an admin key for it. */
  static Target freshWorkspace(String name) {
    User user = f.signIn(name + "@fresh.test");
    return new Target(
        user.defaultWorkspaceId(),
        Api.key(f.key(user.defaultWorkspaceId(), "import", List.of("read", "write", "admin"))));
  }

  @Test
  void aRoundTripAnswersEverySearchAndQuestionTheSame() throws Exception {
    Target target = freshWorkspace("roundtrip");
    long started = System.nanoTime();
    JsonNode job = importJob(target.headers(), archive);
    long importMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    JsonNode summary = job.get("result");
    long chunks = f.count("SELECT count(*) FROM chunks WHERE workspace_id = ?", source);
    assertThat(summary.get("sources").asLong()).isEqualTo(5);
    assertThat(summary.get("documents").asLong()).isEqualTo(5);
    assertThat(summary.get("chunks").asLong()).isEqualTo(chunks).isGreaterThan(5);
    assertThat(summary.get("vectors").asText()).isEqualTo("reused");
    assertThat(summary.get("embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-q");
    System.out.printf(
        "Round trip: %d sources, %d chunks, archive %d bytes, import %d ms%n",
        5, chunks, archive.length, importMs);

    UUID ws = target.workspace();
    assertThat(
            f.count(
                "SELECT count(*) FROM chunks WHERE workspace_id = ? AND embedding IS NOT NULL", ws))
        .isEqualTo(chunks);
    // Stored rows are equal apart from ids: text, metadata, vectors, documents, source dates.
    assertThat(rows(ws)).isEqualTo(rows(source));
    assertSameAnswers(owner, target.headers(), false);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.export' AND workspace_id = ?",
                source))
        .isPositive();
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.import' AND workspace_id = ?"
                    + " AND (details->>'chunks')::bigint = ?",
                ws,
                chunks))
        .isEqualTo(1);
  }

  @Test
  void vectorsOfAnotherModelAreComputedAgain() throws Exception {
    byte[] otherModel =
        TestArchives.rewritten(
            archive,
            data -> {},
            m -> ((ObjectNode) m.get("embedding")).put("model", "some-other-model"));
    Target target = freshWorkspace("reembed");
    JsonNode job = importJob(target.headers(), otherModel);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.at("/result/vectors").asText()).isEqualTo("reembedded");
    assertThat(job.at("/result/embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-q");
    // The same model really made them, so the answers match (scores to float noise of batching).
    assertSameAnswers(owner, target.headers(), true);
  }

  @Test
  void aFlippedByteIsRefusedAndNothingIsWritten() {
    byte[] damaged = archive.clone();
    damaged[damaged.length / 3] ^= 0x10;
    refusedLeavingNothing(damaged, "flipped");
  }

  @Test
  void aTruncatedArchiveIsRefusedAndNothingIsWritten() {
    refusedLeavingNothing(Arrays.copyOf(archive, archive.length - 200), "truncated");
    refusedLeavingNothing(Arrays.copyOf(archive, archive.length / 2), "halved");
  }

  @Test
  void aChecksumMismatchFoundLateStillWritesNothing() {
    // Valid JSON throughout, wrong only in the last entry's bytes: every line before it passes.
    Map<String, byte[]> entries = TestArchives.entries(archive);
    byte[] chunks = entries.get(ArchiveFormat.CHUNKS);
    String text = new String(chunks, StandardCharsets.UTF_8).replace("Magma rises", "Magma sinks");
    entries.put(ArchiveFormat.CHUNKS, text.getBytes(StandardCharsets.UTF_8));
    refusedLeavingNothing(TestArchives.zip(entries), "altered");
  }

  void refusedLeavingNothing(byte[] bad, String name) {
    Target target = freshWorkspace(name);
    UUID ws = target.workspace();
    JsonNode job = importJob(target.headers(), bad);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).as("a refused archive is not retried").isEqualTo(1);
    assertThat(job.get("lastError").asText())
        .startsWith("The archive was refused: ")
        .endsWith("Nothing was imported.");
    assertThat(job.has("result")).isFalse();
    assertThat(f.count("SELECT count(*) FROM backup_archives WHERE workspace_id = ?", ws))
        .as("the upload is removed")
        .isZero();
    assertThat(workDirFiles()).as("the import's local copy is deleted").isEmpty();
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", ws)).isZero();
    assertThat(f.count("SELECT count(*) FROM chunks WHERE workspace_id = ?", ws)).isZero();
    assertThat(f.count("SELECT count(*) FROM chunk_changes WHERE workspace_id = ?", ws))
        .as("nothing reached the index feed")
        .isZero();
    assertThat(f.count("SELECT sources + chunks FROM workspace_usage WHERE workspace_id = ?", ws))
        .isZero();
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.import' AND workspace_id = ?",
                ws))
        .isZero();
    Api.Resp search =
        api.send(
            "POST", "/api/v1/search", target.headers(), Map.of("query", "tea", "mode", "bm25"));
    assertThat(search.json().get("hits")).isEmpty();
  }

  @Test
  void aWorkspaceWithSourcesIsNotImportedInto() {
    long before = f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", source);
    Api.Resp r =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            owner,
            new Api.RawBody("application/zip", archive));
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.json().get("code").asInt()).isEqualTo(409);
    assertThat(r.json().get("message").asText()).contains("new or empty workspace");
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", source))
        .isEqualTo(before);
  }

  @Test
  void onlyAdminsOfTheWorkspaceItselfMayExportOrImport() {
    // Another organization's owner, signed in, naming this workspace: it does not exist for them.
    User stranger = f.signIn("stranger@two.test");
    Map<String, String> theirs =
        Api.with(f.session(stranger).headers(), "X-Workspace-Id", source.toString());
    Api.Resp export = api.send("GET", "/api/v1/workspaces/current/export", theirs, null);
    assertThat(export.status()).as(export.toString()).isEqualTo(404);
    assertThat(export.json().get("code").asInt()).isEqualTo(404);
    assertThat(export.body()).doesNotContain("Lighthouse");
    Api.Resp into =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            theirs,
            new Api.RawBody("application/zip", archive));
    assertThat(into.status()).as(into.toString()).isEqualTo(404);
    // An editor and a write key of the workspace itself: 403.
    User editor = f.member(source, "editor@one.test", WorkspaceRole.EDITOR);
    for (Map<String, String> caller :
        List.of(
            f.session(editor).headers(),
            Api.key(f.key(source, "writer", List.of("read", "write"))))) {
      assertThat(api.send("GET", "/api/v1/workspaces/current/export", caller, null).status())
          .isEqualTo(403);
      assertThat(
              api.send(
                      "POST",
                      "/api/v1/workspaces/current/import",
                      caller,
                      new Api.RawBody("application/zip", archive))
                  .status())
          .isEqualTo(403);
    }
    // An admin member (not the owner) may export.
    User admin = f.member(source, "admin@one.test", WorkspaceRole.ADMIN);
    assertThat(
            download("/api/v1/workspaces/current/export", f.session(admin).headers()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void progressIsReportedAndACancelledImportWritesNothing() throws Exception {
    ImportService imports = ((WiredApp) APP.getApplication()).context().backups().imports();
    java.nio.file.Path file =
        java.nio.file.Files.write(
            java.nio.file.Files.createTempFile("backup-it-", ".zip"), archive);
    try {
      // Checkpoints: three entries validated, then sources and documents written; cancelled before
      // the chunks.
      Target cancelled = freshWorkspace("cancelled");
      Recording cancelling = new Recording(6);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> imports.importArchive(cancelled.workspace(), file, cancelling))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThat(
              f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", cancelled.workspace()))
          .as("rolled back")
          .isZero();
      assertThat(
              f.count(
                  "SELECT count(*) FROM source_documents d JOIN sources s ON s.id = d.source_id WHERE s.workspace_id = ?",
                  cancelled.workspace()))
          .isZero();

      Target done = freshWorkspace("progress");
      Recording recording = new Recording(Integer.MAX_VALUE);
      ImportService.ImportSummary summary =
          imports.importArchive(done.workspace(), file, recording);
      assertThat(summary.chunks()).isPositive();
      long lines = summary.sources() + summary.documents() + summary.chunks();
      assertThat(recording.reports)
          .last()
          .isEqualTo(List.of(2 * lines, 2 * lines)); // validated and written
      assertThat(recording.reports).extracting(r -> r.get(0)).isSorted();
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /** Records reports; cancels at the given call of checkCanceled. */
  static final class Recording implements Progress {
    final List<List<Long>> reports = new ArrayList<>();
    final int cancelAt;
    int checks;

    Recording(int cancelAt) {
      this.cancelAt = cancelAt;
    }

    @Override
    public void report(long done, long total) {
      reports.add(List.of(done, total));
    }

    @Override
    public void checkCanceled() {
      if (++checks == cancelAt) {
        throw new java.util.concurrent.CancellationException("cancelled by the test");
      }
    }
  }

  @Test
  void sourcesThatAreNotReadyAreCountedNotExported() {
    Target ws = freshWorkspace("halfready");
    Api.Resp added =
        api.send(
            "POST",
            "/api/v1/sources/text",
            ws.headers(),
            Map.of("title", "Kept", "text", "A ready source about kites."));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    f.exec(
        "INSERT INTO sources (workspace_id, kind, title, content_hash, status, error) VALUES (?, 'url', 'Broken', 'h-broken', 'failed', 'x')",
        ws.workspace());
    HttpResponse<byte[]> r = download("/api/v1/workspaces/current/export", ws.headers());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, byte[]> entries = TestArchives.entries(r.body());
    assertThat(new String(entries.get(ArchiveFormat.SOURCES), StandardCharsets.UTF_8))
        .contains("Kept")
        .doesNotContain("Broken")
        .hasLineCount(1);
    assertThat(new String(entries.get(ArchiveFormat.MANIFEST), StandardCharsets.UTF_8))
        .containsPattern("\"skipped\"\\s*:\\s*\\{\\s*\"failed\"\\s*:\\s*1");
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.export' AND workspace_id = ?"
                    + " AND details->>'completed' = 'true' AND (details->>'sources')::int = 1",
                ws.workspace()))
        .isEqualTo(1);
  }

  @Test
  void aBodyThatIsNoZipIsRefused() {
    Target target = freshWorkspace("notzip");
    JsonNode job = importJob(target.headers(), "just some text".getBytes(StandardCharsets.UTF_8));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.get("lastError").asText())
        .contains("not a readable zip archive")
        .doesNotContain("Exception");
  }

  @Test
  void anExportJobsArchiveIsDownloadedAndImportedByAJobWithTheSameAnswers() throws Exception {
    Api.Resp started = api.send("POST", "/api/v1/workspaces/current/exports", owner, null);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String jobId = started.json().get("jobId").asText();
    JsonNode job = awaitJob(owner, jobId);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("kind").asText()).isEqualTo("export");
    long chunks = f.count("SELECT count(*) FROM chunks WHERE workspace_id = ?", source);
    assertThat(job.at("/result/sources").asLong()).isEqualTo(5);
    assertThat(job.at("/result/chunks").asLong()).isEqualTo(chunks);
    assertThat(job.at("/result/archive/download").asText())
        .isEqualTo("/api/v1/workspaces/current/exports/" + jobId);
    java.time.OffsetDateTime expires =
        java.time.OffsetDateTime.parse(job.at("/result/archive/expiresAt").asText());
    assertThat(expires)
        .isBetween(
            java.time.OffsetDateTime.now().plusHours(23),
            java.time.OffsetDateTime.now().plusHours(25));
    assertThat(job.at("/progress/done").asLong())
        .isEqualTo(job.at("/progress/total").asLong())
        .isPositive();

    HttpResponse<byte[]> r = download("/api/v1/workspaces/current/exports/" + jobId, owner);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment; filename=\"workspace-" + source);
    byte[] fromJob = r.body();
    assertThat((long) fromJob.length).isEqualTo(job.at("/result/archive/bytes").asLong());
    // The same content as the export in the request (only the manifest's time differs).
    Map<String, byte[]> a = TestArchives.entries(archive);
    Map<String, byte[]> b = TestArchives.entries(fromJob);
    for (String entry :
        List.of(ArchiveFormat.SOURCES, ArchiveFormat.DOCUMENTS, ArchiveFormat.CHUNKS)) {
      assertThat(b.get(entry)).as(entry).isEqualTo(a.get(entry));
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.export' AND workspace_id = ? AND details->>'jobId' = ?",
                source,
                jobId))
        .isEqualTo(1);

    Target target = freshWorkspace("jobroundtrip");
    JsonNode imported = importJob(target.headers(), fromJob);
    assertThat(imported.get("status").asText()).as(imported.toString()).isEqualTo("succeeded");
    assertThat(imported.at("/result/chunks").asLong()).isEqualTo(chunks);
    assertThat(imported.at("/result/vectors").asText()).isEqualTo("reused");
    assertThat(
            f.count(
                "SELECT count(*) FROM backup_archives WHERE workspace_id = ?", target.workspace()))
        .as("the upload is removed")
        .isZero();
    assertThat(workDirFiles()).as("the import's local copy is deleted").isEmpty();
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'workspace.import' AND workspace_id = ? AND details->>'jobId' = ?",
                target.workspace(),
                imported.get("id").asText()))
        .isEqualTo(1);
    assertThat(rows(target.workspace())).isEqualTo(rows(source));
    assertSameAnswers(owner, target.headers(), false);
  }

  @Test
  void anExportJobsArchiveIsServedOnlyToItsOwnWorkspace() {
    String jobId =
        api.send("POST", "/api/v1/workspaces/current/exports", owner, null)
            .json()
            .get("jobId")
            .asText();
    assertThat(awaitJob(owner, jobId).get("status").asText()).isEqualTo("succeeded");
    String path = "/api/v1/workspaces/current/exports/" + jobId;
    // Another organization's admin, in their own workspace and naming this one: 404 both ways.
    User stranger = f.signIn("exportstranger@two.test");
    Map<String, String> theirs =
        Api.key(f.key(stranger.defaultWorkspaceId(), "theirs", List.of("read", "write", "admin")));
    Map<String, String> naming =
        Api.with(f.session(stranger).headers(), "X-Workspace-Id", source.toString());
    for (Map<String, String> caller : List.of(theirs, f.session(stranger).headers(), naming)) {
      Api.Resp r = api.send("GET", path, caller, null);
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.json().get("code").asInt()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Lighthouse").doesNotContain("PK");
    }
    // The workspace's own editor: 403; a made-up, malformed or non-export job id: 404.
    User editor = f.member(source, "exporteditor@one.test", WorkspaceRole.EDITOR);
    assertThat(api.send("GET", path, f.session(editor).headers(), null).status()).isEqualTo(403);
    assertThat(
            api.send(
                    "POST", "/api/v1/workspaces/current/exports", f.session(editor).headers(), null)
                .status())
        .isEqualTo(403);
    assertThat(
            api.send("GET", "/api/v1/workspaces/current/exports/" + UUID.randomUUID(), owner, null)
                .status())
        .isEqualTo(404);
    assertThat(
            api.send("GET", "/api/v1/workspaces/current/exports/not-a-uuid", owner, null).status())
        .isEqualTo(404);
    f.exec(
        "INSERT INTO jobs (workspace_id, kind, status, finished_at) VALUES (?, 'reindex', 'succeeded', now())",
        source);
    String reindex =
        f.jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM jobs WHERE workspace_id = :ws AND kind = 'reindex'")
                    .bind("ws", source)
                    .mapTo(String.class)
                    .one());
    assertThat(
            api.send("GET", "/api/v1/workspaces/current/exports/" + reindex, owner, null).status())
        .isEqualTo(404);
    // Still there for the workspace itself.
    assertThat(download(path, owner).statusCode()).isEqualTo(200);
  }

  /** Files in this node's archive work directory (BACKUP_ARCHIVE_DIR). */
  static List<java.nio.file.Path> workDirFiles() {
    java.nio.file.Path dir =
        java.nio.file.Path.of(APP.getConfiguration().getBackup().getArchiveDir());
    assertThat(dir).as("an import job ran here").isDirectory();
    try (var files = java.nio.file.Files.list(dir)) {
      return files.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonNode importJob(Map<String, String> headers, byte[] zip) {
    Api.Resp r =
        api.send(
            "POST",
            "/api/v1/workspaces/current/import",
            headers,
            new Api.RawBody("application/zip", zip));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    return awaitJob(headers, r.json().get("jobId").asText());
  }

  static JsonNode awaitJob(Map<String, String> headers, String id) {
    return Jobs.await(
        () -> {
          Api.Resp r = api.send("GET", "/api/v1/jobs/" + id, headers, null);
          assertThat(r.status()).as(r.toString()).isEqualTo(200);
          return r.json();
        },
        Jobs::finished,
        180);
  }

  /**
   * Every query in every mode and every question: the same hits, scores, ranks and answer text, ids
   * aside.
   */
  static void assertSameAnswers(
      Map<String, String> a, Map<String, String> b, boolean approximately) {
    for (String q : QUERIES) {
      for (String mode : List.of("bm25", "dense", "hybrid")) {
        // k above the chunk count: ties (ordered by chunk id, which import changes) cannot move a
        // hit across the cut.
        Map<String, Object> body = Map.of("query", q, "mode", mode, "k", 100);
        JsonNode before = hits(api.send("POST", "/api/v1/search", a, body));
        JsonNode after = hits(api.send("POST", "/api/v1/search", b, body));
        assertThat(before.size()).as(q + " " + mode).isPositive();
        compare(q + " " + mode, before, after, approximately);
      }
    }
    for (String question : QUESTIONS) {
      Map<String, Object> body = Map.of("question", question);
      JsonNode before = api.send("POST", "/api/v1/ask", a, body).json();
      JsonNode after = api.send("POST", "/api/v1/ask", b, body).json();
      assertThat(after.get("answer").asText())
          .as(question)
          .isEqualTo(before.get("answer").asText())
          .isNotBlank();
      assertThat(withoutIds(after.get("citations")))
          .as(question)
          .isEqualTo(withoutIds(before.get("citations")));
    }
  }

  static void compare(String what, JsonNode before, JsonNode after, boolean approximately) {
    assertThat(after.size()).as(what).isEqualTo(before.size());
    for (int i = 0; i < before.size(); i++) {
      JsonNode x = before.get(i);
      JsonNode y = after.get(i);
      assertThat(y.get("text").asText()).as(what + " hit " + i).isEqualTo(x.get("text").asText());
      assertThat(y.get("sourceTitle").asText())
          .as(what + " hit " + i)
          .isEqualTo(x.get("sourceTitle").asText());
      assertThat(y.get("metadata")).as(what + " hit " + i).isEqualTo(x.get("metadata"));
      if (approximately) {
        assertThat(y.get("score").asDouble())
            .as(what + " hit " + i)
            .isCloseTo(x.get("score").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
      } else {
        assertThat(y.get("score").asDouble())
            .as(what + " hit " + i)
            .isEqualTo(x.get("score").asDouble());
        // Each leg's score, not its rank: equal scores are ranked by chunk id, which import
        // changes.
        assertThat(y.get("bm25Score")).as(what + " hit " + i).isEqualTo(x.get("bm25Score"));
        assertThat(y.get("vectorScore")).as(what + " hit " + i).isEqualTo(x.get("vectorScore"));
      }
    }
  }

  /**
   * Hits without ids, in score order with exact ties put in text order (the service breaks them by
   * chunk id).
   */
  static JsonNode hits(Api.Resp r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> hits = new ArrayList<>();
    r.json().get("hits").forEach(h -> hits.add(withoutIds(h)));
    hits.sort(
        Comparator.comparingDouble((JsonNode h) -> -h.get("score").asDouble())
            .thenComparing(h -> h.get("text").asText()));
    ArrayNode out = TestArchives.JSON.createArrayNode();
    hits.forEach(out::add);
    return out;
  }

  static JsonNode withoutIds(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove(List.of("chunkId", "sourceId", "timings"));
      StreamSupport.stream(((Iterable<JsonNode>) o::elements).spliterator(), false)
          .forEach(BackupIT::strip);
    } else if (node instanceof ArrayNode a) {
      a.forEach(BackupIT::strip);
    }
  }

  /** A workspace's stored content without ids, in a stable order. */
  static List<String> rows(UUID ws) {
    return f.jdbi.withHandle(
        h ->
            h
                .createQuery(
                    """
            SELECT s.kind, s.title, s.file_name, s.content_hash, s.chunk_count, s.byte_size, s.metadata::text AS source_metadata,
                   s.created_at, s.status, d.document::text AS document, c.ordinal, c.text,
                   c.metadata::text AS chunk_metadata, c.embedding::text AS embedding
            FROM sources s LEFT JOIN source_documents d ON d.source_id = s.id LEFT JOIN chunks c ON c.source_id = s.id
            WHERE s.workspace_id = :ws ORDER BY s.content_hash, c.ordinal
            """)
                .bind("ws", ws)
                .mapToMap()
                .list()
                .stream()
                .map(Object::toString)
                .toList());
  }

  static HttpResponse<byte[]> download(String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path)).GET();
      headers.forEach(b::header);
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `export` and `import` from the packaged jar, as an operator runs them: a copy of a workspace into
 * a new one.
 */
class BackupCommandsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  private JarRun jar(String... args) throws Exception {
    return JarRun.of(DB, work, args);
  }

  private String workspace(String name, String owner) throws Exception {
    return JarRun.createWorkspace(DB, work, name, owner);
  }

  @Test
  void exportThenImportIntoANewWorkspaceCopiesEverything() throws Exception {
    String config = TestApp.configPath().toString();
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(
        docs.resolve("a.md"),
        "# Tea\n\nGreen tea is steamed soon after picking.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        docs.resolve("b.txt"),
        "Black tea leaves are fully oxidised before drying.",
        StandardCharsets.UTF_8);
    String from = workspace("Tea research", "ops@example.com");
    assertThat(jar("ingest", "--workspace", from, config, docs.toString()).exit()).isZero();

    Path archive = work.resolve("tea.zip");
    JarRun export = jar("export", "--workspace", from, config, archive.toString());
    assertThat(export.exit()).as(export.stderr()).isZero();
    JsonNode exported = new ObjectMapper().readTree(export.stdout());
    assertThat(exported.get("sources").asInt()).isEqualTo(2);
    assertThat(exported.get("bytes").asLong()).isEqualTo(Files.size(archive));
    try (var files = Files.list(work)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .as("no partial file left")
          .noneMatch(n -> n.endsWith(".partial"));
    }

    String to = workspace("Tea research (copy)", "ops@example.com");
    JarRun imported = jar("import", "--workspace", to, config, archive.toString());
    assertThat(imported.exit()).as(imported.stderr()).isZero();
    JsonNode summary = new ObjectMapper().readTree(imported.stdout());
    assertThat(summary.get("sources").asInt()).isEqualTo(2);
    assertThat(summary.get("vectors").asText()).isEqualTo("reused");

    Jdbi jdbi = Jdbi.create(DB.dataSource());
    String contents =
        "SELECT string_agg(c.text || c.embedding::text, '|' ORDER BY c.text) FROM chunks c WHERE c.workspace_id = CAST(? AS uuid)";
    String original = one(jdbi, contents, from);
    assertThat(one(jdbi, contents, to)).isEqualTo(original).contains("Green tea");
    assertThat(
            one(
                jdbi,
                "SELECT count(*)::text FROM audit_events WHERE action IN ('workspace.export', 'workspace.import')"
                    + " AND details->>'via' = 'cli' AND workspace_id::text IN (?, ?)",
                from,
                to))
        .isEqualTo("2");

    // Again into the same workspace: refused, one line, nothing added.
    JarRun again = jar("import", "--workspace", to, config, archive.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.stderr().strip())
        .endsWith(
            "error: The workspace already holds sources: import into a new or empty workspace");

    // A damaged copy into an empty workspace: refused, nothing written.
    byte[] bytes = Files.readAllBytes(archive);
    bytes[bytes.length / 4] ^= 0x20;
    Path damaged = Files.write(work.resolve("damaged.zip"), bytes);
    String empty = workspace("Empty", "ops@example.com");
    JarRun refused = jar("import", "--workspace", empty, config, damaged.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("error: The archive was refused: ")
        .doesNotContain("\tat ");
    assertThat(one(jdbi, "SELECT count(*)::text FROM sources WHERE workspace_id::text = ?", empty))
        .isEqualTo("0");

    JarRun missing =
        jar("import", "--workspace", empty, config, work.resolve("nope.zip").toString());
    assertThat(missing.exit()).isEqualTo(2);
  }

  private static String one(Jdbi jdbi, String sql, Object... args) {
    return jdbi.withHandle(h -> h.select(sql, args).mapTo(String.class).one());
  }
}

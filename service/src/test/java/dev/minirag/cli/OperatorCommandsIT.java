package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.search.LuceneIndex;
import dev.minirag.search.LuceneIndexConfig;
import dev.minirag.search.SearchFilters;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's operator commands, run as an operator would: `java -jar mini-rag.jar ...`. */
class OperatorCommandsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  private JarRun jar(String... args) throws Exception {
    return JarRun.of(DB, work, args);
  }

  @Test
  void usageMistakesAnswerOneLineAndExitTwo() throws Exception {
    String config = TestApp.configPath().toString();
    JarRun pathFirst = jar("ingest", work.toString(), config); // the path where config.yml belongs
    JarRun badWorkspace = jar("ingest", "--workspace", "not-a-uuid", config, config);
    JarRun unknownOption = jar("ingest", "--no-such-option", config, config);

    for (JarRun run : List.of(pathFirst, badWorkspace, unknownOption)) {
      assertThat(run.exit()).as(run.stderr()).isEqualTo(2);
      assertThat(run.stderr())
          .as("no stack trace")
          .doesNotContain("\tat ")
          .doesNotContain("Exception in thread");
    }
    assertThat(pathFirst.stderr().strip())
        .startsWith("error: ")
        .contains("Is a directory")
        .doesNotContain("\n");
    // The log says nothing unless something went wrong: the answer is all of stderr.
    assertThat(badWorkspace.stderr().strip())
        .isEqualTo("error: --workspace must be a workspace id (UUID)");
  }

  @Test
  void ingestRunsBesideAServerThatHoldsTheIndex() throws Exception {
    String config = TestApp.configPath().toString();
    UUID workspace =
        UUID.fromString(JarRun.createWorkspace(DB, work, "Beside", "beside@example.com"));
    Path doc =
        Files.writeString(
            work.resolve("oolong.txt"), "Oolong is partly oxidised, between green and black tea.");
    // The server's index: same directory, write lock held, as `bin/run` would have it.
    Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    LuceneIndex server =
        new LuceneIndex(LuceneIndexConfig.at(work.resolve("index").toString()), jdbi);
    server.start();
    try {
      JarRun ingest = jar("ingest", "--workspace", workspace.toString(), config, doc.toString());
      assertThat(ingest.exit()).as(ingest.stderr()).isZero();
      assertThat(ingest.stderr())
          .doesNotContain("LockObtainFailedException")
          .contains("ingest: 1/1 (100%)");
      List<String> out = ingest.stdout().lines().toList();
      assertThat(out)
          .as("what the user asked for, in words: the item, then the summary")
          .hasSize(2);
      assertThat(out.get(0)).startsWith("accepted   " + doc.getFileName() + " (source ");
      assertThat(out.get(1))
          .isEqualTo("1 accepted, 0 duplicate, 0 failed (workspace " + workspace + ")");
      // The server's index learns of it from the change log, on its next query.
      assertThat(server.search(workspace, "oolong oxidised", 5, SearchFilters.NONE)).hasSize(1);
    } finally {
      server.stop();
      // The other test counts every chunk in this shared database.
      jdbi.useHandle(h -> h.execute("DELETE FROM sources WHERE workspace_id = ?", workspace));
    }
  }

  @Test
  void ingestReindexAndReembedWorkOnTheRealDatabase() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(
        docs.resolve("a.md"),
        "# Tea\n\nGreen tea is steamed soon after picking.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        docs.resolve("b.txt"),
        "Black tea leaves are fully oxidised before drying.",
        StandardCharsets.UTF_8);
    String config = TestApp.configPath().toString();

    String workspace = JarRun.createWorkspace(DB, work, "Tea research", "ops@example.com");
    JarRun ingest = jar("ingest", "--json", "--workspace", workspace, config, docs.toString());
    assertThat(ingest.exit()).as(ingest.stderr()).isZero();
    List<String> lines = ingest.stdout().lines().toList();
    assertThat(lines.subList(0, 2))
        .as("stdout carries only the items and the summary, logs go to stderr")
        .allMatch(l -> l.startsWith("{\"input\"") && l.contains("\"accepted\""));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2))
        .isEqualTo(
            "{\"summary\":{\"accepted\":2,\"duplicate\":0,\"failed\":0,\"workspace\":\""
                + workspace
                + "\"}}");

    JarRun again =
        jar(
            "ingest",
            "--json",
            "--workspace",
            workspace,
            config,
            docs.resolve("b.txt").toString(),
            work.resolve("missing.pdf").toString());
    assertThat(again.exit()).isNotZero();
    assertThat(again.stdout()).contains("\"duplicate\"").contains("no such file");

    // A folder named through a symbolic link is walked where it points (both files known by now),
    // and an empty folder is a mistake said in one line, not "0 accepted".
    Path linked = Files.createSymbolicLink(work.resolve("linked-docs"), docs);
    JarRun viaLink = jar("ingest", "--workspace", workspace, config, linked.toString());
    assertThat(viaLink.exit()).as(viaLink.stderr()).isZero();
    assertThat(viaLink.stdout()).contains("0 accepted, 2 duplicate, 0 failed");
    Path empty = Files.createDirectories(work.resolve("empty"));
    JarRun nothing = jar("ingest", "--workspace", workspace, config, empty.toString());
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.stderr().strip()).isEqualTo("error: " + empty + " holds no files");

    Jdbi jdbi = Jdbi.create(DB.dataSource());
    assertThat(count(jdbi, "SELECT count(*) FROM chunks WHERE embedding IS NOT NULL")).isEqualTo(2);

    JarRun reindex = jar("reindex", config);
    assertThat(reindex.exit()).as(reindex.stderr()).isZero();
    assertThat(reindex.stdout()).contains("2 chunks");
    assertThat(reindex.stderr()).contains("reindex: 2/2 (100%)");

    jdbi.useHandle(h -> h.execute("UPDATE chunks SET embedding = NULL"));
    long changesBefore = count(jdbi, "SELECT count(*) FROM chunk_changes");
    JarRun reembed = jar("reembed", config);
    assertThat(reembed.exit()).as(reembed.stderr()).isZero();
    assertThat(reembed.stdout()).contains("Re-embedded 2 chunks");
    // Progress on stderr, and nothing of the model runtime's start-up notes.
    assertThat(reembed.stderr().strip()).startsWith("reembed: 2/2 (100%)").doesNotContain("WARN");
    assertThat(count(jdbi, "SELECT count(*) FROM chunks WHERE embedding IS NOT NULL")).isEqualTo(2);
    // Rewriting vectors is not a change the Lucene index needs to replay.
    assertThat(count(jdbi, "SELECT count(*) FROM chunk_changes")).isEqualTo(changesBefore);
  }

  private static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}

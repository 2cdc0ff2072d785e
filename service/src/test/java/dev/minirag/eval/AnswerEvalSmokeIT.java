package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CI smoke of {@code eval-answers}: four pages of Git's manual (Debian's git-doc, which the test
 * script installs) and the twelve questions marked smoke, through the packaged jar.
 */
class AnswerEvalSmokeIT {

  static final Path MANUAL = Path.of("/usr/share/doc/git-doc");

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void theSmokeQuestionsAreAskedAndScored() throws Exception {
    assertThat(MANUAL.resolve("git-gc.html"))
        .as("Debian's git-doc (bin/test installs it)")
        .exists();
    Path answers = TestApp.repoRoot().resolve("bench/answers");
    Path json = Files.createTempFile("eval-answers-smoke-", ".json");
    JsonNode r =
        Commands.run(
            DB,
            "eval-answers",
            json,
            "--pages",
            MANUAL.toString(),
            "--page-list",
            answers.resolve("git-manual-smoke-pages.txt").toString(),
            "--questions",
            answers.resolve("git-manual.jsonl").toString(),
            "--smoke",
            "--without",
            "dense",
            "--with",
            "passages=8");
    assertThat(r.required("ingest").required("pages").asInt()).isEqualTo(4);
    assertThat(r.required("answerable").asInt()).isEqualTo(10);
    assertThat(r.required("unanswerable").asInt()).isEqualTo(2);
    assertThat(r.required("results")).hasSize(12);
    for (JsonNode q : r.required("results")) {
      assertThat(q.required("answer").asText()).as(q.toString()).isNotBlank();
      assertThat(q.required("sources")).as(q.toString()).isNotEmpty();
      assertThat(q.has("factPassage")).as(q.toString()).isTrue();
    }
    // A fact among the quoted passages is among the retrieved ones too.
    assertThat(r.required("factInRetrievedPassages").asDouble())
        .isGreaterThanOrEqualTo(r.required("factInQuotedPassages").asDouble());
    // Every smoke question's page is one of the four, and retrieval finds them.
    assertThat(r.required("citationAt5").asDouble()).isEqualTo(1.0);
    assertThat(r.required("containsFact").asDouble()).isBetween(0.0, 1.0);
    assertThat(r.required("askP95Ms").asDouble()).isPositive();
    assertThat(r.required("ablation").required("without dense").required("answerable").asInt())
        .isEqualTo(10);
    assertThat(r.required("ablation").required("with passages=8").required("results")).hasSize(12);
  }
}

package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BeirDatasetTest {

  static Path tiny() throws Exception {
    return Path.of(BeirDatasetTest.class.getResource("/beir-tiny/corpus.jsonl").toURI())
        .getParent();
  }

  @Test
  void readsCorpusJudgedQueriesAndGradedQrelsFromTheBeirLayout() throws Exception {
    BeirDataset d = BeirDataset.load(tiny(), null, null);
    assertThat(d.name()).isEqualTo("beir-tiny");
    assertThat(d.corpus()).hasSize(12);
    assertThat(d.corpus().get(0).title()).isEqualTo("Photosynthesis in plants");
    // q5 has no judgments: trec_eval would not average over it
    assertThat(d.queries()).containsOnlyKeys("q1", "q2", "q3", "q4");
    assertThat(d.qrels().get("q2")).containsEntry("d3", 2).containsEntry("d4", 1);
  }

  @Test
  void aSampleKeepsEveryJudgedDocumentOfItsQueries() throws Exception {
    BeirDataset s = BeirDataset.load(tiny(), null, null).sample(2, 1);
    assertThat(s.queries()).containsOnlyKeys("q1", "q2");
    assertThat(s.corpus())
        .extracting(BeirDataset.Doc::id)
        .containsExactly("d1", "d2", "d3", "d4", "d5");
  }
}

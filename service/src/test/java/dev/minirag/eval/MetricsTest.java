package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void ndcgUsesGradesAsGainAndTheIdealOfAllJudgedDocuments() {
    // relevant: a (2), b (1), c (1, never retrieved)
    Map<String, Integer> rel = Map.of("a", 2, "b", 1, "c", 1);
    List<String> ranked = List.of("x", "a", "y", "b");
    double dcg = 2 / log2(3) + 1 / log2(5);
    double idcg = 2 / log2(2) + 1 / log2(3) + 1 / log2(4);
    assertThat(Metrics.ndcg(ranked, rel, 10)).isCloseTo(dcg / idcg, within(1e-12));
    assertThat(Metrics.ndcg(List.of("a", "b", "c"), rel, 10)).isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.ndcg(List.of(), rel, 10)).isZero();
  }

  @Test
  void ndcgAt10IgnoresRanksBeyondTen() {
    Map<String, Integer> rel = Map.of("a", 1);
    List<String> ranked = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a");
    assertThat(Metrics.ndcg(ranked, rel, 10)).isZero();
    assertThat(Metrics.recall(ranked, rel, 10)).isZero();
    assertThat(Metrics.recall(ranked, rel, 100)).isEqualTo(1.0);
    assertThat(Metrics.mrr(ranked, rel, 10)).isZero();
  }

  @Test
  void recallAndReciprocalRank() {
    Map<String, Integer> rel = Map.of("a", 1, "b", 1, "c", 1, "d", 1);
    List<String> ranked = List.of("x", "y", "b", "a");
    assertThat(Metrics.recall(ranked, rel, 10)).isEqualTo(0.5);
    assertThat(Metrics.mrr(ranked, rel, 10)).isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void meanCountsQueriesThatFoundNothingAsZero() {
    Map<String, Double> m =
        Metrics.mean(
            List.of(
                Metrics.score(List.of("a"), Map.of("a", 1)),
                Metrics.score(List.of(), Map.of("a", 1))));
    assertThat(m)
        .containsEntry("ndcg@10", 0.5)
        .containsEntry("recall@100", 0.5)
        .containsEntry("mrr@10", 0.5);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}

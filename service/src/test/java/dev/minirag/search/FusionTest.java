package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FusionTest {

  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
  private static final UUID D = UUID.fromString("00000000-0000-0000-0000-00000000000d");
  // Signed UUID order would put this first; text order puts it last.
  private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000000");

  private static RankedHit hit(UUID id, double score, int rank) {
    return new RankedHit(id, score, rank);
  }

  @Test
  void rrfAddsOneOverSixtyPlusRankPerLeg() {
    List<RankedHit> bm25 = List.of(hit(A, 12.0, 1), hit(B, 7.0, 2), hit(C, 3.0, 3));
    List<RankedHit> dense = List.of(hit(C, 0.9, 1), hit(A, 0.8, 2), hit(D, 0.1, 3));

    List<Fusion.Fused> fused = Fusion.rrf(bm25, dense);

    assertThat(fused).extracting(Fusion.Fused::chunkId).containsExactly(A, C, B, D);
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
    assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
    assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
    assertThat(fused.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));
    assertThat(fused.get(0).bm25().rank()).isEqualTo(1);
    assertThat(fused.get(0).dense().rank()).isEqualTo(2);
    assertThat(fused.get(2).dense()).isNull();
    assertThat(fused.get(3).bm25()).isNull();
  }

  @Test
  void rrfIgnoresScoresOnlyRanksCount() {
    List<Fusion.Fused> a = Fusion.rrf(List.of(hit(A, 1000, 1), hit(B, 1, 2)), List.of());
    List<Fusion.Fused> b = Fusion.rrf(List.of(hit(A, 5, 1), hit(B, 4.9, 2)), List.of());
    assertThat(a)
        .extracting(Fusion.Fused::score)
        .containsExactlyElementsOf(b.stream().map(Fusion.Fused::score).toList());
  }

  @Test
  void convexNormalizesEachLegAndWeighsDense() {
    // bm25 normalized: A 1.0, B 0.5, C 0.0 ; dense normalized: C 1.0, D 0.0 (D missing from bm25)
    List<RankedHit> bm25 = List.of(hit(A, 10, 1), hit(B, 6, 2), hit(C, 2, 3));
    List<RankedHit> dense = List.of(hit(C, 0.8, 1), hit(D, 0.2, 2));

    List<Fusion.Fused> fused = Fusion.convex(bm25, dense, 0.6);

    assertThat(fused).extracting(Fusion.Fused::chunkId).containsExactly(C, A, B, D);
    assertThat(fused.get(0).score()).isCloseTo(0.6 * 1.0 + 0.4 * 0.0, within(1e-12));
    assertThat(fused.get(1).score()).isCloseTo(0.4 * 1.0, within(1e-12));
    assertThat(fused.get(2).score()).isCloseTo(0.4 * 0.5, within(1e-12));
    assertThat(fused.get(3).score()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void convexWeightZeroIsBm25OrderAndOneIsDenseOrder() {
    List<RankedHit> bm25 = List.of(hit(A, 3, 1), hit(B, 2, 2), hit(C, 1, 3));
    List<RankedHit> dense = List.of(hit(C, 0.9, 1), hit(B, 0.5, 2), hit(A, 0.1, 3));
    assertThat(Fusion.convex(bm25, dense, 0.0))
        .extracting(Fusion.Fused::chunkId)
        .containsExactly(A, B, C);
    assertThat(Fusion.convex(bm25, dense, 1.0))
        .extracting(Fusion.Fused::chunkId)
        .containsExactly(C, B, A);
  }

  @Test
  void aLegWhoseCandidatesAllTieGivesThemOne() {
    List<Fusion.Fused> fused = Fusion.convex(List.of(hit(A, 4.2, 1)), List.of(), 0.6);
    assertThat(fused)
        .singleElement()
        .satisfies(f -> assertThat(f.score()).isCloseTo(0.4, within(1e-12)));
    assertThat(Fusion.minMax(List.of(hit(A, 2, 1), hit(B, 2, 2)))).containsValues(1.0, 1.0);
  }

  @Test
  void tiesAreBrokenByChunkIdAsText() {
    List<RankedHit> bm25 = List.of(hit(HIGH, 1, 1));
    List<RankedHit> dense = List.of(hit(A, 1, 1));
    assertThat(Fusion.rrf(bm25, dense)).extracting(Fusion.Fused::chunkId).containsExactly(A, HIGH);
    assertThat(Fusion.convex(bm25, dense, 0.5))
        .extracting(Fusion.Fused::chunkId)
        .containsExactly(A, HIGH);
  }

  @Test
  void emptyLegsFuseToNothing() {
    assertThat(Fusion.rrf(List.of(), List.of())).isEmpty();
    assertThat(Fusion.convex(List.of(), List.of(), 0.6)).isEmpty();
  }

  @Test
  void rejectsAWeightOutsideZeroToOne() {
    assertThatThrownBy(() -> Fusion.convex(List.of(), List.of(), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fusion.convex(List.of(), List.of(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

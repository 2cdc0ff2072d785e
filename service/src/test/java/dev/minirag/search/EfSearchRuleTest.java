package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SEARCH_EF_SEARCH_PER_MILLION_CHUNKS and SEARCH_SCAN_ROWS_PER_MILLION_CHUNKS: ef_search and the
 * index scan's walk grow with the workspace, within their bounds.
 */
class EfSearchRuleTest {

  @Test
  void smallWorkspacesKeepTheConfiguredValueAndLargeOnesGrowToTheCap() {
    SearchConfig c = new SearchConfig();
    assertThat(c.efSearchFor(0)).isEqualTo(100);
    assertThat(c.efSearchFor(5_183)).isEqualTo(100);
    assertThat(c.efSearchFor(250_000)).isEqualTo(100);
    assertThat(c.efSearchFor(500_000)).isEqualTo(200);
    assertThat(c.efSearchFor(1_000_000)).isEqualTo(400);
    assertThat(c.efSearchFor(50_000_000)).isEqualTo(VectorSearchDao.MAX_EF_SEARCH);
  }

  @Test
  void zeroTurnsTheRuleOff() {
    SearchConfig c = new SearchConfig();
    c.setEfSearchPerMillionChunks(0);
    assertThat(c.efSearchFor(1_000_000)).isEqualTo(100);
  }

  @Test
  void theWalkIsKForSmallWorkspacesAndGrowsToItsCap() {
    SearchConfig c = new SearchConfig();
    assertThat(c.scanRowsFor(0, 100)).isEqualTo(100);
    assertThat(c.scanRowsFor(5_183, 100)).isEqualTo(100);
    assertThat(c.scanRowsFor(100_000, 100)).isEqualTo(100);
    assertThat(c.scanRowsFor(500_000, 100)).isEqualTo(500);
    assertThat(c.scanRowsFor(1_000_000, 100)).isEqualTo(1000);
    assertThat(c.scanRowsFor(1_000_000, 5000)).isEqualTo(5000);
    assertThat(c.scanRowsFor(50_000_000, 100)).isEqualTo(VectorSearchDao.MAX_SCAN_ROWS);
    c.setScanRowsPerMillionChunks(0);
    assertThat(c.scanRowsFor(1_000_000, 100)).isEqualTo(100);
  }
}

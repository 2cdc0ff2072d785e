package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SEARCH_EF_SEARCH_PER_MILLION_CHUNKS: ef_search grows with the workspace, within its bounds. */
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
}

package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorSearchDaoTest {

  @Test
  void scanSettingsFormatOnlyAnIntegerInPgvectorsRange() {
    assertThat(VectorSearchDao.scanSettings(1))
        .isEqualTo(
            "SET TRANSACTION READ ONLY; SET LOCAL hnsw.iterative_scan = relaxed_order;"
                + " SET LOCAL hnsw.ef_search = 1");
    assertThat(VectorSearchDao.scanSettings(1000)).endsWith("hnsw.ef_search = 1000");
    for (int bad : new int[] {0, -1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> VectorSearchDao.scanSettings(bad))
          .as("ef_search %d", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between 1 and 1000");
    }
  }

  @Test
  void theWalkIsBoundedBelowPgvectorsTupleLimit() {
    assertThat(VectorSearchDao.scanSettings(400, 10_000)).endsWith("hnsw.ef_search = 400");
    for (int bad : new int[] {0, -1, 10_001, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> VectorSearchDao.scanSettings(100, bad))
          .as("scan rows %d", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("between 1 and 10000");
    }
  }
}

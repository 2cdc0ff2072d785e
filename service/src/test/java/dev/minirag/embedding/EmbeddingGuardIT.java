package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddingGuardIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private Jdbi jdbi;
  private EmbeddingSettingsDao dao;
  private EmbeddingGuard guard;

  /** Only what the guard reads: name and dimension. */
  private record Fake(String model, int dimension) implements Embedder {
    @Override
    public int maxTokens() {
      return 128;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] embedQuery(String text) {
      throw new UnsupportedOperationException();
    }
  }

  @BeforeEach
  void clean() {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    jdbi.useHandle(h -> h.execute("DELETE FROM embedding_settings"));
    dao = jdbi.onDemand(EmbeddingSettingsDao.class);
    guard = new EmbeddingGuard(dao);
  }

  @Test
  void recordsTheFirstModelThenAcceptsIt() {
    assertThat(dao.find()).isEmpty();
    EmbeddingGuard.Result first = guard.check(TestEmbedders.miniLmQ());
    assertThat(first.status()).isEqualTo(EmbeddingGuard.Status.RECORDED);
    assertThat(dao.find()).contains(new EmbeddingSettings("all-minilm-l6-v2-q", 384));

    EmbeddingGuard.Result again = guard.check(TestEmbedders.miniLmQ());
    assertThat(again.status()).isEqualTo(EmbeddingGuard.Status.MATCHES);
    assertThat(again.vectorsComparable()).isTrue();
  }

  @Test
  void refusesADimensionChangeNamingReembed() {
    dao.record("all-minilm-l6-v2-q", 384);
    // The column is vector(384): pretend an earlier deployment recorded another dimension.
    jdbi.useHandle(
        h -> h.execute("UPDATE embedding_settings SET model = 'old-model', dimension = 768"));

    assertThatThrownBy(() -> guard.check(TestEmbedders.miniLmQ()))
        .isInstanceOf(EmbeddingMismatchException.class)
        .hasMessageContaining("old-model (768 dimensions)")
        .hasMessageContaining("makes 384")
        .hasMessageContaining("reembed");
    assertThat(dao.find()).contains(new EmbeddingSettings("old-model", 768));
  }

  @Test
  void refusesAModelThatDoesNotFitTheColumn() {
    assertThat(dao.columnDimension()).contains(384);
    assertThatThrownBy(() -> guard.check(new Fake("text-embedding-3-small", 1536)))
        .isInstanceOf(EmbeddingMismatchException.class)
        .hasMessageContaining("vector(384)")
        .hasMessageContaining("reembed");
    assertThat(dao.find()).isEmpty();
  }

  @Test
  void warnsWhenTheModelChangesAtTheSameDimension() {
    dao.record("all-minilm-l6-v2-q", 384);
    EmbeddingGuard.Result r = guard.check(new Fake("bge-small-en-v1.5-q", 384));
    assertThat(r.status()).isEqualTo(EmbeddingGuard.Status.MODEL_CHANGED);
    assertThat(r.vectorsComparable()).isFalse();
    assertThat(r.message())
        .contains("all-minilm-l6-v2-q")
        .contains("bge-small-en-v1.5-q")
        .contains("reembed");
    assertThat(dao.find()).contains(new EmbeddingSettings("all-minilm-l6-v2-q", 384));
  }
}

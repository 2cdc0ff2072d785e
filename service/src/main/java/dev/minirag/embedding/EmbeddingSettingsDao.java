package dev.minirag.embedding;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The singleton {@code embedding_settings} row. */
@RegisterConstructorMapper(EmbeddingSettings.class)
public interface EmbeddingSettingsDao {

  @SqlQuery("SELECT model, dimension FROM embedding_settings WHERE id")
  Optional<EmbeddingSettings> find();

  /** Records the model if none is recorded yet; returns whether this call recorded it. */
  @SqlUpdate(
      """
      INSERT INTO embedding_settings (id, model, dimension) VALUES (true, :model, :dimension)
      ON CONFLICT (id) DO NOTHING
      """)
  boolean recordIfAbsent(@Bind("model") String model, @Bind("dimension") int dimension);

  /** Replaces the recorded model (for the reembed command, once every vector is rewritten). */
  @SqlUpdate(
      """
      INSERT INTO embedding_settings (id, model, dimension) VALUES (true, :model, :dimension)
      ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension, updated_at = now()
      """)
  void record(@Bind("model") String model, @Bind("dimension") int dimension);

  /** The declared length of {@code chunks.embedding} ({@code vector(n)}), if the column has one. */
  @SqlQuery(
      """
      SELECT NULLIF(a.atttypmod, -1) FROM pg_attribute a
      WHERE a.attrelid = to_regclass('chunks') AND a.attname = 'embedding' AND NOT a.attisdropped
      """)
  Optional<Integer> columnDimension();
}

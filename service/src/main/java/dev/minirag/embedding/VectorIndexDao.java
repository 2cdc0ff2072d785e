package dev.minirag.embedding;

import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The HNSW index over {@code chunks.embedding}: how it is built, and rebuilding it otherwise. */
public interface VectorIndexDao extends SqlObject {

  /** What {@link #ensure} found and did. */
  enum Outcome {
    /** The index already had the requested storage and graph parameters. */
    UNCHANGED,
    /** The index was rebuilt as requested. */
    SWITCHED,
    /** No index (e.g. {@code reembed} is running, and creates it when done): nothing to switch. */
    NO_INDEX
  }

  /** A key of its own among the project's transaction advisory locks (7340033: the change feed). */
  long SWITCH_LOCK = 7340035L;

  String NEXT = "chunks_embedding_hnsw_next";

  @SqlQuery(
      "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = :name")
  Optional<String> definition(@Bind("name") String name);

  /** The declared length of {@code chunks.embedding}, as {@code EmbeddingSettingsDao} reads it. */
  @SqlQuery(
      """
      SELECT NULLIF(a.atttypmod, -1) FROM pg_attribute a
      WHERE a.attrelid = to_regclass('chunks') AND a.attname = 'embedding' AND NOT a.attisdropped
      """)
  Optional<Integer> columnDimension();

  /**
   * The index as it is now, if there is one. Waits while another node rebuilds it ({@link
   * #ensure}): {@code pg_indexes} renders a definition from the catalogue's latest state, so
   * reading it while a rebuild commits the old index's drop fails ("cache lookup failed").
   */
  @Transaction
  default Optional<HnswIndex> current() {
    getHandle().execute("SELECT pg_advisory_xact_lock_shared(?)", SWITCH_LOCK);
    return definition(VectorStorage.INDEX).map(HnswIndex::parse);
  }

  /**
   * Makes the index the {@code wanted} one (storage and graph parameters), rebuilding it if not.
   *
   * <p>Safe when several nodes start at once: the check and the rebuild run under one transaction
   * advisory lock, so the first node rebuilds and the others, once it commits, find the index
   * already switched. Atomic: the new index is built under another name, then the old one dropped
   * and the new one renamed, all in this transaction; a failure or a crash rolls every step back
   * and leaves the old index as it was. While it builds, searches keep using the old index (CREATE
   * INDEX blocks writes to {@code chunks}, not reads); only the final drop and rename take the
   * table's exclusive lock, briefly.
   */
  @Transaction
  default Outcome ensure(HnswIndex wanted) {
    getHandle().execute("SELECT pg_advisory_xact_lock(?)", SWITCH_LOCK);
    Optional<HnswIndex> now = current();
    Optional<Integer> dimension = columnDimension();
    if (now.isEmpty() || dimension.isEmpty()) {
      return Outcome.NO_INDEX;
    }
    if (now.get().equals(wanted)) {
      return Outcome.UNCHANGED;
    }
    getHandle().execute(wanted.createIndex(NEXT, dimension.get()));
    getHandle().execute("DROP INDEX " + VectorStorage.INDEX);
    getHandle().execute("ALTER INDEX " + NEXT + " RENAME TO " + VectorStorage.INDEX);
    return Outcome.SWITCHED;
  }

  /** Creates the index as {@code wanted} if there is none (for {@code reembed}). */
  default void createIfAbsent(HnswIndex wanted, int dimension) {
    if (current().isEmpty()) {
      getHandle().execute(wanted.createIndex(VectorStorage.INDEX, dimension));
    }
  }
}

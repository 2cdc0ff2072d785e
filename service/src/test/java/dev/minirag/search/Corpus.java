package dev.minirag.search;

import com.pgvector.PGvector;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.PgVectorArgumentFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes tenants, sources and chunks with plain SQL, as ingestion will; the chunk trigger fills
 * chunk_changes. With an embedder, every chunk gets its real vector.
 */
final class Corpus {

  final Jdbi jdbi;
  private final Embedder embedder;

  Corpus(Jdbi jdbi, Embedder embedder) {
    this.jdbi = jdbi;
    this.embedder = embedder;
  }

  UUID workspace(String name) {
    return jdbi.withHandle(
        h -> {
          UUID org =
              h.createQuery("INSERT INTO organizations (name) VALUES (:n) RETURNING id")
                  .bind("n", name + " org")
                  .mapTo(UUID.class)
                  .one();
          return h.createQuery(
                  "INSERT INTO workspaces (organization_id, name) VALUES (:o, :n) RETURNING id")
              .bind("o", org)
              .bind("n", name)
              .mapTo(UUID.class)
              .one();
        });
  }

  UUID source(UUID workspace, String kind, String title, Instant createdAt) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    INSERT INTO sources (workspace_id, kind, title, uri, content_hash, status, created_at)
                    VALUES (:ws, :kind, :title, :uri, :hash, 'ready', :created) RETURNING id
                    """)
                .bind("ws", workspace)
                .bind("kind", kind)
                .bind("title", title)
                .bind("uri", "https://example.test/" + title.toLowerCase().replace(' ', '-'))
                .bind("hash", UUID.randomUUID().toString())
                .bind("created", createdAt)
                .mapTo(UUID.class)
                .one());
  }

  UUID source(UUID workspace, String kind, String title) {
    return source(workspace, kind, title, Instant.parse("2026-01-15T10:00:00Z"));
  }

  /** Inserts the texts as chunks 0..n-1 of the source, in one transaction; returns their ids. */
  List<UUID> chunks(UUID workspace, UUID source, String... texts) {
    List<float[]> vectors = embedder == null ? null : embedder.embedDocuments(List.of(texts));
    return jdbi.inTransaction(
        h -> {
          h.registerArgument(new PgVectorArgumentFactory());
          int base =
              h.createQuery("SELECT COALESCE(max(ordinal) + 1, 0) FROM chunks WHERE source_id = :s")
                  .bind("s", source)
                  .mapTo(Integer.class)
                  .one();
          List<UUID> ids = new java.util.ArrayList<>();
          for (int i = 0; i < texts.length; i++) {
            ids.add(
                h.createQuery(
                        """
                        INSERT INTO chunks (source_id, workspace_id, ordinal, text, metadata, embedding)
                        VALUES (:s, :ws, :ord, :text, CAST(:meta AS jsonb), :emb) RETURNING id
                        """)
                    .bind("s", source)
                    .bind("ws", workspace)
                    .bind("ord", base + i)
                    .bind("text", texts[i])
                    .bind("meta", "{\"page\": " + (i + 1) + "}")
                    .bindByType(
                        "emb",
                        vectors == null ? null : new PGvector(vectors.get(i)),
                        PGvector.class)
                    .mapTo(UUID.class)
                    .one());
          }
          return ids;
        });
  }

  UUID chunk(UUID workspace, UUID source, String text) {
    return chunks(workspace, source, text).get(0);
  }

  void updateText(UUID chunk, String text) {
    jdbi.useHandle(
        h -> {
          h.registerArgument(new PgVectorArgumentFactory());
          h.createUpdate("UPDATE chunks SET text = :t, embedding = :e WHERE id = :id")
              .bind("t", text)
              .bindByType(
                  "e",
                  embedder == null
                      ? null
                      : new PGvector(embedder.embedDocuments(List.of(text)).get(0)),
                  PGvector.class)
              .bind("id", chunk)
              .execute();
        });
  }

  void deleteChunk(UUID chunk) {
    jdbi.useHandle(
        h -> h.createUpdate("DELETE FROM chunks WHERE id = :id").bind("id", chunk).execute());
  }

  void deleteSource(UUID source) {
    jdbi.useHandle(
        h -> h.createUpdate("DELETE FROM sources WHERE id = :id").bind("id", source).execute());
  }
}

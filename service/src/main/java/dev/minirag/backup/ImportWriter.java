package dev.minirag.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.minirag.backup.ArchiveLines.ChunkLine;
import dev.minirag.backup.ArchiveLines.DocumentLine;
import dev.minirag.backup.ArchiveLines.SourceLine;
import dev.minirag.backup.ImportService.Vectors;
import dev.minirag.common.ApiException;
import dev.minirag.embedding.Embedder;
import dev.minirag.quota.QuotaService;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The write pass of an import, inside the caller's one transaction: sources, then documents, then
 * chunks in batches, each entry read again from the (already validated) archive.
 */
final class ImportWriter {
  private static final int BATCH = 500;

  private final Handle h;
  private final QuotaService quota;
  private final ObjectMapper json;
  private final Embedder embedder;

  ImportWriter(Handle h, QuotaService quota, ObjectMapper json, Embedder embedder) {
    this.h = h;
    this.quota = quota;
    this.json = json;
    this.embedder = embedder;
  }

  void write(UUID workspace, ArchiveReader reader, Vectors vectors, Path spool, Steps steps)
      throws IOException {
    BackupDao tx = h.attach(BackupDao.class);
    tx.lockWorkspaceContent(workspace)
        .orElseThrow(() -> ApiException.notFound("Workspace not found"));
    if (tx.sourceCount(workspace) > 0) {
      throw ImportService.notEmpty(); // a source arrived since the first check
    }
    // Every entry is read again here; EntryLines re-verifies its checksum, so an archive file
    // changed since the validation pass fails at the end of its entry and rolls everything back.
    Map<String, UUID> ids = new HashMap<>();
    steps.checkpoint();
    try (EntryLines lines = reader.lines(ArchiveFormat.SOURCES)) {
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        SourceLine s = json.readValue(line, SourceLine.class);
        UUID id =
            tx.insertSource(
                new BackupDao.NewSource(
                    workspace,
                    s.kind(),
                    s.title(),
                    s.uri(),
                    s.externalId(),
                    s.mimeType(),
                    s.contentHash(),
                    s.chunkCount(),
                    s.byteSize(),
                    s.etag(),
                    s.lastModified(),
                    objectText(s.metadata()),
                    orNow(s.createdAt()),
                    orNow(s.updatedAt()),
                    s.fileName()));
        // Stored-content limits apply as to any new source; the daily upload bytes do not (nothing
        // was uploaded as documents).
        quota.reserveStore(h, workspace, s.chunkCount(), 0);
        ids.put(s.id(), id);
      }
    }
    steps.checkpoint();
    try (EntryLines lines = reader.lines(ArchiveFormat.DOCUMENTS)) {
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        DocumentLine d = json.readValue(line, DocumentLine.class);
        tx.insertDocument(
            workspace, known(ids, d.source()), d.document().toString(), d.charCount());
      }
    }
    int dimension =
        vectors == Vectors.REEMBEDDED
            ? embedder.dimension()
            : vectors == Vectors.REUSED ? reader.manifest().embedding().dimension() : 0;
    steps.checkpoint();
    try (EntryLines lines = reader.lines(ArchiveFormat.CHUNKS);
        DataInputStream spooled =
            spool == null
                ? null
                : new DataInputStream(new BufferedInputStream(Files.newInputStream(spool)))) {
      ChunkBatch batch = new ChunkBatch();
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        ChunkLine c = json.readValue(line, ChunkLine.class);
        PGvector vector =
            switch (vectors) {
              case REUSED -> new PGvector(ArchiveFormat.decodeVector(c.vector(), dimension));
              case REEMBEDDED -> new PGvector(read(spooled, dimension));
              case NONE -> null;
            };
        batch.add(known(ids, c.source()), c.ordinal(), c.text(), objectText(c.metadata()), vector);
        if (batch.size() == BATCH) {
          batch.flush(tx, workspace);
        }
      }
      batch.flush(tx, workspace);
    }
  }

  /**
   * Validated in the first pass; absent only if the file changed since (possible for a command's
   * file).
   */
  private static UUID known(Map<String, UUID> ids, String source) {
    UUID id = ids.get(source);
    if (id == null) {
      throw ArchiveRefused.invalid("the archive file changed while it was being imported");
    }
    return id;
  }

  private static float[] read(DataInputStream in, int dimension) throws IOException {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }

  private static OffsetDateTime orNow(OffsetDateTime t) {
    return t == null ? OffsetDateTime.now() : t;
  }

  private static String objectText(JsonNode node) {
    return node == null || node.isNull() ? "{}" : node.toString();
  }

  /** Chunk rows waiting for one batched insert. */
  private static final class ChunkBatch {
    final List<UUID> sources = new ArrayList<>();
    final List<Integer> ordinals = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    final List<String> metadata = new ArrayList<>();
    final List<PGvector> vectors = new ArrayList<>();

    void add(UUID source, int ordinal, String text, String meta, PGvector vector) {
      sources.add(source);
      ordinals.add(ordinal);
      texts.add(text);
      metadata.add(meta);
      vectors.add(vector);
    }

    int size() {
      return sources.size();
    }

    void flush(BackupDao tx, UUID workspace) {
      if (!sources.isEmpty()) {
        tx.insertChunks(sources, workspace, ordinals, texts, metadata, vectors);
      }
      sources.clear();
      ordinals.clear();
      texts.clear();
      metadata.clear();
      vectors.clear();
    }
  }
}

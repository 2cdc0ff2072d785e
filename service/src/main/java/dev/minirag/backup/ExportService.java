package dev.minirag.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.backup.ArchiveLines.ChunkLine;
import dev.minirag.backup.ArchiveLines.DocumentLine;
import dev.minirag.backup.ArchiveLines.SourceLine;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a workspace's ready sources, their documents and chunks (with vectors) as one zip archive
 * (docs/export-format.md), streaming: rows go from one database snapshot straight into the zip,
 * each entry's SHA-256 is computed on the way, and the manifest that lists them is the last entry.
 */
public class ExportService {

  public record ExportSummary(
      long sources,
      long documents,
      long chunks,
      long vectors,
      String embeddingModel,
      Map<String, Long> skipped) {

    public Map<String, Object> auditDetails() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("sources", sources);
      d.put("documents", documents);
      d.put("chunks", chunks);
      d.put("vectors", vectors);
      d.put("skipped", skipped);
      return d;
    }
  }

  private final BackupDao dao;
  private final ObjectMapper json = ArchiveJson.mapper();

  public ExportService(BackupDao dao) {
    this.dao = dao;
  }

  /**
   * Writes the archive to {@code out}, which stays open; a failure part-way leaves an archive
   * without a manifest.
   */
  public ExportSummary export(UUID workspace, OutputStream out, Progress progress) {
    return dao.snapshot(
        tx -> {
          try {
            return write(tx, workspace, out, progress);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private ExportSummary write(BackupDao tx, UUID workspace, OutputStream out, Progress progress)
      throws IOException {
    String name =
        tx.workspaceName(workspace)
            .orElseThrow(() -> new IllegalArgumentException("no workspace " + workspace));
    long sourceCount = tx.readySources(workspace);
    long total = 2 * sourceCount + tx.readyChunks(workspace);
    Map<String, Long> skipped = new LinkedHashMap<>();
    tx.notReady(workspace).forEach(s -> skipped.put(s.status(), s.count()));
    Steps done = new Steps(progress, total);
    List<Manifest.Entry> entries = new ArrayList<>();
    long[] vectors = {0};
    int[] dimension = {0};

    ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out));
    try (Stream<BackupDao.SourceRow> rows = tx.sources(workspace)) {
      entries.add(
          entry(
              zip,
              ArchiveFormat.SOURCES,
              rows.map(
                  r ->
                      new SourceLine(
                          r.id().toString(),
                          r.kind(),
                          r.title(),
                          r.uri(),
                          r.externalId(),
                          r.mimeType(),
                          r.contentHash(),
                          r.chunkCount(),
                          r.byteSize(),
                          r.etag(),
                          r.lastModified(),
                          tree(r.metadata()),
                          r.createdAt(),
                          r.updatedAt(),
                          r.fileName())),
              done));
    }
    try (Stream<BackupDao.DocumentRow> rows = tx.documents(workspace)) {
      entries.add(
          entry(
              zip,
              ArchiveFormat.DOCUMENTS,
              rows.map(
                  r ->
                      new DocumentLine(r.sourceId().toString(), tree(r.document()), r.charCount())),
              done));
    }
    try (Stream<BackupDao.ChunkRow> rows = tx.chunks(workspace)) {
      entries.add(
          entry(
              zip,
              ArchiveFormat.CHUNKS,
              rows.map(
                  r -> {
                    String vector = null;
                    if (r.embedding() != null) {
                      float[] v = ArchiveFormat.parsePgVector(r.embedding());
                      vectors[0]++;
                      dimension[0] = v.length;
                      vector = ArchiveFormat.encodeVector(v);
                    }
                    return new ChunkLine(
                        r.sourceId().toString(), r.ordinal(), r.text(), tree(r.metadata()), vector);
                  }),
              done));
    }
    // The vectors are labelled with the model recorded for the stored vectors, not the configured
    // one:
    // after a model change they stay the old model's until `reembed` rewrites them.
    Manifest.Embedding embedding =
        vectors[0] == 0
            ? null
            : tx.storedEmbedding()
                .map(e -> new Manifest.Embedding(e.model(), dimension[0]))
                .orElse(null);
    Manifest manifest =
        new Manifest(
            ArchiveFormat.FORMAT,
            ArchiveFormat.VERSION,
            OffsetDateTime.now(ZoneOffset.UTC),
            name,
            embedding,
            skipped,
            entries);
    zip.putNextEntry(new ZipEntry(ArchiveFormat.MANIFEST));
    zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    zip.closeEntry();
    zip.finish();
    zip.flush();
    progress.report(total, total);
    return new ExportSummary(
        entries.get(0).lines(),
        entries.get(1).lines(),
        entries.get(2).lines(),
        vectors[0],
        embedding == null ? null : embedding.model(),
        skipped);
  }

  private Manifest.Entry entry(ZipOutputStream zip, String name, Stream<?> lines, Steps done)
      throws IOException {
    done.checkpoint();
    zip.putNextEntry(new ZipEntry(name));
    MessageDigest sha = sha256();
    long bytes = 0;
    long count = 0;
    for (var it = lines.iterator(); it.hasNext(); ) {
      byte[] line = json.writeValueAsBytes(it.next());
      sha.update(line);
      sha.update((byte) '\n');
      zip.write(line);
      zip.write('\n');
      bytes += line.length + 1;
      count++;
      done.step();
    }
    zip.closeEntry();
    return new Manifest.Entry(name, count, bytes, HexFormat.of().formatHex(sha.digest()));
  }

  private JsonNode tree(String jsonText) {
    try {
      return jsonText == null ? null : json.readTree(jsonText);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The zip is finished, not closed: the caller owns the stream (an HTTP response, a file). */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

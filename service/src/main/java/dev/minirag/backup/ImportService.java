package dev.minirag.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.backup.ArchiveLines.ChunkLine;
import dev.minirag.backup.ArchiveLines.SourceLine;
import dev.minirag.common.ApiException;
import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.documents.IngestGate;
import dev.minirag.embedding.Embedder;
import dev.minirag.quota.QuotaService;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Imports an archive into an empty workspace. First the whole archive is validated (shape, limits,
 * every line, every checksum) with nothing written; then, if the vectors cannot be reused, chunks
 * are re-embedded into a spool file; then everything is written in one transaction that re-checks
 * the workspace is still empty and the archive still matches its checksums. Any failure writes
 * nothing.
 */
public class ImportService {

  /** What happened to the vectors: taken from the archive, computed again, or none (BM25 only). */
  public enum Vectors {
    REUSED,
    REEMBEDDED,
    NONE
  }

  public record ImportSummary(
      UUID workspaceId,
      long sources,
      long documents,
      long chunks,
      String vectors,
      String embeddingModel,
      Map<String, Long> skippedAtExport,
      long archiveBytes,
      long millis) {

    public Map<String, Object> auditDetails() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("sources", sources);
      d.put("documents", documents);
      d.put("chunks", chunks);
      d.put("vectors", vectors);
      d.put("archiveBytes", archiveBytes);
      return d;
    }
  }

  private final BackupDao dao;
  private final Embedder embedder;
  private final int embedBatch;
  private final QuotaService quota;
  private final IngestGate gate;
  private final ArchiveLimits limits;
  private final Consumer<UUID> afterWrite;
  private final ObjectMapper json = ArchiveJson.mapper();

  /**
   * @param dao its statements, and the one write transaction
   * @param embedder the configured model, for chunks whose vectors cannot be reused
   * @param afterWrite told the workspace after the commit (e.g. to make the chunks searchable at
   *     once)
   */
  public ImportService(
      BackupDao dao,
      Embedder embedder,
      int embedBatch,
      QuotaService quota,
      IngestGate gate,
      ArchiveLimits limits,
      Consumer<UUID> afterWrite) {
    this.dao = dao;
    this.embedder = embedder;
    this.embedBatch = Math.max(1, embedBatch);
    this.quota = quota;
    this.gate = gate;
    this.limits = limits;
    this.afterWrite = afterWrite;
  }

  public ArchiveLimits limits() {
    return limits;
  }

  /** Before reading an upload: the workspace may add content (billing) and is empty (else 409). */
  public void admit(UUID workspace) {
    gate.admit(workspace);
    if (dao.sourceCount(workspace) > 0) {
      throw notEmpty();
    }
  }

  public ImportSummary importArchive(UUID workspace, Path archive, Progress progress)
      throws IOException {
    long started = System.nanoTime();
    admit(workspace);
    try (ArchiveReader reader = ArchiveReader.open(archive, limits, json)) {
      Manifest manifest = reader.manifest();
      long lines =
          manifest.entries().stream()
              .filter(e -> ArchiveFormat.DATA.contains(e.name()))
              .mapToLong(Manifest.Entry::lines)
              .sum();
      Vectors plan = plan(manifest);
      // Passes over the lines: validate, (re-embed), write.
      Steps steps = new Steps(progress, lines * (plan == Vectors.REEMBEDDED ? 3 : 2));
      ArchiveCheck.Checked checked = new ArchiveCheck(json).run(reader, steps);
      if (plan == Vectors.REUSED && !checked.allVectors()) {
        plan = Vectors.REEMBEDDED;
      }
      Path spool = plan == Vectors.REEMBEDDED ? reembed(reader, steps) : null;
      try {
        Vectors vectors = plan;
        dao.useTransaction(
            tx ->
                new ImportWriter(tx.getHandle(), quota, json, embedder)
                    .write(workspace, reader, vectors, spool, steps));
      } finally {
        if (spool != null) {
          Files.deleteIfExists(spool);
        }
      }
      progress.report(steps.done(), steps.done());
      afterWrite.accept(workspace);
      String model =
          plan == Vectors.NONE
              ? null
              : plan == Vectors.REUSED ? manifest.embedding().model() : embedder.model();
      return new ImportSummary(
          workspace,
          checked.sources(),
          checked.documents(),
          checked.chunks(),
          plan.name().toLowerCase(java.util.Locale.ROOT),
          model,
          manifest.skipped(),
          Files.size(archive),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * Vectors are reused only when they come from the model that fills this database's vectors (and
   * the configured model is that one); otherwise they would not be comparable with the queries.
   */
  private Vectors plan(Manifest manifest) {
    var stored = dao.storedEmbedding();
    boolean usable =
        embedder != null
            && stored
                .map(
                    s ->
                        s.model().equals(embedder.model()) && s.dimension() == embedder.dimension())
                .orElse(true);
    if (!usable) {
      return Vectors.NONE; // as ingestion does until `reembed` ran: BM25 only
    }
    Manifest.Embedding e = manifest.embedding();
    return e != null && e.model().equals(embedder.model()) && e.dimension() == embedder.dimension()
        ? Vectors.REUSED
        : Vectors.REEMBEDDED;
  }

  /**
   * Embeds every chunk (title + text, as ingestion does) into a spool file of float32 rows in chunk
   * order.
   */
  private Path reembed(ArchiveReader reader, Steps steps) throws IOException {
    Map<String, String> titles = new HashMap<>();
    try (EntryLines lines = reader.lines(ArchiveFormat.SOURCES)) {
      for (byte[] line; (line = lines.next()) != null; ) {
        SourceLine s = json.readValue(line, SourceLine.class);
        titles.put(s.id(), s.title());
      }
    }
    Path spool = Files.createTempFile("minirag-import-vectors-", ".bin");
    steps.checkpoint();
    try (EntryLines lines = reader.lines(ArchiveFormat.CHUNKS);
        DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool)))) {
      List<String> texts = new ArrayList<>(embedBatch);
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        ChunkLine c = json.readValue(line, ChunkLine.class);
        texts.add(EmbeddingPipeline.embeddingText(titles.get(c.source()), c.text()));
        if (texts.size() == embedBatch) {
          embedInto(out, texts);
        }
      }
      embedInto(out, texts);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
    return spool;
  }

  private void embedInto(DataOutputStream out, List<String> texts) throws IOException {
    if (texts.isEmpty()) {
      return;
    }
    for (float[] v : embedder.embedDocuments(texts)) {
      for (float x : v) {
        out.writeFloat(x);
      }
    }
    texts.clear();
  }

  static ApiException notEmpty() {
    return new ApiException(
        409, "The workspace already holds sources: import into a new or empty workspace");
  }
}

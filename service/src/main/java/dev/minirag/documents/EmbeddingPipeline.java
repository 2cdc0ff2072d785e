package dev.minirag.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.minirag.common.WireName;
import dev.minirag.common.db.DatabaseUnavailable;
import dev.minirag.documents.chunk.ChunkDraft;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.EmbeddingException;
import dev.minirag.jobs.JobCanceledException;
import dev.minirag.jobs.Progress;
import dev.minirag.quota.QuotaService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunks a stored document, embeds the chunks in batches (reporting progress on the source), and
 * writes all chunks with their vectors in one transaction, so a failure or a crash leaves no
 * partial source. Large documents run as embed jobs ({@link EmbedJobHandler}); a job whose node
 * died runs again elsewhere and replaces whatever is stored, so nothing is stored twice. A chunk
 * whose text the source already holds keeps its stored vector instead of being embedded again.
 */
public class EmbeddingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingPipeline.class);

  private final SourceDao sources;
  private final ChunkDao chunkDao;
  private final Chunker chunker;
  private final Embedder embedder;
  private final ObjectMapper json;
  private final int batchSize;
  private final Consumer<UUID> afterCommit;
  private final QuotaService quota;

  /**
   * What one run did: chunks written, of which embedded now and of which kept their stored vector.
   */
  public record Result(Outcome outcome, int chunks, int embedded, int reused) {
    static Result of(Outcome outcome) {
      return new Result(outcome, 0, 0, 0);
    }
  }

  /**
   * How a run ended: the source is ready, or failed, or was gone (deleted or given new content
   * meanwhile); a job's result names it by its lower-case {@link #wire()} name.
   */
  public enum Outcome implements WireName {
    READY,
    FAILED,
    GONE;

    @Override
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Vectors for a source's new chunks, and how many of them were embedded rather than reused. */
  record Vectors(List<PGvector> values, int embedded) {}

  /**
   * @param embedder null stores chunks without vectors (BM25 only)
   * @param afterCommit told the source id once its chunks are committed (e.g. to refresh an index)
   */
  public EmbeddingPipeline(
      SourceDao sources,
      ChunkDao chunkDao,
      Chunker chunker,
      Embedder embedder,
      ObjectMapper json,
      int batchSize,
      Consumer<UUID> afterCommit,
      QuotaService quota) {
    this.quota = quota;
    this.sources = sources;
    this.chunkDao = chunkDao;
    this.chunker = chunker;
    this.embedder = embedder;
    this.json = json;
    this.batchSize = batchSize;
    this.afterCommit = afterCommit;
  }

  /**
   * For small documents: embeds first, then commits the source, its document and all its chunks in
   * one transaction, so a failure anywhere leaves nothing behind. Empty when the workspace already
   * holds this content.
   */
  public Optional<UUID> ingestNow(PreparedSource source) {
    return ingestAllNow(List.of(source)).get(0);
  }

  /**
   * {@link #ingestNow} for many sources at once: their chunks share model calls, and every source
   * is committed with its document and chunks in one transaction (one commit for the batch, and no
   * second pass that reads the documents back). On any failure nothing of the batch is kept and the
   * exception propagates; the caller decides whether to retry each source alone. An element is
   * empty when the workspace already holds that content. The index is told once, after the commit.
   */
  public List<Optional<UUID>> ingestAllNow(List<PreparedSource> batch) {
    List<String> texts = new ArrayList<>();
    for (PreparedSource p : batch) {
      p.drafts().forEach(d -> texts.add(embeddingText(p.row().title(), d.text())));
    }
    List<PGvector> vectors = vectors(texts);
    List<Optional<UUID>> created =
        sources.inTransaction(
            tx -> {
              Handle h = tx.getHandle();
              ChunkDao chunks = h.attach(ChunkDao.class);
              List<Optional<UUID>> ids = new ArrayList<>(batch.size());
              Map<UUID, QuotaService.StoreTotals> stored = new LinkedHashMap<>();
              int at = 0;
              for (PreparedSource p : batch) {
                int n = p.drafts().size();
                // Ready from the start: its chunks are written before this commits.
                Optional<UUID> id = tx.insert(p.row(), true);
                if (id.isPresent()) {
                  stored.merge(
                      p.row().workspaceId(),
                      new QuotaService.StoreTotals(1, n, p.row().byteSize()),
                      QuotaService.StoreTotals::plus);
                  tx.saveDocument(p.row().workspaceId(), id.get(), p.docJson(), p.chars());
                  insertChunks(
                      chunks,
                      id.get(),
                      p.row().workspaceId(),
                      p.drafts(),
                      vectors.subList(at, at + n));
                }
                at += n;
                ids.add(id);
              }
              // Past a limit this throws and takes the whole batch back with it. Once a workspace
              // for the batch: the inserts already moved its counters, and the check is the same.
              stored.forEach((ws, total) -> quota.reserveStored(h, ws, total));
              return ids;
            });
    created.stream()
        .flatMap(Optional::stream)
        .reduce((first, second) -> second)
        .ifPresent(afterCommit);
    return created;
  }

  /**
   * Chunks and embeds a stored source and replaces its chunks. The outcome is ready, failed, or
   * gone when the source was deleted or given new content meanwhile. Cancellation ({@link
   * JobCanceledException} from {@code progress}) propagates and leaves the stored chunks as they
   * were.
   */
  Result run(UUID workspace, UUID sourceId, Progress progress) {
    Optional<Source> found = sources.find(workspace, sourceId);
    Optional<String> docJson = sources.document(workspace, sourceId);
    if (found.isEmpty() || docJson.isEmpty()) {
      return Result.of(Outcome.GONE);
    }
    Source source = found.get();
    try {
      ExtractedDocument doc = json.readValue(docJson.get(), ExtractedDocument.class);
      List<ChunkDraft> drafts = chunker.chunk(doc);
      sources.progress(workspace, sourceId, SourceStatus.EMBEDDING, drafts.size(), 0);
      Vectors vectors =
          vectorsReusing(
              source,
              source.title(),
              source.title(),
              drafts,
              (done, total) -> {
                if (sources.find(workspace, sourceId).isEmpty()) {
                  return false; // deleted while we worked
                }
                // Counted over all chunks: those that keep their vector are done from the start.
                int embedded = (int) (drafts.size() - total + done);
                sources.progress(
                    workspace, sourceId, SourceStatus.EMBEDDING, drafts.size(), embedded);
                progress.report(embedded, drafts.size());
                progress.checkCanceled();
                return true;
              });
      if (vectors == null || !write(source, drafts, vectors.values())) {
        return Result.of(Outcome.GONE);
      }
      afterCommit.accept(sourceId);
      return new Result(
          Outcome.READY, drafts.size(), vectors.embedded(), drafts.size() - vectors.embedded());
    } catch (JobCanceledException e) {
      throw e;
    } catch (EmbeddingException e) {
      LOG.error("Embedding source {} failed", sourceId, e);
      // The model's own message can name its endpoint or echo a provider's internals: log only.
      sources.fail(
          workspace,
          sourceId,
          "the embedding model failed; the server log has the details for source " + sourceId);
      return Result.of(Outcome.FAILED);
    } catch (RuntimeException | java.io.IOException e) {
      if (DatabaseUnavailable.causes(e)) {
        // Nothing was committed and the source keeps its status: the job runs again once the
        // database is back (marking the source failed now would fail too, or tell a wrong story).
        throw e instanceof RuntimeException r
            ? r
            : new java.io.UncheckedIOException((java.io.IOException) e);
      }
      // Internals (SQL, stack details) stay in the log; the source says where to look.
      LOG.error("Indexing source {} failed", sourceId, e);
      sources.fail(
          workspace,
          sourceId,
          "indexing failed; the server log has the details for source " + sourceId);
      return Result.of(Outcome.FAILED);
    }
  }

  /** Told after each embedded batch; false stops the run (the source is gone). */
  interface BatchListener {
    boolean embedded(long done, long total);
  }

  /**
   * Vectors for {@code drafts}: a chunk whose embedding text (title and chunk text) the source
   * already holds keeps its stored vector; the others are embedded in batches. Null when {@code
   * listener} stopped the run.
   */
  Vectors vectorsReusing(
      Source source,
      String storedTitle,
      String newTitle,
      List<ChunkDraft> drafts,
      BatchListener listener) {
    List<PGvector> out =
        new ArrayList<>(java.util.Collections.nCopies(drafts.size(), (PGvector) null));
    if (embedder == null) {
      return new Vectors(out, 0); // BM25 only
    }
    Map<String, PGvector> stored = new HashMap<>();
    for (ChunkDao.StoredVector v : chunkDao.vectors(source.workspaceId(), source.id())) {
      stored.putIfAbsent(embeddingText(storedTitle, v.text()), v.embedding());
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      PGvector vector = stored.get(embeddingText(newTitle, drafts.get(i).text()));
      if (vector != null) {
        out.set(i, vector);
      } else {
        missing.add(i);
      }
    }
    if (!listener.embedded(0, missing.size())) {
      return null;
    }
    for (int from = 0; from < missing.size(); from += batchSize) {
      List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + batchSize));
      List<PGvector> vectors = vectors(newTitle, batch.stream().map(drafts::get).toList());
      for (int j = 0; j < batch.size(); j++) {
        out.set(batch.get(j), vectors.get(j));
      }
      if (!listener.embedded(from + batch.size(), missing.size())) {
        return null;
      }
    }
    return new Vectors(out, missing.size());
  }

  /** Vectors for one batch of chunks of a source. */
  private List<PGvector> vectors(String title, List<ChunkDraft> batch) {
    return vectors(batch.stream().map(d -> embeddingText(title, d.text())).toList());
  }

  /** The texts' vectors; nulls when no embedder is configured (BM25 only). */
  private List<PGvector> vectors(List<String> texts) {
    List<PGvector> out = new ArrayList<>(texts.size());
    if (embedder == null) {
      texts.forEach(t -> out.add(null));
      return out;
    }
    for (float[] v : embedder.embedDocuments(texts)) {
      out.add(new PGvector(v));
    }
    return out;
  }

  /** The title gives a passage its context; the stored chunk text stays verbatim for citations. */
  public static String embeddingText(String title, String text) {
    return title == null || title.isBlank() ? text : title + "\n" + text;
  }

  private boolean write(Source source, List<ChunkDraft> drafts, List<PGvector> vectors) {
    return sources.inTransaction(tx -> writeIn(tx.getHandle(), source, drafts, vectors));
  }

  /**
   * Replaces the source's chunks within the caller's transaction; false when it was deleted or
   * changed.
   */
  boolean writeIn(Handle h, Source source, List<ChunkDraft> drafts, List<PGvector> vectors) {
    Optional<String> hash =
        h.attach(SourceDao.class).lockContentHash(source.workspaceId(), source.id());
    if (hash.isEmpty() || !hash.get().equals(source.contentHash())) {
      return false; // deleted, or refreshed to new content whose own run is scheduled
    }
    replaceChunksIn(h, source, drafts, vectors);
    return true;
  }

  /** Deletes and rewrites the source's chunks and marks it ready; the caller holds the row lock. */
  void replaceChunksIn(Handle h, Source source, List<ChunkDraft> drafts, List<PGvector> vectors) {
    ChunkDao chunks = h.attach(ChunkDao.class);
    chunks.deleteBySource(source.workspaceId(), source.id());
    insertChunks(chunks, source.id(), source.workspaceId(), drafts, vectors);
    h.attach(SourceDao.class).ready(source.workspaceId(), source.id(), drafts.size());
  }

  private void insertChunks(
      ChunkDao chunks,
      UUID sourceId,
      UUID workspaceId,
      List<ChunkDraft> drafts,
      List<PGvector> vectors) {
    if (drafts.isEmpty()) {
      return;
    }
    List<Integer> ordinals = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<String> metadata = new ArrayList<>();
    for (ChunkDraft d : drafts) {
      ordinals.add(d.ordinal());
      texts.add(d.text());
      metadata.add(metadataJson(d));
    }
    chunks.insert(sourceId, workspaceId, ordinals, texts, metadata, vectors);
  }

  private String metadataJson(ChunkDraft d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("charStart", d.charStart());
    m.put("charEnd", d.charEnd());
    if (!d.headingPath().isEmpty()) {
      m.put("headingPath", d.headingPath());
    }
    if (d.page() != null) {
      m.put("page", d.page());
    }
    if (d.startSeconds() != null) {
      m.put("startSeconds", d.startSeconds());
      m.put("endSeconds", d.endSeconds());
    }
    if (!d.cues().isEmpty()) {
      // Compact [start, end, startSeconds, endSeconds] rows: a transcript chunk may hold many cues.
      m.put(
          "cues",
          d.cues().stream()
              .map(c -> List.of(c.start(), c.end(), c.startSeconds(), c.endSeconds()))
              .toList());
    }
    try {
      return json.writeValueAsString(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

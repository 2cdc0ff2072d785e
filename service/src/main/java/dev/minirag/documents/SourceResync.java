package dev.minirag.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import dev.minirag.common.WireName;
import dev.minirag.documents.chunk.ChunkDraft;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.documents.extract.Extractor;
import dev.minirag.documents.fetch.FetchedResource;
import dev.minirag.documents.fetch.TranscriptFetcher;
import dev.minirag.documents.fetch.UrlFetcher;
import dev.minirag.jobs.Progress;
import dev.minirag.quota.QuotaService;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Re-fetches a URL or YouTube source conditionally (If-None-Match / If-Modified-Since), compares
 * the content hash, and when the text changed replaces the document and chunks in one transaction,
 * embedding only chunks whose text is new (the others keep their stored vectors). Until that commit
 * the old content stays searchable; a failure anywhere leaves it as it was.
 */
public class SourceResync {

  /** What a re-sync found; a job's result names it by its lower-case {@link #wire()} name. */
  public enum Change implements WireName {
    /** The server answered 304. */
    NOT_MODIFIED,
    /** The same text as stored. */
    UNCHANGED,
    /** New text, stored and embedded. */
    CHANGED,
    /** New text of more chunks than this run may embed: nothing was written. */
    TOO_LARGE;

    @Override
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record Outcome(Change outcome, int chunks, int embedded, int reused) {
    public Map<String, Object> asMap() {
      return Map.of(
          "outcome", outcome.wire(), "chunks", chunks, "embedded", embedded, "reused", reused);
    }
  }

  private final SourceDao sources;
  private final Extractor extractor;
  private final Chunker chunker;
  private final UrlFetcher fetcher;
  private final TranscriptFetcher transcripts;
  private final EmbeddingPipeline pipeline;
  private final ObjectMapper json;
  private final QuotaService quota;
  private final Consumer<UUID> afterCommit;
  private final int maxChunksPerSource;

  /**
   * @param maxChunksPerSource new content cut into more chunks is refused (413), as at ingest
   */
  public SourceResync(
      SourceDao sources,
      Extractor extractor,
      Chunker chunker,
      UrlFetcher fetcher,
      TranscriptFetcher transcripts,
      EmbeddingPipeline pipeline,
      ObjectMapper json,
      QuotaService quota,
      Consumer<UUID> afterCommit,
      int maxChunksPerSource) {
    this.sources = sources;
    this.extractor = extractor;
    this.chunker = chunker;
    this.fetcher = fetcher;
    this.transcripts = transcripts;
    this.pipeline = pipeline;
    this.json = json;
    this.quota = quota;
    this.afterCommit = afterCommit;
    this.maxChunksPerSource = maxChunksPerSource;
  }

  /**
   * Throws ApiException (404, 409, fetch and extraction failures, limits) with messages for the
   * user. New content of more than {@code maxChunks} chunks is not embedded here: the outcome is
   * {@code too_large} and nothing is written (the caller queues a job).
   */
  public Outcome run(UUID workspace, UUID sourceId, Progress progress, int maxChunks) {
    Source source =
        sources
            .find(workspace, sourceId)
            .orElseThrow(() -> ApiException.notFound("Source not found"));
    requireResyncable(source);
    FetchedResource fetched = fetch(source);
    if (fetched.notModified()) {
      sources.checked(workspace, sourceId, fetched.etag(), fetched.lastModified());
      return new Outcome(Change.NOT_MODIFIED, source.chunkCount(), 0, 0);
    }
    ExtractedDocument doc =
        source.kind() == SourceKind.YOUTUBE
            ? extractor.extract(fetched.body(), source.externalId() + ".vtt", "text/vtt")
            : extractor.extract(
                fetched.body(), fetched.finalUri().getPath(), fetched.contentType());
    String text = Chunker.fullText(doc);
    if (text.isBlank()) {
      throw new ApiException(
          422, "no text could be extracted from the source any more; the stored content is kept");
    }
    String hash = IngestService.hash(text);
    if (hash.equals(source.contentHash())) {
      sources.checked(workspace, sourceId, fetched.etag(), fetched.lastModified());
      return new Outcome(Change.UNCHANGED, source.chunkCount(), 0, 0);
    }
    Optional<UUID> other = sources.findByHash(workspace, hash);
    if (other.isPresent() && !other.get().equals(sourceId)) {
      throw new ApiException(
          409,
          "The source now has the same content as source " + other.get(),
          Map.of("duplicateOf", other.get()));
    }
    List<ChunkDraft> drafts = chunker.chunk(doc, maxChunksPerSource);
    String title =
        source.kind() == SourceKind.YOUTUBE
            ? source.title()
            : firstNonBlank(doc.title(), source.title());
    if (drafts.size() > maxChunks) {
      return new Outcome(Change.TOO_LARGE, drafts.size(), 0, 0);
    }
    refuseOverLimits(source, drafts.size(), fetched.body().length);
    EmbeddingPipeline.Vectors vectors =
        pipeline.vectorsReusing(
            source,
            source.title(),
            title,
            drafts,
            (done, total) -> {
              progress.report(done, total);
              progress.checkCanceled();
              return true;
            });
    String docJson = toJson(doc);
    boolean written =
        sources.inTransaction(
            tx -> {
              Handle h = tx.getHandle();
              // The row lock orders us with a delete or another re-sync; new content in between
              // wins.
              Optional<String> current = tx.lockContentHash(workspace, sourceId);
              if (current.isEmpty() || !current.get().equals(source.contentHash())) {
                return false;
              }
              tx.replaceContent(
                  workspace,
                  sourceId,
                  hash,
                  title,
                  doc.mimeType(),
                  fetched.body().length,
                  fetched.etag(),
                  fetched.lastModified(),
                  drafts.size());
              quota.reserveReplace(
                  h, workspace, drafts.size() - source.chunkCount(), fetched.body().length);
              tx.saveDocument(workspace, sourceId, docJson, text.length());
              pipeline.replaceChunksIn(h, source, drafts, vectors.values());
              tx.changed(workspace, sourceId);
              return true;
            });
    if (!written) {
      throw new ApiException(
          409, "The source was changed or deleted while it was re-synced; nothing was written");
    }
    afterCommit.accept(sourceId);
    return new Outcome(
        Change.CHANGED, drafts.size(), vectors.embedded(), drafts.size() - vectors.embedded());
  }

  /**
   * The limits as the real write will apply them, tried in a transaction that is rolled back:
   * before any model time.
   */
  private void refuseOverLimits(Source source, int chunks, long bytes) {
    sources.useTransaction(
        tx -> {
          Handle h = tx.getHandle();
          tx.replaceContent(
              source.workspaceId(),
              source.id(),
              source.contentHash(),
              source.title(),
              source.mimeType(),
              bytes,
              source.etag(),
              source.lastModified(),
              chunks);
          quota.reserveReplace(h, source.workspaceId(), chunks - source.chunkCount(), bytes);
          h.rollback();
        });
  }

  static void requireResyncable(Source source) {
    if (!source.kind().resyncable()) {
      throw new ApiException(
          409,
          "Only URL and YouTube sources can be re-synced; this one is a " + source.kind().wire());
    }
  }

  private FetchedResource fetch(Source source) {
    if (source.kind() == SourceKind.YOUTUBE) {
      // The transcript endpoint sends no validators: the content hash decides.
      return transcripts.fetch(source.externalId(), "en");
    }
    return fetcher.fetch(URI.create(source.uri()), source.etag(), source.lastModified());
  }

  private String toJson(ExtractedDocument doc) {
    try {
      return json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an extracted document", e);
    }
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a.strip() : b;
  }
}

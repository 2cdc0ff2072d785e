package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import dev.minirag.common.RequestIds;
import dev.minirag.common.WireName;
import dev.minirag.common.db.DatabaseUnavailable;
import dev.minirag.documents.chunk.ChunkDraft;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.documents.extract.Extractor;
import dev.minirag.documents.extract.Segment;
import dev.minirag.documents.fetch.FetchedResource;
import dev.minirag.documents.fetch.TranscriptFetcher;
import dev.minirag.documents.fetch.UrlFetcher;
import dev.minirag.documents.fetch.YouTube;
import dev.minirag.embedding.EmbeddingException;
import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.JobQueue;
import dev.minirag.jobs.Progress;
import dev.minirag.quota.QuotaService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns inputs into sources: fetch or read, extract, dedupe by content hash, store the source and
 * its extracted document, then embed (inline for small documents, otherwise on a worker).
 */
public class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  public record Input(
      SourceKind kind, String label, String title, String uri, String externalId, String fileName) {
    Input(SourceKind kind, String label, String title, String uri, String externalId) {
      this(kind, label, title, uri, externalId, null);
    }
  }

  /** What a refresh did, sent as its lower-case {@link #wire()} name. */
  public enum RefreshOutcome implements WireName {
    UNCHANGED,
    UPDATED,
    QUEUED;

    @JsonValue
    @Override
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param jobId the re-sync job when the new content was too large to embed during the request
   */
  public record Refreshed(RefreshOutcome outcome, UUID jobId) {}

  private final SourceDao sources;
  private final Extractor extractor;
  private final Chunker chunker;
  private final UrlFetcher fetcher;
  private final TranscriptFetcher transcripts;
  private final EmbeddingPipeline pipeline;
  private final ObjectMapper json;
  private final IngestConfig config;
  private final QuotaService quota;
  private final IngestGate gate;
  private final SourceResync resync;
  private final JobQueue jobs;

  public IngestService(
      SourceDao sources,
      Extractor extractor,
      Chunker chunker,
      UrlFetcher fetcher,
      TranscriptFetcher transcripts,
      EmbeddingPipeline pipeline,
      ObjectMapper json,
      IngestConfig config,
      QuotaService quota,
      IngestGate gate,
      SourceResync resync,
      JobQueue jobs) {
    this.sources = sources;
    this.extractor = extractor;
    this.chunker = chunker;
    this.fetcher = fetcher;
    this.transcripts = transcripts;
    this.pipeline = pipeline;
    this.json = json;
    this.config = config;
    this.quota = quota;
    this.gate = gate;
    this.resync = resync;
    this.jobs = jobs;
  }

  /**
   * Throws (402 from billing) when the workspace may not add sources now. Every way in calls it
   * once before any work: the HTTP routes (legacy aliases through them) and the CLI.
   */
  public void admit(UUID workspace) {
    gate.admit(workspace);
  }

  public ItemResult addText(
      UUID workspace, UUID actor, String title, String text, String externalId) {
    String label = title;
    Optional<ItemResult> refused = refuseText(label, text);
    if (refused.isPresent()) {
      return refused.get();
    }
    ExtractedDocument doc = new ExtractedDocument(title, "text/plain", List.of(Segment.of(text)));
    return store(
        workspace,
        actor,
        new Input(SourceKind.TEXT, label, title, null, externalId),
        doc,
        text.getBytes(StandardCharsets.UTF_8).length,
        null,
        null);
  }

  /** One text of {@link #addTexts}: the same fields as a single text source. */
  public record TextItem(String title, String text, String externalId) {}

  /**
   * Adds many texts and embeds them together on the caller's thread: their chunks share model
   * calls, and all new sources are committed with their chunks in one transaction. Each text is
   * still validated and deduplicated as {@link #addText} would; should the shared embedding or
   * commit fail, each text is stored on its own so only a bad one fails. Results are in input order
   * and every accepted source is ready when this returns. Used by bulk loaders such as the {@code
   * eval} command.
   */
  public List<ItemResult> addTexts(UUID workspace, UUID actor, List<TextItem> items) {
    ItemResult[] results = new ItemResult[items.size()];
    record Pending(int position, Input input, PreparedSource source) {}
    List<Pending> prepared = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      TextItem item = items.get(i);
      String text = item.text();
      Optional<ItemResult> refused = refuseText(item.title(), text);
      if (refused.isPresent()) {
        results[i] = refused.get();
        continue;
      }
      Input input = new Input(SourceKind.TEXT, item.title(), item.title(), null, item.externalId());
      ExtractedDocument doc =
          new ExtractedDocument(item.title(), "text/plain", List.of(Segment.of(text)));
      try {
        Optional<PreparedSource> p =
            prepare(
                workspace,
                actor,
                input,
                doc,
                text.getBytes(StandardCharsets.UTF_8).length,
                null,
                null);
        if (p.isEmpty()) {
          results[i] = ItemResult.failed(item.title(), 422, "no text could be extracted");
        } else {
          prepared.add(new Pending(i, input, p.get()));
        }
      } catch (ApiException e) {
        results[i] = ItemResult.failed(item.title(), e);
      }
    }
    if (prepared.isEmpty()) {
      return List.of(results);
    }
    // Known content is answered before any model time is spent on it. The duplicates and the
    // limits are read once for the batch: a statement or two a text cost more than the insert.
    Map<String, UUID> known =
        sources.findByHashes(
            workspace,
            prepared.stream().map(p -> p.source().row().contentHash()).toArray(String[]::new));
    QuotaService.StoreCheck canStore = quota.storeCheck(workspace);
    List<Pending> pending = new ArrayList<>();
    for (Pending p : prepared) {
      UUID existing = known.get(p.source().row().contentHash());
      if (existing != null) {
        results[p.position()] = ItemResult.duplicate(p.input().label(), existing);
        continue;
      }
      try {
        // Refused before embedding; the batch's own total is checked when it is stored.
        canStore.check(p.source().row().byteSize(), p.source().drafts().size());
        pending.add(p);
      } catch (ApiException e) {
        results[p.position()] = ItemResult.failed(items.get(p.position()).title(), e);
      }
    }
    if (pending.isEmpty()) {
      return List.of(results);
    }
    try {
      List<Optional<UUID>> created =
          pipeline.ingestAllNow(pending.stream().map(Pending::source).toList());
      for (int j = 0; j < pending.size(); j++) {
        Pending p = pending.get(j);
        results[p.position()] =
            created.get(j).isPresent()
                ? ItemResult.accepted(p.input().label(), created.get(j).get(), SourceStatus.READY)
                : ItemResult.duplicate(
                    p.input().label(),
                    sources.findByHash(workspace, p.source().row().contentHash()).orElse(null));
      }
    } catch (RuntimeException e) {
      if (e instanceof ApiException refusal) {
        // A limit reached inside the batch is expected: each text alone shows which ones still fit.
        LOG.info(
            "Storing {} texts together was refused ({}); storing each on its own",
            pending.size(),
            refusal.getMessage());
      } else {
        LOG.warn("Storing {} texts together failed; storing each on its own", pending.size(), e);
      }
      for (Pending p : pending) {
        results[p.position()] = storeNow(p.input(), p.source());
      }
    }
    return List.of(results);
  }

  /** Why a raw text cannot be a source (empty or too long), if it cannot. */
  private Optional<ItemResult> refuseText(String label, String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(ItemResult.failed(label, 422, "text must not be empty"));
    }
    if (text.length() > config.getMaxExtractedChars()) {
      return Optional.of(
          ItemResult.failed(
              label, 413, "text is longer than " + config.getMaxExtractedChars() + " characters"));
    }
    return Optional.empty();
  }

  public ItemResult addFile(
      UUID workspace, UUID actor, String fileName, String contentType, byte[] bytes) {
    String label = fileName == null || fileName.isBlank() ? "upload" : fileName;
    try {
      quota.checkCanStore(workspace, bytes.length, 0);
      ExtractedDocument doc = extractor.extract(bytes, fileName, contentType);
      String title = firstNonBlank(doc.title(), stripExtension(fileName), "Untitled document");
      return store(
          workspace,
          actor,
          new Input(SourceKind.FILE, label, title, null, null, fileName(fileName)),
          doc,
          bytes.length,
          null,
          null);
    } catch (ApiException e) {
      return ItemResult.failed(label, e);
    }
  }

  public ItemResult addUrl(UUID workspace, UUID actor, String url) {
    try {
      URI uri = parseUrl(url);
      quota.checkCanStore(workspace, 0, 0);
      FetchedResource page = fetcher.fetch(uri, null, null);
      quota.checkCanStore(workspace, page.body().length, 0);
      ExtractedDocument doc =
          extractor.extract(page.body(), page.finalUri().getPath(), page.contentType());
      String title = firstNonBlank(doc.title(), page.finalUri().toString());
      return store(
          workspace,
          actor,
          new Input(SourceKind.URL, url, title, page.finalUri().toString(), null),
          doc,
          page.body().length,
          page.etag(),
          page.lastModified());
    } catch (ApiException e) {
      return ItemResult.failed(url, e);
    }
  }

  public ItemResult addYoutube(UUID workspace, UUID actor, String url) {
    Optional<String> videoId = url == null ? Optional.empty() : YouTube.videoId(url);
    if (videoId.isEmpty()) {
      return ItemResult.failed(url, 422, "not a YouTube video URL (watch, shorts or youtu.be)");
    }
    try {
      quota.checkCanStore(workspace, 0, 0);
      byte[] vtt = transcripts.fetch(videoId.get(), "en").body();
      quota.checkCanStore(workspace, vtt.length, 0);
      ExtractedDocument doc = extractor.extract(vtt, videoId.get() + ".vtt", "text/vtt");
      String canonical = "https://www.youtube.com/watch?v=" + videoId.get();
      return store(
          workspace,
          actor,
          new Input(
              SourceKind.YOUTUBE,
              url,
              firstNonBlank(doc.title(), "YouTube " + videoId.get()),
              canonical,
              videoId.get()),
          doc,
          vtt.length,
          null,
          null);
    } catch (ApiException e) {
      return ItemResult.failed(url, e);
    }
  }

  /**
   * Re-fetches a URL or YouTube source now; unchanged content is a no-op, changed content replaces
   * its chunks (only new chunk texts are embedded). New content too large to embed during a request
   * is re-synced by a job instead, whose id is returned.
   */
  public Refreshed refresh(UUID workspace, UUID sourceId, UUID actor) {
    SourceResync.Outcome o =
        resync.run(workspace, sourceId, Progress.NONE, config.getInlineChunkLimit());
    return switch (o.outcome()) {
      case CHANGED -> new Refreshed(RefreshOutcome.UPDATED, null);
      case TOO_LARGE ->
          new Refreshed(
              RefreshOutcome.QUEUED,
              jobs.enqueue(workspace, JobKind.RESYNC, sourceId, Map.of(), actor));
      case NOT_MODIFIED, UNCHANGED -> new Refreshed(RefreshOutcome.UNCHANGED, null);
    };
  }

  /** Empty when no text could be extracted. */
  private Optional<PreparedSource> prepare(
      UUID workspace,
      UUID actor,
      Input input,
      ExtractedDocument doc,
      long bytes,
      String etag,
      String lastModified) {
    String text = Chunker.fullText(doc);
    if (text.isBlank()) {
      return Optional.empty();
    }
    List<ChunkDraft> drafts = chunker.chunk(doc, config.getMaxChunksPerSource());
    NewSource row =
        new NewSource(
            workspace,
            input.kind(),
            truncate(input.title(), 500),
            input.uri(),
            input.externalId(),
            doc.mimeType(),
            hash(text),
            drafts.size(),
            bytes,
            etag,
            lastModified,
            actor,
            input.fileName());
    return Optional.of(new PreparedSource(row, toJson(doc), text.length(), drafts));
  }

  private ItemResult store(
      UUID workspace,
      UUID actor,
      Input input,
      ExtractedDocument doc,
      long bytes,
      String etag,
      String lastModified) {
    Optional<PreparedSource> prepared =
        prepare(workspace, actor, input, doc, bytes, etag, lastModified);
    if (prepared.isEmpty()) {
      return ItemResult.failed(input.label(), 422, "no text could be extracted");
    }
    PreparedSource p = prepared.get();
    String hash = p.row().contentHash();
    Optional<UUID> existing = sources.findByHash(workspace, hash);
    if (existing.isPresent()) {
      return ItemResult.duplicate(input.label(), existing.get());
    }
    try {
      quota.checkCanStore(workspace, bytes, p.drafts().size());
    } catch (ApiException e) {
      return ItemResult.failed(input.label(), e);
    }
    if (p.drafts().size() <= config.getInlineChunkLimit()) {
      return storeNow(input, p);
    }
    record Queued(UUID sourceId, UUID jobId) {}
    Optional<Queued> created;
    try {
      created =
          sources.inTransaction(
              tx -> {
                Handle h = tx.getHandle();
                Optional<UUID> id = insert(tx, p);
                if (id.isEmpty()) {
                  return Optional.<Queued>empty();
                }
                quota.reserveStore(h, workspace, p.drafts().size(), p.row().byteSize());
                return Optional.of(
                    new Queued(
                        id.get(),
                        jobs.enqueueIn(h, workspace, JobKind.EMBED, id.get(), Map.of(), actor)));
              });
    } catch (ApiException e) {
      return ItemResult.failed(input.label(), e);
    }
    if (created.isEmpty()) {
      // Someone stored the same content between our check and our insert.
      return ItemResult.duplicate(input.label(), sources.findByHash(workspace, hash).orElse(null));
    }
    jobs.wake();
    Queued q = created.get();
    LOG.info(
        "Queued {} source {} ({} chunks) as job {}",
        input.kind().wire(),
        q.sourceId(),
        p.drafts().size(),
        q.jobId());
    return ItemResult.queued(input.label(), q.sourceId(), q.jobId());
  }

  /** The source row and its document, within the caller's transaction; empty for a duplicate. */
  private static Optional<UUID> insert(SourceDao tx, PreparedSource p) {
    Optional<UUID> created = tx.insert(p.row());
    created.ifPresent(
        sourceId -> tx.saveDocument(p.row().workspaceId(), sourceId, p.docJson(), p.chars()));
    return created;
  }

  /** Small documents are embedded and committed whole before answering: all or nothing. */
  private ItemResult storeNow(Input input, PreparedSource p) {
    try {
      Optional<UUID> created = pipeline.ingestNow(p);
      if (created.isEmpty()) {
        return ItemResult.duplicate(
            input.label(),
            sources.findByHash(p.row().workspaceId(), p.row().contentHash()).orElse(null));
      }
      LOG.info(
          "Ingested {} source {} ({} chunks)",
          input.kind().wire(),
          created.get(),
          p.drafts().size());
      return ItemResult.accepted(input.label(), created.get(), SourceStatus.READY);
    } catch (ApiException e) {
      // A limit reached while this source was being embedded: nothing was kept.
      return ItemResult.failed(input.label(), e);
    } catch (EmbeddingException e) {
      LOG.error("Embedding {} failed", input.label(), e);
      // The model's own message can name its endpoint or echo a provider's internals: log only.
      return ItemResult.failed(
          input.label(),
          502,
          "the embedding model failed; nothing was kept (request id " + RequestIds.current() + ")");
    } catch (RuntimeException e) {
      if (DatabaseUnavailable.causes(e)) {
        // Sending the same document again is safe: if its transaction did commit after all, the
        // retry answers "duplicate" with the stored source.
        LOG.warn("Storing {} failed: {}", input.label(), DatabaseUnavailable.describe(e));
        return ItemResult.failed(
            input.label(),
            ApiException.unavailable(
                DatabaseUnavailable.MESSAGE, DatabaseUnavailable.RETRY_AFTER_SECONDS));
      }
      // Internals stay in the log; nothing was stored.
      LOG.error("Storing {} failed", input.label(), e);
      return ItemResult.failed(
          input.label(),
          500,
          "the document could not be stored; nothing was kept (request id "
              + RequestIds.current()
              + ")");
    }
  }

  private static URI parseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new ApiException(422, "url must not be empty");
    }
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new ApiException(422, "not an absolute http(s) URL");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new ApiException(422, "not a valid URL: " + e.getReason());
    }
  }

  private String toJson(ExtractedDocument doc) {
    try {
      return json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an extracted document", e);
    }
  }

  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.strip().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "Untitled";
  }

  private static String stripExtension(String name) {
    if (name == null) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The name as a person recognises it: browsers and the CLI may send a path (some send Windows
   * ones), so only the last segment is kept, without control characters, at most 255 characters.
   */
  static String fileName(String name) {
    if (name == null) {
      return null;
    }
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String clean =
        base.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    return clean.isEmpty() ? null : truncate(clean, 255);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

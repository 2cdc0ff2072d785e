package dev.minirag.search;

import dev.minirag.common.db.DatabaseUnavailable;
import io.dropwizard.lifecycle.Managed;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.util.BytesRef;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's BM25 index over every workspace's chunks, derived from PostgreSQL and kept current by
 * replaying each workspace's feed in {@code chunk_changes}. One {@link IndexWriter}; searches go
 * through a {@link SearcherManager} refreshed after each applied batch. The commit user data
 * records the last applied change number of every workspace, so a restart replays only what it
 * missed; a missing, corrupt or incompatible index is wiped and rebuilt from one database snapshot.
 */
public final class LuceneIndex implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);

  /** Chunk id: indexed for upserts and deletes, stored, and a doc value that breaks score ties. */
  public static final String ID = "id";

  public static final String WORKSPACE = "workspace_id";
  public static final String SOURCE = "source_id";
  public static final String KIND = "kind";

  /** The source's created_at in microseconds since the epoch, as a point for range filters. */
  public static final String CREATED = "created_at";

  /**
   * Source title, a newline, then the chunk text: searched as one field, as BEIR-style evaluation
   * does.
   */
  public static final String BODY = "body";

  /**
   * Tokens the analyzer made of BODY: lets per-workspace BM25 statistics count live documents
   * exactly.
   */
  public static final String BODY_TOKENS = "body_tokens";

  /** Followed by a workspace id: the last change number of that workspace's feed applied. */
  static final String COMMIT_WORKSPACE_SEQ = "minirag.ws.";

  /** Where an index built from the old global change log kept its position. */
  static final String COMMIT_GLOBAL_SEQ = "minirag.seq";

  static final String COMMIT_SCHEMA = "minirag.schema";
  static final String COMMIT_ANALYZER = "minirag.analyzer";
  static final String COMMIT_LOG = "minirag.log";

  /** Bump when the document layout changes: every node then rebuilds on start. */
  static final String SCHEMA_VERSION = "1";

  /**
   * Distinct query terms kept; the rest of a pasted essay adds little and would hit the clause
   * limit.
   */
  static final int MAX_QUERY_TERMS = 512;

  private static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));

  private final Path path;
  private final String analyzerName;
  private final Analyzer analyzer;
  private final Similarity similarity = new BM25Similarity(0.9f, 0.4f);
  private final WorkspaceStats workspaceStats = new WorkspaceStats(BODY, BODY_TOKENS, WORKSPACE);
  private final IndexFeedDao feed;
  private final int batchSize;
  private final long pollIntervalMillis;
  private final long maxSeqCacheNanos;

  /** Read before the first change of a workspace's feed, and after a whole change number. */
  private static final UUID AFTER_ALL = new UUID(-1L, -1L);

  /** Held by whoever applies changes or rebuilds: one applier at a time. */
  private final ReentrantLock applyLock = new ReentrantLock();

  private volatile Directory directory;
  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private ScheduledExecutorService poller;
  private String logIdentity;

  /** Per workspace, the last change applied to the writer (under {@link #applyLock}). */
  private final Map<UUID, Long> appliedSeqs = new HashMap<>();

  /** Per workspace, the last change searches can see: {@link #appliedSeqs} at the last refresh. */
  private volatile Map<UUID, Long> searchableSeqs = Map.of();

  /** What the last commit recorded; null when there is none. */
  private volatile Map<UUID, Long> committedSeqs;

  private volatile boolean rebuilding;
  private final Map<UUID, SeqReading> lastReadings = new ConcurrentHashMap<>();
  private volatile String startupRebuildReason;
  private volatile String problem;
  private String lastFailure; // the poller's last heal failure, logged in full once
  private final AtomicLong rebuilds = new AtomicLong();
  private final long verifyIntervalNanos;
  private long lastVerifiedNanos = System.nanoTime(); // the poller's; a fresh index needs none

  private record SeqReading(long seq, long atNanos) {}

  public LuceneIndex(LuceneIndexConfig config, Jdbi jdbi) {
    this(config, jdbi.onDemand(IndexFeedDao.class));
  }

  public LuceneIndex(LuceneIndexConfig config, IndexFeedDao feed) {
    this.path = Path.of(config.getPath()).toAbsolutePath();
    this.analyzerName = config.getAnalyzer();
    this.analyzer = analyzer(config.getAnalyzer());
    this.feed = feed;
    this.batchSize = config.getBatchSize();
    this.pollIntervalMillis = config.getPollIntervalMillis();
    this.maxSeqCacheNanos = TimeUnit.MILLISECONDS.toNanos(config.getMaxSeqCacheMillis());
    this.verifyIntervalNanos = TimeUnit.MILLISECONDS.toNanos(config.getVerifyIntervalMillis());
  }

  /** The analyzer used for both indexing and queries: {@code english} or {@code standard}. */
  public static Analyzer analyzer(String name) {
    return switch (Objects.requireNonNull(name, "index.analyzer")) {
      case "english" -> new EnglishAnalyzer();
      case "standard" -> new StandardAnalyzer();
      default ->
          throw new IllegalArgumentException(
              "index.analyzer must be english or standard, not '" + name + "'");
    };
  }

  // ---------------------------------------------------------------- lifecycle

  /** Opens (or wipes and rebuilds) the index, catches up with the change log, starts polling. */
  @Override
  public void start() throws IOException {
    Files.createDirectories(path);
    directory = FSDirectory.open(path);
    logIdentity = feed.logIdentity().orElse("unknown");
    String reason = inspect();
    startupRebuildReason = reason;
    if (reason != null) {
      LOG.warn("Lucene index at {} will be rebuilt from PostgreSQL: {}", path, reason);
      wipe();
    }
    openWriter();
    if (reason != null) {
      rebuild();
    } else {
      LOG.info(
          "Lucene index at {} opened at {} changes of {} workspaces ({} documents)",
          path,
          total(appliedSeqs),
          appliedSeqs.size(),
          numDocs());
    }
    catchUp();
    if (pollIntervalMillis > 0) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "lucene-index-catch-up");
                t.setDaemon(true);
                return t;
              });
      poller.scheduleWithFixedDelay(
          this::pollOnce, pollIntervalMillis, pollIntervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() throws IOException, InterruptedException {
    if (poller != null) {
      poller.shutdown();
      if (!poller.awaitTermination(30, TimeUnit.SECONDS)) {
        poller.shutdownNow();
      }
      poller = null;
    }
    applyLock.lock();
    try {
      if (writer != null && writer.isOpen()) {
        commit();
      }
    } finally {
      try {
        closeWriterAndSearchers();
        if (directory != null) {
          directory.close();
          directory = null;
        }
      } finally {
        applyLock.unlock();
      }
    }
  }

  /**
   * One poll: check the files are still there, apply what the database has. An index damaged while
   * serving (its directory deleted, a file missing or corrupt, the writer closed by a failed write)
   * is thrown away and rebuilt from PostgreSQL; a failure that is not damage (the disk full, say)
   * is retried at the next poll. Either way {@link #problem()} says what is wrong until a poll
   * succeeds, and searches meanwhile answer from what is open (or fail, for the search service to
   * answer without BM25).
   */
  void pollOnce() {
    try {
      checkFiles();
      verifyIfDue();
      catchUp();
      if (problem != null && problem.startsWith(IndexDisk.FULL)) {
        LOG.info("Lucene index at {} caught up now that its disk has space again", path);
      }
      problem = null;
    } catch (Exception e) {
      Optional<String> full = IndexDisk.full(path, writerFailure(e));
      if (full.isPresent()) {
        // Not damage: what is open keeps serving and nothing is wiped; retried at the next poll.
        if (problem == null || !problem.startsWith(IndexDisk.FULL)) {
          LOG.error("Lucene index at {}: {}", path, full.get(), e);
        }
        problem = full.get();
      } else if (isDamage(e)) {
        heal(e);
      } else if (DatabaseUnavailable.causes(e)) {
        // Nothing wrong with the index: it serves what it has and catches up once the server is
        // back. One line per poll, no stack trace, and a health message that names no host.
        problem = "cannot read changes: the database is unavailable";
        LOG.warn(
            "Lucene index catch-up waits for the database ({}); retrying in {} ms",
            DatabaseUnavailable.describe(e),
            pollIntervalMillis);
      } else {
        problem = "cannot update the index: " + e;
        LOG.error("Lucene index catch-up failed; retrying in {} ms", pollIntervalMillis, e);
      }
    }
  }

  /** The failure, with the writer's tragic exception when the failure is only its closing. */
  private Throwable writerFailure(Exception e) {
    IndexWriter w = writer;
    Throwable tragic = w == null ? null : w.getTragicException();
    return tragic != null && !IndexDisk.saysNoSpace(e) ? tragic : e;
  }

  /**
   * Reads every file of the open index against its checksum, at most once per verify interval:
   * corruption in place (a failing disk, a stray write into a segment) would otherwise be found
   * only by a query that happens to read the bad bytes, if ever. Linear in the index size; a bad
   * file throws {@link CorruptIndexException}, which the poll treats as damage.
   */
  private void verifyIfDue() throws IOException {
    if (verifyIntervalNanos <= 0 || System.nanoTime() - lastVerifiedNanos < verifyIntervalNanos) {
      return;
    }
    SearcherManager s = requireOpen();
    IndexSearcher searcher = s.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        leaf.reader().checkIntegrity();
      }
    } finally {
      s.release(searcher);
    }
    lastVerifiedNanos = System.nanoTime();
  }

  /** Throws when the directory or the last commit's files are gone. */
  private void checkFiles() throws IOException {
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "the index directory is gone");
    }
    if (directory == null || !DirectoryReader.indexExists(directory)) {
      throw new NoSuchFileException(path.toString(), null, "the index has no commit");
    }
  }

  private boolean isDamage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException
          || t instanceof FileNotFoundException
          || t instanceof CorruptIndexException
          || t instanceof IndexFormatTooOldException
          || t instanceof IndexFormatTooNewException
          || t instanceof EOFException
          || t instanceof AlreadyClosedException
          || t instanceof java.nio.file.FileSystemException) {
        return true;
      }
    }
    IndexWriter w = writer;
    return w == null || !w.isOpen() || w.getTragicException() != null;
  }

  /**
   * Wipes the index and rebuilds it from PostgreSQL. On failure (no directory can be made, the disk
   * is full) the index stays closed and the next poll tries again: no crash, no loop faster than
   * the poll interval.
   */
  private void heal(Exception cause) {
    String reason = "damaged (" + cause + "); rebuilding from PostgreSQL";
    if (problem == null) {
      // Said once; while retries fail, the last failure stays what health reports.
      LOG.error("Lucene index at {} is {}", path, reason, cause);
      problem = reason;
    }
    applyLock.lock();
    try {
      try {
        closeWriterAndSearchers();
      } catch (IOException | RuntimeException closing) {
        LOG.warn("Closing the damaged Lucene index failed", closing);
      }
      try {
        if (directory != null) {
          directory.close();
        }
      } catch (IOException | RuntimeException closing) {
        LOG.warn("Closing the damaged Lucene directory failed", closing);
      }
      directory = null;
      Files.createDirectories(path);
      directory = FSDirectory.open(path);
      wipe();
      openWriter();
    } catch (IOException | RuntimeException e) {
      String again = "damaged, and it cannot be rebuilt yet (" + e + "); retrying";
      if (again.equals(lastFailure)) {
        // The same failure at every poll: the first report carried the stack trace.
        LOG.warn("Lucene index at {} is still {}", path, again);
      } else {
        LOG.error(
            "Lucene index at {} cannot be reopened; retrying in {} ms",
            path,
            pollIntervalMillis,
            e);
      }
      lastFailure = again;
      problem = again;
      return;
    } finally {
      applyLock.unlock();
    }
    try {
      rebuild();
      problem = null;
      lastFailure = null;
      LOG.info("Lucene index at {} rebuilt after damage", path);
    } catch (IOException | RuntimeException e) {
      problem = "damaged, and its rebuild failed (" + e + "); retrying";
      LOG.error(
          "Lucene index rebuild after damage failed; retrying in {} ms", pollIntervalMillis, e);
    }
  }

  /**
   * Why the existing index cannot be used, or null when it can (then {@link #appliedSeqs} is set
   * from its last commit).
   */
  private String inspect() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return "no index yet";
    }
    Map<String, String> userData;
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        leaf.reader().checkIntegrity();
      }
      userData = reader.getIndexCommit().getUserData();
    } catch (CorruptIndexException
        | IndexFormatTooOldException
        | IndexFormatTooNewException
        | NoSuchFileException
        | FileNotFoundException // includes IndexNotFoundException: files but no segments_N
        | EOFException e) {
      return "unreadable (" + e + ")";
    }
    if (!SCHEMA_VERSION.equals(userData.get(COMMIT_SCHEMA))) {
      return "document schema " + userData.get(COMMIT_SCHEMA) + " is not " + SCHEMA_VERSION;
    }
    if (!analyzerName.equals(userData.get(COMMIT_ANALYZER))) {
      return "built with analyzer "
          + userData.get(COMMIT_ANALYZER)
          + ", configured "
          + analyzerName;
    }
    if (!logIdentity.equals(userData.get(COMMIT_LOG))) {
      return "built from another database ("
          + userData.get(COMMIT_LOG)
          + ", now "
          + logIdentity
          + ")";
    }
    if (userData.containsKey(COMMIT_GLOBAL_SEQ)) {
      return "built from the global change log, which per-workspace feeds replaced";
    }
    Map<UUID, Long> seqs = new HashMap<>();
    for (Map.Entry<String, String> e : userData.entrySet()) {
      if (e.getKey().startsWith(COMMIT_WORKSPACE_SEQ)) {
        try {
          seqs.put(
              UUID.fromString(e.getKey().substring(COMMIT_WORKSPACE_SEQ.length())),
              Long.parseLong(e.getValue()));
        } catch (IllegalArgumentException unreadable) {
          return "unreadable change position " + e.getKey() + "=" + e.getValue();
        }
      }
    }
    for (WorkspaceSeq db : feed.workspaceSeqs()) {
      long seq = seqs.getOrDefault(db.id(), 0L);
      if (seq > db.changeSeq()) {
        return "index is at change "
            + seq
            + " of workspace "
            + db.id()
            + " but the database only reaches "
            + db.changeSeq();
      }
    }
    // A workspace recorded here and absent from the database was deleted: catch-up drops it.
    appliedSeqs.clear();
    appliedSeqs.putAll(seqs);
    committedSeqs = Map.copyOf(seqs);
    return null;
  }

  /** Deletes every index file, holding the write lock so a live writer elsewhere is never wiped. */
  private void wipe() throws IOException {
    try (Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String file : directory.listAll()) {
        if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
          directory.deleteFile(file);
        }
      }
      lock.ensureValid();
    }
    appliedSeqs.clear();
    committedSeqs = null;
  }

  private void openWriter() throws IOException {
    IndexWriterConfig iwc = new IndexWriterConfig(analyzer);
    iwc.setSimilarity(similarity);
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    iwc.setCommitOnClose(false);
    writer = new IndexWriter(directory, iwc);
    searchers = new SearcherManager(writer, null);
    searchableSeqs = Map.copyOf(appliedSeqs);
  }

  private void closeWriterAndSearchers() throws IOException {
    try {
      if (searchers != null) {
        searchers.close();
      }
    } finally {
      searchers = null;
      if (writer != null) {
        IndexWriter w = writer;
        writer = null;
        if (w.isOpen()) {
          w.rollback(); // drops uncommitted work: the change log replays it
        }
      }
    }
  }

  // ---------------------------------------------------------------- applying changes

  /**
   * Applies every workspace's changes newer than the last applied ones, drops the documents of
   * deleted workspaces, makes it searchable and commits. Returns how many changes the index now
   * reflects, summed over workspaces.
   */
  public long catchUp() throws IOException {
    applyLock.lock();
    try {
      requireOpen();
      applyPending();
      refresh();
      commit();
      return total(appliedSeqs);
    } finally {
      applyLock.unlock();
    }
  }

  /**
   * Applies every change newer than the last applied one and makes it searchable, without a commit:
   * for the write path, which would otherwise pay an fsync per ingest batch. The poller (or the
   * next {@link #catchUp}, or {@link #stop}) commits; after a crash the change log replays the
   * rest.
   */
  public long makeSearchable() throws IOException {
    applyLock.lock();
    try {
      requireOpen();
      applyPending();
      refresh();
      return total(appliedSeqs);
    } finally {
      applyLock.unlock();
    }
  }

  /**
   * Throws the whole index away and reindexes every chunk from one database snapshot (the {@code
   * reindex} command). Searches keep answering from the previous contents until it finishes.
   */
  public long rebuild() throws IOException {
    return rebuild((done, total) -> {});
  }

  /** What a long rebuild reports every {@link #PROGRESS_EVERY} chunks and at the end. */
  public interface RebuildProgress {
    void indexed(long done, long total);
  }

  private static final int PROGRESS_EVERY = 1000;

  /** {@link #rebuild()}, telling {@code progress} how far it got (the {@code reindex} command). */
  public long rebuild(RebuildProgress progress) throws IOException {
    rebuilding = true;
    applyLock.lock();
    try {
      requireOpen();
      long started = System.nanoTime();
      long[] count = {0};
      long total = feed.chunkCount();
      Map<UUID, Long> seqs;
      try {
        writer.deleteAll();
        seqs =
            feed.snapshot(
                chunk -> {
                  try {
                    writer.addDocument(document(chunk));
                    if (++count[0] % PROGRESS_EVERY == 0) {
                      progress.indexed(count[0], Math.max(total, count[0]));
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
        appliedSeqs.clear();
        appliedSeqs.putAll(seqs);
        commit();
      } catch (RuntimeException | IOException e) {
        // Nothing half-built may become visible: drop it and reopen at the last commit.
        Map<UUID, Long> last = committedSeqs == null ? Map.of() : committedSeqs;
        LOG.error(
            "Lucene index rebuild failed; reopening the last commit ({} changes)", total(last), e);
        closeWriterAndSearchers();
        appliedSeqs.clear();
        appliedSeqs.putAll(last);
        openWriter();
        if (e instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        throw e;
      }
      refresh();
      progress.indexed(count[0], count[0]);
      rebuilds.incrementAndGet();
      LOG.info(
          "Lucene index rebuilt: {} chunks, {} changes of {} workspaces, in {} ms",
          count[0],
          total(seqs),
          seqs.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } finally {
      rebuilding = false;
      applyLock.unlock();
    }
    return catchUp();
  }

  /**
   * Applies every workspace's pending changes and drops deleted workspaces. Caller holds the lock.
   */
  private void applyPending() throws IOException {
    Set<UUID> gone = new HashSet<>(appliedSeqs.keySet());
    for (WorkspaceSeq w : feed.workspaceSeqs()) {
      gone.remove(w.id());
      if (w.changeSeq() > appliedSeqs.getOrDefault(w.id(), 0L)) {
        applyPending(w.id(), w.changeSeq());
      }
    }
    for (UUID workspaceId : gone) {
      // Its rows and its feed went with it; only the documents are left to drop.
      writer.deleteDocuments(new Term(WORKSPACE, workspaceId.toString()));
      appliedSeqs.remove(workspaceId);
    }
  }

  /**
   * Applies one workspace's changes after the last applied one. Within a workspace, change numbers
   * become visible in order (the writer holds the workspace row until it commits), so nothing can
   * appear later behind the position reached. {@code committed} is a change number read from the
   * workspace row before this call: it and everything below it were committed then, so the cursor
   * reaches at least that far even if a number left no row. Caller holds the lock.
   */
  private void applyPending(UUID workspaceId, long committed) throws IOException {
    long seq = appliedSeqs.getOrDefault(workspaceId, 0L);
    UUID chunk = AFTER_ALL;
    while (true) {
      List<ChunkChange> batch = feed.changesAfter(workspaceId, seq, chunk, batchSize);
      if (!batch.isEmpty()) {
        apply(workspaceId, batch);
        ChunkChange last = batch.get(batch.size() - 1);
        seq = last.seq();
        chunk = last.chunkId();
      }
      if (batch.size() < batchSize) {
        // The last page: its last change number is complete, since a transaction's changes
        // become visible together.
        long reached = Math.max(seq, committed);
        if (reached > 0) {
          appliedSeqs.put(workspaceId, reached);
        }
        return;
      }
    }
  }

  private void apply(UUID workspaceId, List<ChunkChange> batch) throws IOException {
    // Only a chunk's last change in the batch matters; an upsert reads the row as it is now.
    Map<UUID, ChunkChange> latest = new LinkedHashMap<>();
    for (ChunkChange change : batch) {
      latest.remove(change.chunkId());
      latest.put(change.chunkId(), change);
    }
    List<UUID> upserts = new ArrayList<>();
    for (ChunkChange change : latest.values()) {
      if (change.isDelete()) {
        writer.deleteDocuments(inWorkspace(change.chunkId(), workspaceId));
      } else {
        upserts.add(change.chunkId());
      }
    }
    if (upserts.isEmpty()) {
      return;
    }
    Map<UUID, IndexedChunk> rows = new LinkedHashMap<>();
    for (IndexedChunk row : feed.chunks(workspaceId, upserts.toArray(UUID[]::new))) {
      rows.put(row.id(), row);
    }
    for (UUID id : upserts) {
      IndexedChunk row = rows.get(id);
      if (row == null) {
        // Deleted again since; its delete comes later in the feed.
        writer.deleteDocuments(inWorkspace(id, workspaceId));
      } else if (!row.workspaceId().equals(workspaceId)) {
        // Moved to another workspace since: that workspace's feed indexes it there.
        writer.deleteDocuments(inWorkspace(id, workspaceId));
      } else {
        writer.updateDocument(idTerm(id), document(row));
      }
    }
  }

  /** Makes everything applied so far searchable. Caller holds the lock. */
  private void refresh() throws IOException {
    Map<UUID, Long> seqs = Map.copyOf(appliedSeqs);
    searchers.maybeRefreshBlocking();
    searchableSeqs = seqs;
  }

  private void commit() throws IOException {
    Map<UUID, Long> seqs = Map.copyOf(appliedSeqs);
    if (seqs.equals(committedSeqs) && !writer.hasUncommittedChanges()) {
      return;
    }
    Map<String, String> data = new HashMap<>();
    data.put(COMMIT_SCHEMA, SCHEMA_VERSION);
    data.put(COMMIT_ANALYZER, analyzerName);
    data.put(COMMIT_LOG, logIdentity);
    seqs.forEach((ws, seq) -> data.put(COMMIT_WORKSPACE_SEQ + ws, Long.toString(seq)));
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    committedSeqs = seqs;
  }

  private static long total(Map<UUID, Long> seqs) {
    return seqs.values().stream().mapToLong(Long::longValue).sum();
  }

  Document document(IndexedChunk chunk) throws IOException {
    Document doc = new Document();
    String id = chunk.id().toString();
    doc.add(new StringField(ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
    doc.add(new StringField(WORKSPACE, chunk.workspaceId().toString(), Field.Store.NO));
    doc.add(new StringField(SOURCE, chunk.sourceId().toString(), Field.Store.NO));
    doc.add(new StringField(KIND, chunk.kind(), Field.Store.NO));
    doc.add(new LongPoint(CREATED, SearchFilters.epochMicros(chunk.createdAt())));
    String title = chunk.title() == null ? "" : chunk.title();
    String body = title + "\n" + chunk.text();
    AnalyzedText analyzed = new AnalyzedText(analyzer, BODY, body);
    doc.add(new TextField(BODY, analyzed));
    doc.add(new NumericDocValuesField(BODY_TOKENS, analyzed.count()));
    return doc;
  }

  private static Term idTerm(UUID id) {
    return new Term(ID, id.toString());
  }

  /** The chunk's document only while it belongs to this workspace. */
  private static Query inWorkspace(UUID id, UUID workspaceId) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(idTerm(id)), Occur.FILTER)
        .add(new TermQuery(new Term(WORKSPACE, workspaceId.toString())), Occur.FILTER)
        .build();
  }

  // ---------------------------------------------------------------- searching

  /**
   * BM25 over title and text within one workspace: the query is analyzed like the documents and
   * becomes a bag of words (a SHOULD clause per distinct term, boosted by its count), so no user
   * syntax can fail. Returns at most {@code k} hits, best first, ties broken by chunk id; a query
   * of only stop words finds nothing.
   */
  public List<RankedHit> search(UUID workspaceId, String query, int k, SearchFilters filters)
      throws IOException {
    Objects.requireNonNull(workspaceId, "workspaceId");
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive");
    }
    ensureFresh(workspaceId);
    Query q = query(workspaceId, query, filters == null ? SearchFilters.NONE : filters);
    if (q == null) {
      return List.of();
    }
    SearcherManager manager = requireOpen();
    IndexSearcher acquired = manager.acquire();
    try {
      IndexSearcher searcher =
          workspaceStats.searcher(acquired.getIndexReader(), workspaceId.toString());
      searcher.setSimilarity(similarity);
      TopFieldDocs top = searcher.search(q, k, BY_SCORE_THEN_ID, true);
      List<RankedHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        FieldDoc fd = (FieldDoc) sd;
        UUID id = UUID.fromString(((BytesRef) fd.fields[1]).utf8ToString());
        hits.add(new RankedHit(id, fd.score, hits.size() + 1));
      }
      return hits;
    } finally {
      manager.release(acquired);
    }
  }

  /** The full query, or null when the text has no searchable term. */
  Query query(UUID workspaceId, String text, SearchFilters filters) throws IOException {
    Map<String, Integer> counts = terms(text);
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder bag = new BooleanQuery.Builder();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Query tq = new TermQuery(new Term(BODY, e.getKey()));
      bag.add(e.getValue() > 1 ? new BoostQuery(tq, e.getValue()) : tq, Occur.SHOULD);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(bag.build(), Occur.MUST);
    q.add(new TermQuery(new Term(WORKSPACE, workspaceId.toString())), Occur.FILTER);
    if (!filters.sourceIds().isEmpty()) {
      q.add(
          new TermInSetQuery(
              SOURCE, filters.sourceIds().stream().map(id -> new BytesRef(id.toString())).toList()),
          Occur.FILTER);
    }
    if (!filters.kinds().isEmpty()) {
      q.add(
          new TermInSetQuery(
              KIND, filters.kinds().stream().map(k -> new BytesRef(k.wire())).toList()),
          Occur.FILTER);
    }
    if (filters.createdAfter() != null || filters.createdBefore() != null) {
      long from =
          filters.createdAfter() == null
              ? Long.MIN_VALUE
              : SearchFilters.epochMicros(filters.createdAfter());
      long to =
          filters.createdBefore() == null
              ? Long.MAX_VALUE
              : SearchFilters.epochMicros(filters.createdBefore());
      if (filters.createdBefore() != null) {
        if (to == Long.MIN_VALUE) {
          return null; // nothing is before the beginning of time
        }
        to = to - 1; // exclusive upper bound
      }
      q.add(LongPoint.newRangeQuery(CREATED, from, to), Occur.FILTER);
    }
    return q.build();
  }

  /** Distinct analyzed terms of {@code text} with their counts, in first-seen order. */
  Map<String, Integer> terms(String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (text == null) {
      return counts;
    }
    try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        if (counts.containsKey(t)) {
          counts.merge(t, 1, Integer::sum);
        } else if (counts.size() < MAX_QUERY_TERMS) {
          counts.put(t, 1);
        }
      }
      ts.end();
    }
    return counts;
  }

  /**
   * Before a query: if PostgreSQL has changes to this workspace this node has not applied, apply
   * them now (read your writes across nodes). Only that workspace's feed is read. A rebuild in
   * progress is not waited for; its previous contents answer.
   */
  private void ensureFresh(UUID workspaceId) throws IOException {
    if (rebuilding) {
      return;
    }
    long dbSeq = dbSeq(workspaceId);
    if (dbSeq <= searchableSeqs.getOrDefault(workspaceId, 0L)) {
      return;
    }
    try {
      while (!applyLock.tryLock(50, TimeUnit.MILLISECONDS)) {
        if (rebuilding) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the index to catch up", e);
    }
    try {
      if (dbSeq > searchableSeqs.getOrDefault(workspaceId, 0L) && !rebuilding) {
        requireOpen();
        applyPending(workspaceId, dbSeq);
        refresh();
        // Committed by the poller or the next catchUp(): a crash only replays the feed again.
      }
    } finally {
      applyLock.unlock();
    }
  }

  private long dbSeq(UUID workspaceId) {
    long now = System.nanoTime();
    SeqReading last = lastReadings.get(workspaceId);
    if (maxSeqCacheNanos > 0 && last != null && now - last.atNanos() < maxSeqCacheNanos) {
      return last.seq();
    }
    long seq = feed.workspaceSeq(workspaceId).orElse(0L);
    if (maxSeqCacheNanos > 0) {
      lastReadings.put(workspaceId, new SeqReading(seq, now));
    }
    return seq;
  }

  private SearcherManager requireOpen() {
    SearcherManager s = searchers;
    if (s == null || writer == null) {
      throw new IllegalStateException("the Lucene index at " + path + " is not open");
    }
    return s;
  }

  // ---------------------------------------------------------------- introspection

  /** Whether {@link #start()} has opened the index (and {@link #stop()} not closed it). */
  public boolean isOpen() {
    return searchers != null && writer != null;
  }

  /** How many changes searches on this index see, summed over every workspace's feed. */
  public long appliedSeq() {
    return total(searchableSeqs);
  }

  /** The last change of this workspace's feed that searches on this index see. */
  public long appliedSeq(UUID workspaceId) {
    return searchableSeqs.getOrDefault(workspaceId, 0L);
  }

  /**
   * Chunk changes committed in the database that searches on this node do not see yet (reads the
   * database).
   */
  public long lag() {
    Map<UUID, Long> seen = searchableSeqs;
    UUID[] ids = seen.keySet().toArray(UUID[]::new);
    Long[] seqs = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      seqs[i] = seen.get(ids[i]);
    }
    return feed.changesPast(ids, seqs);
  }

  /** Completed full rebuilds since this index was created (on start and by the reindex command). */
  public long rebuilds() {
    return rebuilds.get();
  }

  /** Live documents visible to searches. */
  public int numDocs() throws IOException {
    SearcherManager manager = requireOpen();
    IndexSearcher s = manager.acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      manager.release(s);
    }
  }

  /**
   * Segments whose per-workspace BM25 totals are cached, and how many segments searches see now.
   */
  int[] statsCacheSegments() throws IOException {
    SearcherManager manager = requireOpen();
    IndexSearcher s = manager.acquire();
    try {
      return new int[] {workspaceStats.cachedSegments(), s.getIndexReader().leaves().size()};
    } finally {
      manager.release(s);
    }
  }

  /**
   * What is wrong with the index while serving (damaged and being rebuilt, or failing to update);
   * empty while it is fine. Health reports it.
   */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /**
   * Why the last {@link #start()} rebuilt the index instead of reusing it; empty when it reused it.
   */
  public Optional<String> startupRebuildReason() {
    return Optional.ofNullable(startupRebuildReason);
  }

  public Path path() {
    return path;
  }

  public Analyzer analyzer() {
    return analyzer;
  }
}

package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.documents.SourceKind;
import dev.minirag.testing.TempDirs;
import dev.minirag.testing.TestDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The BM25 leg on a real index directory, fed by the real change log. */
class LuceneIndexIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static Jdbi jdbi;
  private static Corpus corpus;

  @TempDir Path tmp;
  private final List<LuceneIndex> open = new ArrayList<>();

  @BeforeAll
  static void connect() {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    corpus = new Corpus(jdbi, null);
  }

  @AfterEach
  void closeIndexes() throws Exception {
    for (LuceneIndex index : open) {
      index.stop();
    }
  }

  private LuceneIndex start(Path dir) throws IOException {
    return start(LuceneIndexConfig.at(dir.toString()));
  }

  private LuceneIndex start(LuceneIndexConfig config) throws IOException {
    LuceneIndex index = new LuceneIndex(config, jdbi);
    index.start();
    open.add(index);
    return index;
  }

  private void stop(LuceneIndex index) throws Exception {
    index.stop();
    open.remove(index);
  }

  private static List<UUID> ids(List<RankedHit> hits) {
    return hits.stream().map(RankedHit::chunkId).toList();
  }

  /** A workspace about nature, returning {photosynthesis chunk, volcano chunk, ...}. */
  private static List<UUID> nature(UUID ws) {
    UUID plants =
        corpus.source(ws, "text", "Photosynthesis", Instant.parse("2025-01-01T00:00:00Z"));
    UUID volcanoes = corpus.source(ws, "url", "Volcanoes", Instant.parse("2025-06-01T00:00:00Z"));
    UUID jazz = corpus.source(ws, "file", "Jazz history", Instant.parse("2026-01-01T00:00:00Z"));
    List<UUID> ids = new ArrayList<>();
    ids.addAll(
        corpus.chunks(
            ws,
            plants,
            "Chlorophyll in the leaves absorbs sunlight to turn water and carbon dioxide into glucose.",
            "Oxygen is released as a by-product when plants split water molecules."));
    ids.addAll(
        corpus.chunks(
            ws,
            volcanoes,
            "Magma rises through the crust and erupts as lava during a volcanic eruption.",
            "Ash clouds from an eruption can ground flights across a continent."));
    ids.addAll(
        corpus.chunks(
            ws,
            jazz,
            "Jazz grew in New Orleans from blues and ragtime, with improvised solos.",
            "Bebop musicians played fast tempos and complex chord changes."));
    return ids;
  }

  @Test
  void bm25FindsTheRightChunkAndNeverThrowsOnUserSyntax() throws Exception {
    UUID ws = corpus.workspace("bm25");
    List<UUID> c = nature(ws);
    LuceneIndex index = start(tmp.resolve("idx"));

    List<RankedHit> hits = index.search(ws, "magma erupting", 10, SearchFilters.NONE);
    assertThat(hits.get(0).chunkId()).isEqualTo(c.get(2));
    assertThat(hits.get(0).rank()).isEqualTo(1);
    assertThat(hits.get(0).score()).isPositive();
    // The title is searched with the text: "Volcanoes" only appears in titles.
    assertThat(ids(index.search(ws, "volcanoes", 10, SearchFilters.NONE)))
        .containsExactlyInAnyOrder(c.get(2), c.get(3));
    // Stemming: "eruptions" matches "eruption".
    assertThat(ids(index.search(ws, "eruptions", 10, SearchFilters.NONE)))
        .contains(c.get(2), c.get(3));

    for (String nasty :
        List.of(
            "\"unbalanced (quote AND title:foo* ~2 ^3",
            "a[b} OR || && !!",
            "*",
            "???",
            "-",
            "/regex/")) {
      // Read as plain words, none of which is in the corpus: no syntax error, and no "*" that
      // matches everything.
      assertThat(index.search(ws, nasty, 10, SearchFilters.NONE)).as(nasty).isEmpty();
    }
    // As syntax, NOT and "-" would exclude the one chunk that holds "magma"; as words they find it.
    assertThat(ids(index.search(ws, "lava AND NOT magma", 10, SearchFilters.NONE)))
        .contains(c.get(2));
    assertThat(ids(index.search(ws, "-magma", 10, SearchFilters.NONE))).containsExactly(c.get(2));
    assertThat(index.search(ws, "the and of", 10, SearchFilters.NONE)).isEmpty();
    assertThat(index.search(ws, "   ", 10, SearchFilters.NONE)).isEmpty();
  }

  @Test
  void resultsAreRankedWithTiesBrokenByChunkId() throws Exception {
    UUID ws = corpus.workspace("ties");
    UUID s = corpus.source(ws, "text", "Same");
    List<UUID> same =
        corpus.chunks(
            ws, s, "identical walrus text", "identical walrus text", "identical walrus text");
    LuceneIndex index = start(tmp.resolve("idx"));

    List<RankedHit> hits = index.search(ws, "walrus", 10, SearchFilters.NONE);
    assertThat(hits).extracting(RankedHit::rank).containsExactly(1, 2, 3);
    assertThat(hits).extracting(RankedHit::score).containsOnly(hits.get(0).score());
    assertThat(ids(hits))
        .containsExactlyElementsOf(
            same.stream().sorted(Comparator.comparing(UUID::toString)).toList());
    assertThat(index.search(ws, "walrus", 2, SearchFilters.NONE)).hasSize(2);
  }

  @Test
  void catchUpAppliesInsertsUpdatesAndDeletes() throws Exception {
    UUID ws = corpus.workspace("changes");
    LuceneIndex index = start(tmp.resolve("idx"));
    UUID src = corpus.source(ws, "text", "Notes");

    // Insert: a query catches up by itself (PostgreSQL's max(seq) is ahead of the index).
    UUID chunk = corpus.chunk(ws, src, "The axolotl regrows its limbs.");
    assertThat(ids(index.search(ws, "axolotl", 10, SearchFilters.NONE))).containsExactly(chunk);

    // Update: the old words go, the new ones come.
    corpus.updateText(chunk, "The platypus lays eggs.");
    assertThat(index.search(ws, "axolotl", 10, SearchFilters.NONE)).isEmpty();
    assertThat(ids(index.search(ws, "platypus", 10, SearchFilters.NONE))).containsExactly(chunk);

    // Delete one chunk.
    UUID other = corpus.chunk(ws, src, "A platypus has a bill like a duck.");
    assertThat(ids(index.search(ws, "platypus", 10, SearchFilters.NONE)))
        .containsExactlyInAnyOrder(chunk, other);
    corpus.deleteChunk(chunk);
    assertThat(ids(index.search(ws, "platypus", 10, SearchFilters.NONE))).containsExactly(other);

    // Deleting a source cascades to its chunks, and the trigger logs each delete.
    UUID src2 = corpus.source(ws, "url", "More notes");
    corpus.chunks(ws, src2, "platypus venom spurs", "platypus electroreception");
    long seqBefore = index.catchUp();
    assertThat(index.search(ws, "platypus", 10, SearchFilters.NONE)).hasSize(3);
    corpus.deleteSource(src2);
    corpus.deleteSource(src);
    long seq = index.catchUp();
    assertThat(seq).isEqualTo(databaseSeq());
    assertThat(seq).isGreaterThan(seqBefore);
    assertThat(index.search(ws, "platypus", 10, SearchFilters.NONE)).isEmpty();
  }

  @Test
  void aWorkspaceNeverSeesAnotherWorkspacesChunks() throws Exception {
    UUID a = corpus.workspace("tenant A");
    UUID b = corpus.workspace("tenant B");
    nature(a);
    UUID secret =
        corpus.chunk(
            b,
            corpus.source(b, "text", "Merger plans"),
            "Project Zanzibar acquisition closes in March.");
    LuceneIndex index = start(tmp.resolve("idx"));

    assertThat(ids(index.search(b, "zanzibar acquisition", 10, SearchFilters.NONE)))
        .containsExactly(secret);
    assertThat(index.search(a, "zanzibar acquisition", 10, SearchFilters.NONE)).isEmpty();
    assertThat(index.search(a, "merger plans", 10, SearchFilters.NONE)).isEmpty();
    assertThat(index.search(UUID.randomUUID(), "zanzibar", 10, SearchFilters.NONE)).isEmpty();
  }

  @Test
  void aWorkspacesScoresDoNotDependOnWhatOtherWorkspacesHold() throws Exception {
    UUID mine = corpus.workspace("stats-a");
    nature(mine);
    LuceneIndex index = start(tmp.resolve("idx"));
    List<String> queries =
        List.of(
            "eruption lava magma",
            "carbon dioxide light",
            "jazz bebop chord",
            "ash flights",
            "volcanoes");
    List<List<RankedHit>> before = new ArrayList<>();
    for (String q : queries) {
      before.add(index.search(mine, q, 10, SearchFilters.NONE));
    }

    // Another tenant ingests far more text with the same terms, then deletes part of it.
    UUID theirs = corpus.workspace("stats-b");
    List<UUID> theirChunks = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      UUID src = corpus.source(theirs, "text", "Eruption notes " + s);
      String[] texts = new String[50];
      for (int i = 0; i < texts.length; i++) {
        texts[i] =
            "lava magma eruption ash " + "jazz ".repeat(i % 5) + "carbon light flights chord " + i;
      }
      theirChunks.addAll(corpus.chunks(theirs, src, texts));
      index.catchUp(); // several segments, as a live node would have
    }
    for (int i = 0; i < theirChunks.size(); i += 3) {
      corpus.deleteChunk(theirChunks.get(i));
    }
    index.catchUp();
    assertThat(index.search(theirs, "lava", 5, SearchFilters.NONE)).hasSize(5);

    for (int i = 0; i < queries.size(); i++) {
      assertThat(index.search(mine, queries.get(i), 10, SearchFilters.NONE))
          .as(queries.get(i))
          .isEqualTo(before.get(i));
    }
    // Totals of segments dropped by refreshes and merges do not linger. The searches just made
    // filled the cache, so an empty one (which would pass "at most") means it was never used.
    int[] cache = index.statsCacheSegments();
    assertThat(cache[0]).isBetween(1, cache[1]);
    // A brand-new node holding both workspaces from the start scores workspace A the same too.
    LuceneIndex fresh = start(tmp.resolve("fresh"));
    for (int i = 0; i < queries.size(); i++) {
      assertThat(fresh.search(mine, queries.get(i), 10, SearchFilters.NONE))
          .as(queries.get(i))
          .isEqualTo(before.get(i));
    }
  }

  @Test
  void filtersBySourceKindAndDate() throws Exception {
    UUID ws = corpus.workspace("filters");
    UUID early = corpus.source(ws, "text", "Early", Instant.parse("2025-01-01T00:00:00Z"));
    UUID middle = corpus.source(ws, "url", "Middle", Instant.parse("2025-06-01T00:00:00.000123Z"));
    UUID late = corpus.source(ws, "file", "Late", Instant.parse("2026-01-01T00:00:00Z"));
    UUID e = corpus.chunk(ws, early, "quokka facts one");
    UUID m = corpus.chunk(ws, middle, "quokka facts two");
    UUID l = corpus.chunk(ws, late, "quokka facts three");
    LuceneIndex index = start(tmp.resolve("idx"));

    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.NONE)))
        .containsExactlyInAnyOrder(e, m, l);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.sources(early, late))))
        .containsExactlyInAnyOrder(e, l);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.kinds(SourceKind.URL))))
        .containsExactly(m);
    assertThat(
            ids(
                index.search(
                    ws, "quokka", 10, SearchFilters.kinds(SourceKind.URL, SourceKind.FILE))))
        .containsExactlyInAnyOrder(m, l);
    assertThat(index.search(ws, "quokka", 10, SearchFilters.kinds(SourceKind.YOUTUBE))).isEmpty();
    // After is inclusive, before exclusive, to the microsecond.
    Instant mid = Instant.parse("2025-06-01T00:00:00.000123Z");
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.created(mid, null))))
        .containsExactlyInAnyOrder(m, l);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.created(mid.plusNanos(1), null))))
        .containsExactly(l);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.created(null, mid))))
        .containsExactly(e);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.created(null, mid.plusNanos(1)))))
        .containsExactlyInAnyOrder(e, m);
    assertThat(
            ids(
                index.search(
                    ws,
                    "quokka",
                    10,
                    SearchFilters.created(
                        Instant.parse("2025-03-01T00:00:00Z"),
                        Instant.parse("2025-12-31T00:00:00Z")))))
        .containsExactly(m);
    assertThat(
            ids(
                index.search(
                    ws,
                    "quokka",
                    10,
                    new SearchFilters(Set.of(early, middle), Set.of(SourceKind.URL), null, null))))
        .containsExactly(m);
  }

  @Test
  void aDeletedDirectoryIsRebuiltWithTheSameResults() throws Exception {
    UUID ws = corpus.workspace("rebuild");
    nature(ws);
    Path dir = tmp.resolve("idx");
    LuceneIndex first = start(dir);
    List<RankedHit> before =
        first.search(ws, "eruption of lava and jazz solos", 10, SearchFilters.NONE);
    assertThat(before).hasSizeGreaterThan(2);
    stop(first);

    TempDirs.deleteRecursively(dir);
    LuceneIndex second = start(dir);
    assertThat(second.startupRebuildReason())
        .hasValueSatisfying(r -> assertThat(r).contains("no index"));
    assertThat(second.search(ws, "eruption of lava and jazz solos", 10, SearchFilters.NONE))
        .isEqualTo(before);
  }

  @Test
  void makeSearchableAppliesWithoutCommittingAndCatchUpCommits() throws Exception {
    UUID ws = corpus.workspace("searchable");
    UUID src = corpus.source(ws, "text", "Field notes");
    Path dir = tmp.resolve("idx");
    LuceneIndex index = start(dir);
    long committed = committedSeq(dir);

    UUID chunk = corpus.chunk(ws, src, "The quokka smiles for photographs.");
    long applied = index.makeSearchable();
    assertThat(applied).isGreaterThan(committed);
    assertThat(index.appliedSeq()).isEqualTo(applied);
    assertThat(ids(index.search(ws, "quokka", 10, SearchFilters.NONE))).containsExactly(chunk);
    // The write path skips the fsync: the last commit on disk is still the old one.
    assertThat(committedSeq(dir)).isEqualTo(committed);

    assertThat(index.catchUp()).isEqualTo(applied);
    assertThat(committedSeq(dir)).isEqualTo(applied);
  }

  private static long committedSeq(Path dir) throws IOException {
    try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir)) {
      List<org.apache.lucene.index.IndexCommit> commits =
          org.apache.lucene.index.DirectoryReader.listCommits(d);
      return commits.get(commits.size() - 1).getUserData().entrySet().stream()
          .filter(e -> e.getKey().startsWith(LuceneIndex.COMMIT_WORKSPACE_SEQ))
          .mapToLong(e -> Long.parseLong(e.getValue()))
          .sum();
    }
  }

  /** Every workspace's last change number, summed: what a caught-up index reports. */
  private static long databaseSeq() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COALESCE(sum(change_seq), 0) FROM workspaces")
                .mapTo(Long.class)
                .one());
  }

  @Test
  void aDeletedWorkspaceLeavesEveryNodeAndItsCursorWithIt() throws Exception {
    UUID ws = corpus.workspace("doomed");
    UUID kept = corpus.workspace("kept");
    UUID src = corpus.source(ws, "text", "Doomed");
    corpus.chunks(ws, src, "wombat burrow", "wombat cubes");
    UUID keptChunk = corpus.chunk(kept, corpus.source(kept, "text", "Kept"), "wombat sleeps");
    Path dir = tmp.resolve("idx");
    LuceneIndex index = start(dir);
    assertThat(index.search(ws, "wombat", 10, SearchFilters.NONE)).hasSize(2);
    assertThat(index.appliedSeq(ws)).isPositive();

    jdbi.useHandle(h -> h.execute("DELETE FROM workspaces WHERE id = ?", ws));
    long feedRows =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM chunk_changes WHERE workspace_id = ?")
                    .bind(0, ws)
                    .mapTo(Long.class)
                    .one());
    assertThat(feedRows).as("its feed went with it").isZero();
    index.catchUp();
    assertThat(index.search(ws, "wombat", 10, SearchFilters.NONE)).isEmpty();
    assertThat(index.appliedSeq(ws)).isZero();
    assertThat(ids(index.search(kept, "wombat", 10, SearchFilters.NONE)))
        .containsExactly(keptChunk);
    assertThat(index.numDocs()).isEqualTo(chunkCount());
    stop(index);

    // A node that was down when the workspace went drops it on start, without a rebuild.
    UUID later = corpus.workspace("later");
    UUID src2 = corpus.source(later, "text", "Later");
    corpus.chunk(later, src2, "quoll spots");
    LuceneIndex down = start(tmp.resolve("down"));
    stop(down);
    jdbi.useHandle(h -> h.execute("DELETE FROM workspaces WHERE id = ?", later));
    LuceneIndex back = start(tmp.resolve("down"));
    assertThat(back.startupRebuildReason()).isEmpty();
    assertThat(back.search(later, "quoll", 10, SearchFilters.NONE)).isEmpty();
    assertThat(back.numDocs()).isEqualTo(chunkCount());
    assertThat(committedSeq(tmp.resolve("down"))).isEqualTo(databaseSeq());
  }

  @Test
  void aWorkspacesLateCommitIsNotSkippedWhileOthersCommitPastIt() throws Exception {
    UUID slow = corpus.workspace("slow writer");
    UUID fast = corpus.workspace("fast writer");
    UUID slowSrc = corpus.source(slow, "text", "Slow");
    UUID fastSrc = corpus.source(fast, "text", "Fast");
    corpus.chunk(slow, slowSrc, "okapi first");
    LuceneIndex index = start(tmp.resolve("idx"));

    // The slow transaction takes its workspace's next number and stays open; other workspaces
    // commit meanwhile (the old global lock made them wait), and the index catches up past them.
    try (org.jdbi.v3.core.Handle open = jdbi.open()) {
      open.begin();
      open.execute(
          "INSERT INTO chunks (source_id, workspace_id, ordinal, text) VALUES (?, ?, 100, ?)",
          slowSrc,
          slow,
          "okapi late");
      UUID fastChunk = corpus.chunk(fast, fastSrc, "okapi quick");
      index.catchUp();
      assertThat(ids(index.search(fast, "okapi", 10, SearchFilters.NONE)))
          .containsExactly(fastChunk);
      assertThat(index.search(slow, "okapi", 10, SearchFilters.NONE)).hasSize(1);
      open.commit();
    }
    assertThat(index.lag()).as("the late transaction's one chunk change").isEqualTo(1);
    // Its number is above everything the index applied for that workspace: found, not lost.
    index.catchUp();
    assertThat(index.lag()).isZero();
    assertThat(index.search(slow, "okapi", 10, SearchFilters.NONE)).hasSize(2);
    assertThat(index.appliedSeq()).isEqualTo(databaseSeq());
  }

  @Test
  void concurrentWritersOfOneWorkspaceLoseNoChangeToAConcurrentReader() throws Exception {
    UUID ws = corpus.workspace("busy");
    UUID src = corpus.source(ws, "text", "Busy");
    LuceneIndex index = start(tmp.resolve("idx"));
    int writers = 4;
    int each = 25;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    int ordinal = writer * 1000 + i;
                    jdbi.useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO chunks (source_id, workspace_id, ordinal, text)"
                                    + " VALUES (?, ?, ?, 'gerenuk')",
                                src,
                                ws,
                                ordinal));
                  }
                  return null;
                }));
      }
      // The reader catches up while the writers commit, as a node's poller does.
      while (done.stream().anyMatch(f -> !f.isDone())) {
        index.catchUp();
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    index.catchUp();
    assertThat(index.search(ws, "gerenuk", 1000, SearchFilters.NONE)).hasSize(writers * each);
    assertThat(index.appliedSeq(ws)).isEqualTo((long) writers * each);
  }

  private static long chunkCount() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM chunks").mapTo(Long.class).one());
  }

  @Test
  void aRestartReplaysOnlyWhatItMissed() throws Exception {
    UUID ws = corpus.workspace("restart");
    UUID src = corpus.source(ws, "text", "Log");
    UUID one = corpus.chunk(ws, src, "narwhal tusk");
    Path dir = tmp.resolve("idx");
    LuceneIndex first = start(dir);
    long seq = first.appliedSeq();
    stop(first);

    UUID two = corpus.chunk(ws, src, "narwhal pod");
    LuceneIndex second = start(dir);
    assertThat(second.startupRebuildReason()).isEmpty();
    assertThat(second.appliedSeq()).isGreaterThan(seq);
    assertThat(ids(second.search(ws, "narwhal", 10, SearchFilters.NONE)))
        .containsExactlyInAnyOrder(one, two);
  }

  @Test
  void aCorruptIndexFileTriggersARebuild() throws Exception {
    UUID ws = corpus.workspace("corrupt");
    nature(ws);
    Path dir = tmp.resolve("idx");
    LuceneIndex first = start(dir);
    List<RankedHit> before =
        first.search(ws, "chlorophyll sunlight glucose", 10, SearchFilters.NONE);
    stop(first);

    // Flip bytes in the middle of the biggest data file: only its checksum can tell.
    Path victim;
    try (Stream<Path> files = Files.list(dir)) {
      victim =
          files
              .filter(
                  p ->
                      !p.getFileName().toString().startsWith("segments")
                          && !p.getFileName().toString().equals("write.lock"))
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0xFF);
    }
    LuceneIndex second = start(dir);
    assertThat(second.startupRebuildReason())
        .hasValueSatisfying(r -> assertThat(r).containsIgnoringCase("corrupt"));
    assertThat(second.search(ws, "chlorophyll sunlight glucose", 10, SearchFilters.NONE))
        .isEqualTo(before);
    stop(second);

    // A garbled commit point is caught too.
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      }
    }
    LuceneIndex third = start(dir);
    assertThat(third.startupRebuildReason()).isPresent();
    assertThat(third.search(ws, "chlorophyll sunlight glucose", 10, SearchFilters.NONE))
        .isEqualTo(before);
  }

  @Test
  void twoNodesOnOneDatabaseAnswerIdentically() throws Exception {
    UUID ws = corpus.workspace("nodes");
    List<UUID> c = nature(ws);
    LuceneIndex nodeA = start(tmp.resolve("node-a"));
    // Node A lives through updates and deletes one change at a time...
    corpus.updateText(
        c.get(0), "Chlorophyll captures light energy; the Calvin cycle then fixes carbon dioxide.");
    nodeA.catchUp();
    corpus.deleteChunk(c.get(5));
    UUID src = corpus.source(ws, "text", "Volcano safety");
    nodeA.catchUp();
    corpus.chunks(
        ws,
        src,
        "Evacuate when lava and ash threaten; eruption warnings matter.",
        "Gas from magma is toxic.");
    nodeA.catchUp();
    // ...node B starts later and builds everything at once.
    LuceneIndex nodeB = start(tmp.resolve("node-b"));

    for (String q :
        List.of("eruption lava magma", "carbon dioxide light", "jazz bebop chord", "ash flights")) {
      List<RankedHit> a = nodeA.search(ws, q, 10, SearchFilters.NONE);
      List<RankedHit> b = nodeB.search(ws, q, 10, SearchFilters.NONE);
      assertThat(ids(b)).as(q).containsExactlyElementsOf(ids(a));
      assertThat(b).as(q).isEqualTo(a);
    }
    assertThat(nodeA.appliedSeq()).isEqualTo(nodeB.appliedSeq());
  }

  @Test
  void changingTheAnalyzerRebuilds() throws Exception {
    UUID ws = corpus.workspace("analyzer");
    UUID src = corpus.source(ws, "text", "Running");
    UUID chunk = corpus.chunk(ws, src, "The runners were running races.");
    Path dir = tmp.resolve("idx");
    LuceneIndex english = start(dir);
    assertThat(ids(english.search(ws, "run", 10, SearchFilters.NONE))).containsExactly(chunk);
    stop(english);

    LuceneIndex standard = start(new LuceneIndexConfig(dir.toString(), "standard", 1000, 0, 0));
    assertThat(standard.startupRebuildReason())
        .hasValueSatisfying(r -> assertThat(r).contains("analyzer"));
    assertThat(standard.search(ws, "run", 10, SearchFilters.NONE)).isEmpty();
    assertThat(ids(standard.search(ws, "running", 10, SearchFilters.NONE))).containsExactly(chunk);
  }

  @Test
  void theBackgroundPollerCatchesUpAndCommits() throws Exception {
    UUID ws = corpus.workspace("poller");
    LuceneIndex index =
        start(new LuceneIndexConfig(tmp.resolve("idx").toString(), "english", 2, 50, 0));
    UUID src = corpus.source(ws, "text", "Poll");
    corpus.chunks(ws, src, "pangolin one", "pangolin two", "pangolin three");
    long target = databaseSeq();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (index.appliedSeq() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(index.appliedSeq()).isEqualTo(target);
    assertThat(index.search(ws, "pangolin", 10, SearchFilters.NONE)).hasSize(3);
  }
}

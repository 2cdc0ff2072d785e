package dev.minirag.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.documents.chunk.ChunkingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validation pass on archives built by hand: what it accepts, and each way it refuses. */
class ArchiveCheckTest {

  static final ArchiveLimits LIMITS = new ArchiveLimits(10L << 20, 64L << 20, 64 * 1024, 100);
  static final Map<String, Object> EMBEDDING = Map.of("model", "m", "dimension", 4);
  static final String V1 = ArchiveFormat.encodeVector(new float[] {0.5f, -0.25f, 1e-7f, 0.125f});

  @TempDir Path dir;

  static Map<String, byte[]> data() {
    Map<String, byte[]> d = new LinkedHashMap<>();
    d.put(
        ArchiveFormat.SOURCES,
        TestArchives.lines(
            "{\"id\":\"s1\",\"kind\":\"text\",\"title\":\"Tea\",\"contentHash\":\"h1\",\"chunkCount\":2,\"byteSize\":10,\"metadata\":{}}",
            "{\"id\":\"s2\",\"kind\":\"url\",\"title\":\"Empty\",\"contentHash\":\"h2\",\"chunkCount\":0,\"byteSize\":0}"));
    d.put(
        ArchiveFormat.DOCUMENTS,
        TestArchives.lines("{\"source\":\"s1\",\"document\":{\"segments\":[]},\"charCount\":10}"));
    d.put(
        ArchiveFormat.CHUNKS,
        TestArchives.lines(
            "{\"source\":\"s1\",\"ordinal\":0,\"text\":\"Green tea\",\"metadata\":{\"charStart\":0},\"vector\":\""
                + V1
                + "\"}",
            "{\"source\":\"s1\",\"ordinal\":1,\"text\":\"Black tea\",\"vector\":\"" + V1 + "\"}"));
    return d;
  }

  ArchiveCheck.Checked check(byte[] archive) throws IOException {
    Path file = Files.write(dir.resolve("a.zip"), archive);
    try (ArchiveReader reader = ArchiveReader.open(file, LIMITS, ArchiveJson.mapper())) {
      return new ArchiveCheck(ArchiveJson.mapper()).run(reader, new Steps(Progress.NONE, 0));
    }
  }

  void refused(byte[] archive, int status, String message) {
    assertThatThrownBy(() -> check(archive))
        .isInstanceOf(ArchiveRefused.class)
        .satisfies(e -> assertThat(((ArchiveRefused) e).status()).isEqualTo(status))
        .hasMessageContaining(message)
        .hasMessageContaining("Nothing was imported");
  }

  static byte[] archive(Consumer<Map<String, byte[]>> edit) {
    Map<String, byte[]> d = data();
    edit.accept(d);
    return TestArchives.withManifest(d, EMBEDDING, m -> {});
  }

  /** The well-formed archive with these lines as its chunks. */
  private static byte[] withChunks(String... lines) {
    return archive(d -> d.put(ArchiveFormat.CHUNKS, TestArchives.lines(lines)));
  }

  @Test
  void aWellFormedArchivePasses() throws IOException {
    assertThat(check(archive(d -> {}))).isEqualTo(new ArchiveCheck.Checked(2, 1, 2, true));
    assertThat(ArchiveFormat.decodeVector(V1, 4)).containsExactly(0.5f, -0.25f, 1e-7f, 0.125f);
  }

  @Test
  void aFlippedByteFailsItsChecksum() {
    byte[] good = archive(d -> {});
    Map<String, byte[]> entries = TestArchives.entries(good);
    byte[] chunks = entries.get(ArchiveFormat.CHUNKS);
    chunks[20] ^= 0x01; // inside the text of the first chunk: still valid JSON
    entries.put(ArchiveFormat.CHUNKS, chunks);
    refused(TestArchives.zip(entries), 422, "chunks.jsonl does not match its SHA-256");
  }

  @Test
  void aTruncatedArchiveIsNotAZip() {
    byte[] good = archive(d -> {});
    refused(Arrays.copyOf(good, good.length / 2), 422, "not a readable zip archive");
    refused(new byte[0], 422, "not a readable zip archive");
  }

  @Test
  void anUnknownOrMissingEntryIsRefused() {
    Map<String, byte[]> entries = TestArchives.entries(archive(d -> {}));
    entries.put("../../etc/passwd", new byte[] {1});
    refused(TestArchives.zip(entries), 422, "unexpected entry '../../etc/passwd'");
    Map<String, byte[]> missing = TestArchives.entries(archive(d -> {}));
    missing.remove(ArchiveFormat.DOCUMENTS);
    refused(TestArchives.zip(missing), 422, "lacks documents.jsonl");
  }

  @Test
  void anotherFormatOrVersionIsRefused() {
    refused(
        TestArchives.withManifest(data(), EMBEDDING, m -> m.put("version", 2)),
        422,
        "format version 2");
    refused(
        TestArchives.withManifest(data(), EMBEDDING, m -> m.put("format", "tarball")),
        422,
        "names format 'tarball'");
  }

  @Test
  void lineCountsAndCrossReferencesAreChecked() {
    refused(
        TestArchives.withManifest(
            data(),
            EMBEDDING,
            m ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("entries").get(2))
                    .put("lines", 3)),
        422,
        "chunks.jsonl has 2 lines, its manifest says 3");
    refused(
        withChunks("{\"source\":\"nope\",\"ordinal\":0,\"text\":\"x\"}"),
        422,
        "line 1 of chunks.jsonl lacks a source that sources.jsonl holds");
    refused(
        withChunks(
            "{\"source\":\"s1\",\"ordinal\":1,\"text\":\"a\"}",
            "{\"source\":\"s1\",\"ordinal\":1,\"text\":\"b\"}"),
        422,
        "line 2 of chunks.jsonl lacks an ordinal above");
    refused(
        withChunks("{\"source\":\"s1\",\"ordinal\":0,\"text\":\"a\"}"),
        422,
        "source s1 says it has 2 chunks, chunks.jsonl holds 1");
    // Question-time work on a chunk is sized by its length: no archive may bring a longer one.
    String longest = "w".repeat(ChunkingConfig.LARGEST_CHARS);
    refused(
        withChunks(
            "{\"source\":\"s1\",\"ordinal\":0,\"text\":\"" + longest + "\"}",
            "{\"source\":\"s1\",\"ordinal\":1,\"text\":\"" + longest + "w\"}"),
        422,
        "line 2 of chunks.jsonl lacks a text of at most 20000 characters");
    refused(
        withChunks(
            "{\"source\":\"s1\",\"ordinal\":0,\"text\":\"a\",\"vector\":\"AAAA\"}",
            "{\"source\":\"s1\",\"ordinal\":1,\"text\":\"b\"}"),
        422,
        "bad vector: a vector has 0 values, the manifest says 4");
    refused(
        archive(
            d ->
                d.put(
                    ArchiveFormat.SOURCES,
                    TestArchives.lines(
                        "{\"id\":\"s1\",\"kind\":\"video\",\"title\":\"T\",\"contentHash\":\"h\",\"chunkCount\":0,\"byteSize\":0}"))),
        422,
        "line 1 of sources.jsonl lacks a kind of");
    refused(
        archive(d -> d.put(ArchiveFormat.SOURCES, TestArchives.lines("not json"))),
        422,
        "line 1 of sources.jsonl is not valid");
  }

  @Test
  void aZipBombStopsAtTheRatioNotAtTheEnd() {
    // 50 MB of one repeated line compresses about 1000:1; the manifest tells the truth about it.
    byte[] line =
        ("{\"source\":\"s1\",\"ordinal\":0,\"text\":\"" + "a".repeat(900) + "\"}\n").getBytes();
    byte[] huge = new byte[line.length * 55_000];
    for (int i = 0; i < 55_000; i++) {
      System.arraycopy(line, 0, huge, i * line.length, line.length);
    }
    refused(archive(d -> d.put(ArchiveFormat.CHUNKS, huge)), 422, "would expand more than 100:1");
    // The same entry under a manifest that declares it small: reading stops at the declared size.
    Map<String, byte[]> lying = new LinkedHashMap<>(data());
    byte[] lie = TestArchives.withManifest(lying, EMBEDDING, m -> {});
    Map<String, byte[]> entries = TestArchives.entries(lie);
    entries.put(ArchiveFormat.CHUNKS, huge);
    refused(
        TestArchives.zip(entries), 422, "chunks.jsonl holds more bytes than its manifest declares");
  }

  @Test
  void aLineOverTheLimitIsRefusedWithoutReadingItWhole() {
    String text = "b".repeat(70 * 1024);
    refused(
        withChunks("{\"source\":\"s1\",\"ordinal\":0,\"text\":\"" + text + "\"}"),
        413,
        "line 1 of chunks.jsonl is longer than the 65536-byte limit");
  }

  @Test
  void anArchiveOverTheSizeLimitIsRefusedUnread() {
    ArchiveLimits tiny = new ArchiveLimits(100, 1 << 20, 1 << 16, 100);
    assertThatThrownBy(
            () ->
                ArchiveReader.open(
                    Files.write(dir.resolve("big.zip"), archive(d -> {})),
                    tiny,
                    ArchiveJson.mapper()))
        .isInstanceOf(ArchiveRefused.class)
        .hasMessageContaining("larger than the 100-byte limit");
  }
}

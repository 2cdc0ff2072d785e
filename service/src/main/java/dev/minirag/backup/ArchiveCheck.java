package dev.minirag.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.backup.ArchiveLines.ChunkLine;
import dev.minirag.backup.ArchiveLines.DocumentLine;
import dev.minirag.backup.ArchiveLines.SourceLine;
import dev.minirag.documents.SourceKind;
import dev.minirag.documents.chunk.ChunkingConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The validation pass: every line of every data entry is parsed and checked against the manifest
 * and against the others (a document or chunk names a source that exists; chunks come grouped by
 * source with rising ordinals and as many as the source says), so the write pass that follows
 * cannot find a problem in the archive's content. Memory: one small record per source.
 */
final class ArchiveCheck {

  /** What the archive holds; {@code allVectors} when every chunk carries a vector. */
  record Checked(long sources, long documents, long chunks, boolean allVectors) {}

  private static final class SourceInfo {
    final int chunkCount;
    int chunks;
    int lastOrdinal = -1;
    boolean document;

    SourceInfo(int chunkCount) {
      this.chunkCount = chunkCount;
    }
  }

  private final ObjectMapper json;

  ArchiveCheck(ObjectMapper json) {
    this.json = json;
  }

  Checked run(ArchiveReader archive, Steps steps) throws IOException {
    Map<String, SourceInfo> sources = new HashMap<>();
    Set<String> hashes = new HashSet<>();
    steps.checkpoint();
    try (EntryLines lines = archive.lines(ArchiveFormat.SOURCES)) {
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        SourceLine s = parse(lines, line, SourceLine.class);
        require(lines, s.id() != null && !s.id().isBlank() && s.id().length() <= 200, "an id");
        require(
            lines, SourceKind.WIRE_NAMES.contains(s.kind()), "a kind of " + SourceKind.WIRE_NAMES);
        require(lines, s.title() != null && s.title().indexOf(0) < 0, "a title");
        require(lines, s.contentHash() != null && !s.contentHash().isBlank(), "a contentHash");
        require(
            lines,
            s.chunkCount() >= 0 && s.byteSize() >= 0,
            "a chunkCount and byteSize of at least 0");
        require(lines, isObjectOrNull(s.metadata()), "metadata that is an object");
        require(lines, hashes.add(s.contentHash()), "a contentHash no other source has");
        require(
            lines,
            sources.put(s.id(), new SourceInfo(s.chunkCount())) == null,
            "an id no other source has");
      }
    }
    long documents = 0;
    steps.checkpoint();
    try (EntryLines lines = archive.lines(ArchiveFormat.DOCUMENTS)) {
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        DocumentLine d = parse(lines, line, DocumentLine.class);
        SourceInfo s = d.source() == null ? null : sources.get(d.source());
        require(lines, s != null, "a source that sources.jsonl holds");
        require(lines, !s.document, "a source no other document line names");
        require(
            lines,
            d.document() != null && d.document().isObject() && d.charCount() >= 0,
            "a document object and a charCount");
        s.document = true;
        documents++;
      }
    }
    Manifest.Embedding embedding = archive.manifest().embedding();
    long chunks = 0;
    long vectors = 0;
    String current = null;
    Set<String> finished = new HashSet<>();
    steps.checkpoint();
    try (EntryLines lines = archive.lines(ArchiveFormat.CHUNKS)) {
      for (byte[] line; (line = lines.next()) != null; steps.step()) {
        ChunkLine c = parse(lines, line, ChunkLine.class);
        SourceInfo s = c.source() == null ? null : sources.get(c.source());
        require(lines, s != null, "a source that sources.jsonl holds");
        if (!c.source().equals(current)) {
          require(
              lines,
              finished.add(c.source()),
              "its source's other chunks next to it (chunks come grouped by source)");
          current = c.source();
        }
        require(
            lines,
            c.ordinal() > s.lastOrdinal,
            "an ordinal above the previous chunk's of its source");
        require(
            lines, c.text() != null && !c.text().isBlank() && c.text().indexOf(0) < 0, "a text");
        require(
            lines,
            c.text().length() <= ChunkingConfig.LARGEST_CHARS,
            "a text of at most " + ChunkingConfig.LARGEST_CHARS + " characters");
        require(lines, isObjectOrNull(c.metadata()), "metadata that is an object");
        s.lastOrdinal = c.ordinal();
        s.chunks++;
        if (c.vector() != null) {
          require(
              lines, embedding != null, "no vector, since the manifest names no embedding model");
          try {
            ArchiveFormat.decodeVector(c.vector(), embedding.dimension());
          } catch (IllegalArgumentException e) {
            throw ArchiveRefused.invalid(
                "line "
                    + lines.lineNumber()
                    + " of "
                    + lines.name()
                    + " has a bad vector: "
                    + e.getMessage());
          }
          vectors++;
        }
        chunks++;
      }
    }
    for (Map.Entry<String, SourceInfo> e : sources.entrySet()) {
      if (e.getValue().chunks != e.getValue().chunkCount) {
        throw ArchiveRefused.invalid(
            "source "
                + ArchiveReader.printable(e.getKey())
                + " says it has "
                + e.getValue().chunkCount
                + " chunks, chunks.jsonl holds "
                + e.getValue().chunks);
      }
    }
    return new Checked(sources.size(), documents, chunks, vectors == chunks);
  }

  <T> T parse(EntryLines lines, byte[] line, Class<T> type) throws IOException {
    try {
      T value = json.readValue(line, type);
      if (value == null) {
        throw ArchiveRefused.invalid(
            "line " + lines.lineNumber() + " of " + lines.name() + " is empty");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw ArchiveRefused.invalid(
          "line "
              + lines.lineNumber()
              + " of "
              + lines.name()
              + " is not valid ("
              + ArchiveReader.printable(e.getOriginalMessage())
              + ")");
    }
  }

  private static void require(EntryLines lines, boolean ok, String what) {
    if (!ok) {
      throw ArchiveRefused.invalid(
          "line " + lines.lineNumber() + " of " + lines.name() + " lacks " + what);
    }
  }

  private static boolean isObjectOrNull(JsonNode node) {
    return node == null || node.isNull() || node.isObject();
  }
}

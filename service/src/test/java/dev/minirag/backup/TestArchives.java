package dev.minirag.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Archives written from docs/export-format.md by hand, independently of ExportService, and tools to
 * take real ones apart and put them back together (with a manifest that matches, or not).
 */
final class TestArchives {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestArchives() {}

  /** Entry name to content, in zip order. */
  static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The data entries given, with a manifest that counts and checksums them truthfully; {@code edit}
   * may then change it.
   */
  static byte[] withManifest(
      Map<String, byte[]> data, Map<String, Object> embedding, Consumer<ObjectNode> edit) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (String name : ArchiveFormat.DATA) {
      byte[] content = data.getOrDefault(name, new byte[0]);
      long lines = 0;
      for (byte b : content) {
        if (b == '\n') {
          lines++;
        }
      }
      list.add(
          Map.of(
              "name",
              name,
              "lines",
              lines,
              "bytes",
              (long) content.length,
              "sha256",
              sha256(content)));
    }
    ObjectNode manifest = JSON.createObjectNode();
    manifest
        .put("format", ArchiveFormat.FORMAT)
        .put("version", ArchiveFormat.VERSION)
        .put("createdAt", "2026-12-05T12:00:00Z")
        .put("workspaceName", "Test");
    if (embedding != null) {
      manifest.set("embedding", JSON.valueToTree(embedding));
    }
    manifest.set("entries", JSON.valueToTree(list));
    edit.accept(manifest);
    Map<String, byte[]> all = new LinkedHashMap<>();
    for (String name : ArchiveFormat.DATA) {
      all.put(name, data.getOrDefault(name, new byte[0]));
    }
    try {
      all.put(ArchiveFormat.MANIFEST, JSON.writeValueAsBytes(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip(all);
  }

  /**
   * Re-zips a real archive's entries after {@code edit} changed some, with a manifest recomputed to
   * match.
   */
  static byte[] rewritten(
      byte[] archive, Consumer<Map<String, byte[]>> editData, Consumer<ObjectNode> editManifest) {
    Map<String, byte[]> entries = entries(archive);
    try {
      ObjectNode old = (ObjectNode) JSON.readTree(entries.get(ArchiveFormat.MANIFEST));
      editData.accept(entries);
      @SuppressWarnings("unchecked")
      Map<String, Object> embedding =
          old.has("embedding") ? JSON.treeToValue(old.get("embedding"), Map.class) : null;
      return withManifest(
          entries,
          embedding,
          m -> {
            m.set("workspaceName", old.get("workspaceName"));
            editManifest.accept(m);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] lines(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}

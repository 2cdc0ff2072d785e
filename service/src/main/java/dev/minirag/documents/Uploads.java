package dev.minirag.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;

/** Reads one multipart file within the upload limit and hands it to ingestion. */
public class Uploads {
  private final IngestService ingest;
  private final long maxBytes;
  private final int maxFiles;

  public Uploads(IngestService ingest, long maxBytes, int maxFiles) {
    this.ingest = ingest;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  /** Most files one request may carry. */
  public int maxFiles() {
    return maxFiles;
  }

  public ItemResult ingest(UUID workspace, UUID actor, FormDataBodyPart part) {
    String name =
        part.getContentDisposition() == null ? null : part.getContentDisposition().getFileName();
    String label = name == null ? "upload" : name;
    byte[] bytes;
    try (InputStream in = part.getValueAs(InputStream.class)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      return ItemResult.failed(label, 400, "could not read the upload: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      return ItemResult.failed(
          label, 413, "file is larger than the " + maxBytes + "-byte upload limit");
    }
    String type = part.getMediaType() == null ? null : part.getMediaType().toString();
    return ingest.addFile(workspace, actor, name, type, bytes);
  }
}

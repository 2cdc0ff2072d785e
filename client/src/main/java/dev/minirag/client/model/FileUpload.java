package dev.minirag.client.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to upload: from disk or from memory. The server detects the type from the content; the
 * name is kept as the source's {@code fileName}.
 */
public record FileUpload(String fileName, Path path, byte[] content) {

  public FileUpload {
    Objects.requireNonNull(fileName, "fileName");
    if ((path == null) == (content == null)) {
      throw new IllegalArgumentException("give either a path or the content");
    }
  }

  public static FileUpload of(Path path) {
    return new FileUpload(path.getFileName().toString(), path, null);
  }

  public static FileUpload of(String fileName, byte[] content) {
    return new FileUpload(fileName, null, content.clone());
  }
}

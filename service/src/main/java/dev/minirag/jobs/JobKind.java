package dev.minirag.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a job does; the wire name is the lower-case one stored in {@code jobs.kind}. */
public enum JobKind {
  /** Chunk and embed one source's stored document. */
  EMBED,
  /** Re-fetch a URL or YouTube source and re-embed only the chunks whose text changed. */
  RESYNC,
  /** Re-chunk and re-embed every source of a workspace, reusing vectors of unchanged chunks. */
  REINDEX,
  EXPORT,
  IMPORT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<JobKind> fromWire(String s) {
    return Arrays.stream(values()).filter(k -> k.wire().equals(s)).findFirst();
  }
}

package dev.minirag.jobs;

import dev.minirag.common.WireName;
import java.util.Locale;
import java.util.Optional;

/** What a job does; the wire name is the lower-case one stored in {@code jobs.kind}. */
public enum JobKind implements WireName {
  /** Chunk and embed one source's stored document. */
  EMBED,
  /** Re-fetch a URL or YouTube source and re-embed only the chunks whose text changed. */
  RESYNC,
  /** Re-chunk and re-embed every source of a workspace, reusing vectors of unchanged chunks. */
  REINDEX,
  EXPORT,
  IMPORT;

  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<JobKind> fromWire(String s) {
    return WireName.fromWire(JobKind.class, s);
  }
}

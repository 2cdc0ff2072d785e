package dev.minirag.backup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** How an export archive is named when downloaded, whether streamed at once or from a job. */
final class ArchiveDownloads {
  private ArchiveDownloads() {}

  static String fileName(UUID workspace, OffsetDateTime at) {
    return "workspace-"
        + workspace
        + "-"
        + at.atZoneSameInstant(ZoneOffset.UTC).toLocalDate()
        + ".zip";
  }

  static String attachment(String fileName) {
    return "attachment; filename=\"" + fileName + "\"";
  }
}

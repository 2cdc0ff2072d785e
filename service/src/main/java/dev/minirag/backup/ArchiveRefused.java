package dev.minirag.backup;

import dev.minirag.common.ApiException;

/** An archive that cannot be imported as it is: 422 (413 when it is too large), nothing written. */
public final class ArchiveRefused extends ApiException {

  ArchiveRefused(int status, String message) {
    super(status, message);
  }

  static ArchiveRefused invalid(String message) {
    return new ArchiveRefused(
        422, "The archive was refused: " + message + ". Nothing was imported.");
  }

  static ArchiveRefused tooLarge(String message) {
    return new ArchiveRefused(
        413, "The archive was refused: " + message + ". Nothing was imported.");
  }
}

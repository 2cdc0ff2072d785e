package dev.minirag.search;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a full index disk from damage. A write refused for lack of space says so in its message
 * (ENOSPC, "No space left on device"); the index is only called full while its file store still has
 * almost nothing free, so a writer closed by that failure is rebuilt once space returns instead of
 * waiting forever on an old message.
 */
final class IndexDisk {
  /** Below this much free space (or 1 % of the disk, whichever is more) the disk counts as full. */
  static final long FULL_BELOW_BYTES = 1 << 20;

  /** How health's message for a full disk begins. */
  static final String FULL = "the index disk is full";

  private IndexDisk() {}

  /** What health says when {@code failure} came from a full disk that is still full. */
  static Optional<String> full(Path index, Throwable failure) {
    if (!saysNoSpace(failure)) {
      return Optional.empty();
    }
    try {
      FileStore store = Files.getFileStore(existing(index));
      long free = store.getUsableSpace();
      if (free >= Math.max(FULL_BELOW_BYTES, store.getTotalSpace() / 100)) {
        return Optional.empty();
      }
      return Optional.of(
          FULL + " (" + free / 1024 + " KiB free); changes are applied once space is freed");
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  static boolean saysNoSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (t instanceof IOException && message != null && message.contains("No space left")) {
        return true;
      }
    }
    return false;
  }

  /** The index directory, or the nearest parent that exists (the directory may be gone). */
  private static Path existing(Path index) {
    Path p = index;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? index.getRoot() : p;
  }
}

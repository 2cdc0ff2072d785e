package dev.minirag.search;

import java.util.UUID;

/**
 * One row of {@code chunk_changes}: a chunk was upserted or deleted in its workspace's change
 * number {@code seq}.
 */
public record ChunkChange(long seq, UUID chunkId, String op) {

  public boolean isDelete() {
    return "delete".equals(op);
  }
}

package dev.minirag.documents.chunk;

/**
 * How large chunks are, in characters.
 *
 * @param targetChars chunks are packed up to this size
 * @param overlapChars up to this much of a chunk's end (whole sentences, or cues for transcripts)
 *     is repeated at the start of the next chunk of the same section
 * @param maxChars hard cap: a single sentence longer than the target may fill a chunk up to this
 *     size; longer ones are split at whitespace
 */
public record ChunkingConfig(int targetChars, int overlapChars, int maxChars) {

  /**
   * The longest chunk any node makes or imports. Everything that reads a chunk at question time
   * (splitting it into sentences, matching labels) is sized by it, so it must have a bound even
   * where a setting or an archive from elsewhere says otherwise.
   */
  public static final int LARGEST_CHARS = 20_000;

  public ChunkingConfig {
    if (targetChars < 1) {
      throw new IllegalArgumentException("targetChars must be positive");
    }
    if (overlapChars < 0 || overlapChars >= targetChars) {
      throw new IllegalArgumentException("overlapChars must be in [0, targetChars)");
    }
    if (maxChars < targetChars) {
      throw new IllegalArgumentException("maxChars must be at least targetChars");
    }
    if (maxChars > LARGEST_CHARS) {
      throw new IllegalArgumentException("maxChars must be at most " + LARGEST_CHARS);
    }
  }
}

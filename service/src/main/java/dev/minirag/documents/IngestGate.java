package dev.minirag.documents;

import java.util.UUID;

/**
 * Asked before a workspace adds sources (billing answers 402 when payment lapsed); reading never
 * asks.
 */
public interface IngestGate {
  /** Returns when the workspace may add sources now; throws an ApiException otherwise. */
  void admit(UUID workspace);
}

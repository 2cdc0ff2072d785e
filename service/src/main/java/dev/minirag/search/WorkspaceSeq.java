package dev.minirag.search;

import java.util.UUID;

/** A workspace and the last change number committed to its feed. */
public record WorkspaceSeq(UUID id, long changeSeq) {}

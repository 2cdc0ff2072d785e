package dev.minirag.search;

import java.util.UUID;

/** One leg's hit: its score there and its 1-based rank (ties broken by chunk id). */
public record RankedHit(UUID chunkId, double score, int rank) {}

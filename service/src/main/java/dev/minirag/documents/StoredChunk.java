package dev.minirag.documents;

import java.util.UUID;

/** A chunk as listed with its source; metadata is the JSON object stored with it. */
public record StoredChunk(UUID id, int ordinal, String text, String metadata, boolean embedded) {}

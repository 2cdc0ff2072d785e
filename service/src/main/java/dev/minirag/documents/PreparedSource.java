package dev.minirag.documents;

import dev.minirag.documents.chunk.ChunkDraft;
import java.util.List;

/** A source ready to be stored: its row, its extracted document as JSON, and its chunks. */
public record PreparedSource(NewSource row, String docJson, int chars, List<ChunkDraft> drafts) {}

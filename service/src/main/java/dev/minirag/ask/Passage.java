package dev.minirag.ask;

import java.util.Map;
import java.util.UUID;

/** A retrieved chunk as an answerer sees it, numbered from 1 in retrieval order. */
public record Passage(
    int n,
    UUID chunkId,
    UUID sourceId,
    String title,
    String uri,
    String fileName,
    String text,
    Map<String, Object> metadata,
    double score) {}

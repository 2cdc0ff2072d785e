package dev.minirag.embedding;

/** The model that filled {@code chunks.embedding}, as recorded in {@code embedding_settings}. */
public record EmbeddingSettings(String model, int dimension) {}

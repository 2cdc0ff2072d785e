/**
 * Text to vectors: in-process ONNX models or any OpenAI-compatible endpoint, behind {@link
 * dev.minirag.embedding.Embedder}, and the startup guard that keeps vectors of two models from ever
 * being compared ({@link dev.minirag.embedding.EmbeddingGuard}).
 */
package dev.minirag.embedding;

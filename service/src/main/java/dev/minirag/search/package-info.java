/**
 * Hybrid retrieval within a workspace.
 *
 * <p>Design in brief: PostgreSQL is the source of truth. Each node keeps its own Lucene index
 * ({@link dev.minirag.search.LuceneIndex}) derived from it by replaying {@code chunk_changes}
 * (filled by a trigger; sequence order equals commit order), and rebuilds it from one snapshot
 * whenever it is missing, corrupt, from another database or built with another analyzer. BM25
 * statistics are the workspace's own, over its live documents ({@link
 * dev.minirag.search.WorkspaceStats}), and ties break by chunk id, so every node ranks identically
 * and no workspace's scores depend on what other workspaces hold. The vector leg is pgvector's HNSW
 * index with an iterative scan ({@link dev.minirag.search.VectorSearchDao}); {@link
 * dev.minirag.search.Fusion} merges the two; {@link dev.minirag.search.SearchService} runs them
 * side by side and falls back to BM25 alone when vectors are unavailable.
 */
package dev.minirag.search;

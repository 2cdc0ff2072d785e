package dev.minirag.search;

/**
 * A search within one workspace. Null fields take the configured defaults: k 10, mode hybrid,
 * fusion convex, dense weight 0.7, 100 candidates per leg, no filters. Mode and fusion are kept as
 * a caller sent them (in any case, with blanks around): {@link SearchService} checks them with the
 * other fields, so one 422 lists every problem. Code searching on its own behalf uses {@link
 * #of(String, int, SearchMode)} and {@link #withFusion(FusionMethod, Double)}.
 *
 * @param mode a {@link SearchMode} wire name: bm25, dense or hybrid
 * @param fusion a {@link FusionMethod} wire name: convex or rrf (hybrid only)
 * @param denseWeight weight of the vector leg in the convex combination, 0..1
 * @param candidates how deep each leg looks before fusion, k..1000
 * @param keywords what the BM25 leg looks for when it is not {@code query} itself (the ask path
 *     leaves out a question's "how do I"); null: the query
 */
public record SearchRequest(
    String query,
    Integer k,
    String mode,
    String fusion,
    Double denseWeight,
    SearchFilters filters,
    Integer candidates,
    String keywords) {

  /** A search by {@code mode} (null: the configured one). */
  public static SearchRequest of(String query, int k, SearchMode mode) {
    return new SearchRequest(
        query, k, mode == null ? null : mode.wire(), null, null, null, null, null);
  }

  public SearchRequest withFilters(SearchFilters f) {
    return new SearchRequest(query, k, mode, fusion, denseWeight, f, candidates, keywords);
  }

  /** The same search with the BM25 leg looking for {@code words}. */
  public SearchRequest withKeywords(String words) {
    return new SearchRequest(query, k, mode, fusion, denseWeight, filters, candidates, words);
  }

  /** The same search fused by {@code f} with {@code weight} (null: the configured ones). */
  public SearchRequest withFusion(FusionMethod f, Double weight) {
    return new SearchRequest(
        query, k, mode, f == null ? null : f.wire(), weight, filters, candidates, keywords);
  }
}

package dev.minirag.search;

/**
 * A search within one workspace. Null fields take the configured defaults: k 10, mode hybrid,
 * fusion convex, dense weight 0.7, 100 candidates per leg, no filters.
 *
 * @param mode bm25, dense or hybrid
 * @param fusion convex or rrf (hybrid only)
 * @param denseWeight weight of the vector leg in the convex combination, 0..1
 * @param candidates how deep each leg looks before fusion, k..1000
 */
public record SearchRequest(
    String query,
    Integer k,
    String mode,
    String fusion,
    Double denseWeight,
    SearchFilters filters,
    Integer candidates) {

  public static SearchRequest of(String query, int k, String mode) {
    return new SearchRequest(query, k, mode, null, null, null, null);
  }

  public SearchRequest withFilters(SearchFilters f) {
    return new SearchRequest(query, k, mode, fusion, denseWeight, f, candidates);
  }

  public SearchRequest withFusion(String f, Double weight) {
    return new SearchRequest(query, k, mode, f, weight, filters, candidates);
  }
}

package dev.minirag.client.model;

/**
 * A search; only {@code query} is required, null fields take the server's defaults (k 10, mode
 * hybrid, fusion convex).
 *
 * @param mode bm25, dense or hybrid
 * @param fusion convex or rrf (hybrid only)
 * @param denseWeight weight of the vector leg in convex fusion, 0..1
 * @param candidates how deep each leg looks before fusion
 */
public record SearchRequest(
    String query,
    Integer k,
    String mode,
    String fusion,
    Double denseWeight,
    Filters filters,
    Integer candidates) {

  public static SearchRequest of(String query) {
    return new SearchRequest(query, null, null, null, null, null, null);
  }

  public SearchRequest withK(int value) {
    return new SearchRequest(query, value, mode, fusion, denseWeight, filters, candidates);
  }

  public SearchRequest withMode(String value) {
    return new SearchRequest(query, k, value, fusion, denseWeight, filters, candidates);
  }

  public SearchRequest withFusion(String value, Double weight) {
    return new SearchRequest(query, k, mode, value, weight, filters, candidates);
  }

  public SearchRequest withFilters(Filters value) {
    return new SearchRequest(query, k, mode, fusion, denseWeight, value, candidates);
  }
}

package dev.minirag.client.model;

/**
 * Filters and paging of {@code listSources}; null leaves a parameter out (server defaults: limit
 * 20, offset 0).
 *
 * @param kind url, file, text or youtube
 * @param status pending, embedding, ready or failed
 * @param q matches title, URL or file name
 */
public record SourceQuery(String kind, String status, String q, Integer limit, Integer offset) {

  public static SourceQuery all() {
    return new SourceQuery(null, null, null, null, null);
  }

  public SourceQuery withKind(String value) {
    return new SourceQuery(value, status, q, limit, offset);
  }

  public SourceQuery withStatus(String value) {
    return new SourceQuery(kind, value, q, limit, offset);
  }

  public SourceQuery withQ(String value) {
    return new SourceQuery(kind, status, value, limit, offset);
  }

  public SourceQuery withPage(int newLimit, int newOffset) {
    return new SourceQuery(kind, status, q, newLimit, newOffset);
  }
}

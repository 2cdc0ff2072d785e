package dev.minirag.client.model;

/** A question; {@code k} (passages retrieved, 1–50) and {@code filters} are optional. */
public record AskRequest(String question, Integer k, Filters filters) {

  public static AskRequest of(String question) {
    return new AskRequest(question, null, null);
  }

  public AskRequest withK(int value) {
    return new AskRequest(question, value, filters);
  }

  public AskRequest withFilters(Filters value) {
    return new AskRequest(question, k, value);
  }
}

package dev.minirag.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import java.util.EnumMap;
import java.util.Map;

/**
 * The maxima of one plan. A field left out (null) takes the value of {@code limits.defaults};
 * {@code 0} means unlimited.
 */
public class PlanLimits {
  @JsonProperty
  @Min(0)
  private Long storedChunks;

  public Long getStoredChunks() {
    return storedChunks;
  }

  @JsonProperty
  @Min(0)
  private Long storedSources;

  public Long getStoredSources() {
    return storedSources;
  }

  @JsonProperty
  @Min(0)
  private Long uploadBytesPerDay;

  public Long getUploadBytesPerDay() {
    return uploadBytesPerDay;
  }

  @JsonProperty
  @Min(0)
  private Long asksPerDay;

  public Long getAsksPerDay() {
    return asksPerDay;
  }

  public void setAsksPerDay(Long asksPerDay) {
    this.asksPerDay = asksPerDay;
  }

  @JsonProperty
  @Min(0)
  private Long searchesPerDay;

  public Long getSearchesPerDay() {
    return searchesPerDay;
  }

  public void setSearchesPerDay(Long searchesPerDay) {
    this.searchesPerDay = searchesPerDay;
  }

  @JsonProperty
  @Min(0)
  private Long requestsPerMinute;

  public Long getRequestsPerMinute() {
    return requestsPerMinute;
  }

  public void setRequestsPerMinute(Long requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
  }

  /** A plan that sets every limit (null leaves one to inherit). */
  public static PlanLimits of(
      Long storedChunks,
      Long storedSources,
      Long uploadBytesPerDay,
      Long asksPerDay,
      Long searchesPerDay,
      Long requestsPerMinute) {
    PlanLimits p = new PlanLimits();
    p.storedChunks = storedChunks;
    p.storedSources = storedSources;
    p.uploadBytesPerDay = uploadBytesPerDay;
    p.asksPerDay = asksPerDay;
    p.searchesPerDay = searchesPerDay;
    p.requestsPerMinute = requestsPerMinute;
    return p;
  }

  /** The values this plan sets; absent names inherit. */
  public Map<LimitName, Long> values() {
    Map<LimitName, Long> out = new EnumMap<>(LimitName.class);
    put(out, LimitName.STORED_CHUNKS, storedChunks);
    put(out, LimitName.STORED_SOURCES, storedSources);
    put(out, LimitName.UPLOAD_BYTES_PER_DAY, uploadBytesPerDay);
    put(out, LimitName.ASKS_PER_DAY, asksPerDay);
    put(out, LimitName.SEARCHES_PER_DAY, searchesPerDay);
    put(out, LimitName.REQUESTS_PER_MINUTE, requestsPerMinute);
    return out;
  }

  private static void put(Map<LimitName, Long> out, LimitName name, Long value) {
    if (value != null) {
      out.put(name, value);
    }
  }
}

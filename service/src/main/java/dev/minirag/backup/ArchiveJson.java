package dev.minirag.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;

/** The JSON settings of archive lines, the same whichever mapper the application configured. */
final class ArchiveJson {
  private ArchiveJson() {}

  /**
   * Dates as ISO-8601 text; unknown fields ignored, so a later version 1 writer may add fields
   * without breaking older readers (a change readers must understand bumps the version instead).
   */
  static ObjectMapper mapper() {
    return Jackson.newObjectMapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }
}

package dev.minirag.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** One map as one line of JSON; a value Jackson cannot write becomes its string form. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  static String write(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      line.replaceAll((k, v) -> v == null ? null : v.toString());
      try {
        return JSON.writeValueAsString(line) + System.lineSeparator();
      } catch (JsonProcessingException impossible) {
        return "{\"message\":\"unloggable event\"}" + System.lineSeparator();
      }
    }
  }
}

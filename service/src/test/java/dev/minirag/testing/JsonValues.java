package dev.minirag.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Strict reads of one value in a JSON document, by JSON pointer. Jackson's {@code at(..).asLong()}
 * and {@code asBoolean()} answer 0 and false for a value that is absent, null or of another type,
 * so an assertion that expects exactly 0 or false would pass on a missing field; these fail
 * instead, naming the pointer and the document.
 */
public final class JsonValues {

  private JsonValues() {}

  public static long longAt(JsonNode document, String pointer) {
    JsonNode value = document.at(pointer);
    assertThat(value.isIntegralNumber()).as("%s is an integer in %s", pointer, document).isTrue();
    return value.longValue();
  }

  public static boolean booleanAt(JsonNode document, String pointer) {
    JsonNode value = document.at(pointer);
    assertThat(value.isBoolean()).as("%s is a boolean in %s", pointer, document).isTrue();
    return value.booleanValue();
  }
}

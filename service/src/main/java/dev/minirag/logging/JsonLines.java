package dev.minirag.logging;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;

/** One event as one line of JSON; a value Jackson cannot write becomes its string form. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** A layout writing the fields {@code fields} picks from each event, one JSON object per line. */
  static <E> LayoutBase<E> layout(Context context, Function<E, Map<String, Object>> fields) {
    LayoutBase<E> layout =
        new LayoutBase<>() {
          @Override
          public String doLayout(E event) {
            return write(fields.apply(event));
          }
        };
    layout.setContext(context);
    return layout;
  }

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

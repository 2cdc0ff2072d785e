package dev.minirag.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads server-sent events ({@code event:} and {@code data:} lines, a blank line ends an event), as
 * the ask endpoint writes them. Comment lines and {@code id:}/{@code retry:} fields are skipped.
 */
final class EventStreamReader {

  record Event(String name, String data) {}

  private final BufferedReader in;

  EventStreamReader(BufferedReader in) {
    this.in = in;
  }

  /** The next event, or null at the end of the stream. */
  Event next() {
    String name = null;
    StringBuilder data = null;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            return new Event(name == null ? "message" : name, data.toString());
          }
          name = null;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (field.equals("event")) {
          name = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data == null ? null : new Event(name == null ? "message" : name, data.toString());
  }
}

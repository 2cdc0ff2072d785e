package dev.minirag.documents;

import dev.minirag.common.ApiException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How often a URL or YouTube source is re-fetched; the periods are defined once, in SQL
 * (resync_period).
 */
public enum ResyncInterval {
  OFF,
  HOURLY,
  DAILY,
  WEEKLY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** 422 for anything but the four names. */
  public static ResyncInterval parse(String s) {
    return Arrays.stream(values())
        .filter(v -> v.wire().equals(s))
        .findFirst()
        .orElseThrow(
            () ->
                new ApiException(422, "resyncInterval must be one of off, hourly, daily, weekly"));
  }
}

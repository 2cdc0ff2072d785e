package dev.minirag.documents;

import dev.minirag.common.ApiException;
import dev.minirag.common.WireName;
import java.util.Locale;

/**
 * How often a URL or YouTube source is re-fetched; the periods are defined once, in SQL
 * (resync_period).
 */
public enum ResyncInterval implements WireName {
  OFF,
  HOURLY,
  DAILY,
  WEEKLY;

  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** 422 for anything but the four names. */
  public static ResyncInterval parse(String s) {
    return WireName.fromWire(ResyncInterval.class, s)
        .orElseThrow(
            () ->
                new ApiException(422, "resyncInterval must be one of off, hourly, daily, weekly"));
  }
}

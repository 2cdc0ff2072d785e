package dev.minirag.quota;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.WireName;
import java.util.Optional;

/** Every limit a workspace lives by, with its wire name (API, config, database) and its period. */
public enum LimitName implements WireName {
  STORED_CHUNKS("storedChunks", Period.STORED),
  STORED_SOURCES("storedSources", Period.STORED),
  UPLOAD_BYTES_PER_DAY("uploadBytesPerDay", Period.DAY),
  ASKS_PER_DAY("asksPerDay", Period.DAY),
  SEARCHES_PER_DAY("searchesPerDay", Period.DAY),
  REQUESTS_PER_MINUTE("requestsPerMinute", Period.MINUTE);

  /**
   * Stored limits never reset; daily ones reset at 00:00 UTC; the rate limit refills each minute.
   */
  public enum Period {
    STORED,
    DAY,
    MINUTE
  }

  private final String wire;
  private final Period period;

  LimitName(String wire, Period period) {
    this.wire = wire;
    this.period = period;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  public Period period() {
    return period;
  }

  public static Optional<LimitName> parse(String wire) {
    return WireName.fromWire(LimitName.class, wire);
  }
}

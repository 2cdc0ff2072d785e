package dev.minirag.common;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose constants travel outside the service by a wire name: in JSON, in configuration and
 * in database columns. Inside the service the constant is passed around; the name is written and
 * read only at those edges (Jackson through {@code @JsonValue} on {@link #wire()}, JDBI through
 * {@link dev.minirag.common.db.WireNameArgumentFactory} and {@link
 * dev.minirag.common.db.WireNameColumnMapperFactory}).
 */
public interface WireName {

  /** The name as it is sent and stored. */
  String wire();

  /** The constant of {@code type} whose wire name is {@code wire}; empty for any other string. */
  static <E extends Enum<E> & WireName> Optional<E> fromWire(Class<E> type, String wire) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
  }
}

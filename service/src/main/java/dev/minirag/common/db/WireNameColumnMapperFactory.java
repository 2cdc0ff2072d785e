package dev.minirag.common.db;

import dev.minirag.common.WireName;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * Reads a text column into the {@link WireName} enum constant of that wire name (null stays null);
 * a value no constant has is an error, not a guess. Registered on each DAO that reads one, with
 * {@code @RegisterColumnMapperFactory(WireNameColumnMapperFactory.class)}, beside {@link
 * WireNameArgumentFactory}.
 */
public final class WireNameColumnMapperFactory implements ColumnMapperFactory {

  @Override
  public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
    Class<?> raw = GenericTypes.getErasedType(type);
    if (!raw.isEnum() || !WireName.class.isAssignableFrom(raw)) {
      return Optional.empty();
    }
    Map<String, Object> byWire =
        Arrays.stream(raw.getEnumConstants())
            .collect(Collectors.toUnmodifiableMap(c -> ((WireName) c).wire(), Function.identity()));
    return Optional.of(
        (rs, column, ctx) -> {
          String wire = rs.getString(column);
          if (wire == null) {
            return null;
          }
          Object constant = byWire.get(wire);
          if (constant == null) {
            throw new IllegalStateException(
                "column " + column + " holds " + wire + ", not a " + raw.getSimpleName());
          }
          return constant;
        });
  }
}

package dev.minirag.common.db;

import dev.minirag.common.WireName;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;

/**
 * Binds a {@link WireName} enum as its wire name, a text value like the one the column holds (a
 * null binds as a null text). Registered on each DAO that binds one, with
 * {@code @RegisterArgumentFactory(WireNameArgumentFactory.class)}, so it applies whichever Jdbi
 * runs the DAO; without it JDBI would bind the constant's upper-case Java name.
 */
public final class WireNameArgumentFactory implements ArgumentFactory.Preparable {

  @Override
  public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
    if (!WireName.class.isAssignableFrom(GenericTypes.getErasedType(type))) {
      return Optional.empty();
    }
    return Optional.of(
        value ->
            value == null
                ? new NullArgument(Types.VARCHAR)
                : (position, statement, ctx) ->
                    statement.setString(position, ((WireName) value).wire()));
  }
}

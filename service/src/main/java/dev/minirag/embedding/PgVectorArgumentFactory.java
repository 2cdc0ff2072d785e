package dev.minirag.embedding;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.postgresql.PGConnection;

/**
 * Binds a pgvector-java {@link PGvector} as a {@code vector} parameter. Register it on a SqlObject
 * with {@code @RegisterArgumentFactory(PgVectorArgumentFactory.class)} or on a handle.
 *
 * <p>Vectors travel in pgvector's binary form (4 bytes a dimension), not as text: the driver sends
 * a {@code PGBinaryObject} in binary only for a type registered on the connection, and without that
 * every ingested chunk cost 384 {@code Float.toString} calls here and as many float parses in
 * PostgreSQL, the top of the loader's profile.
 */
public class PgVectorArgumentFactory extends AbstractArgumentFactory<PGvector> {

  public PgVectorArgumentFactory() {
    super(Types.OTHER);
  }

  @Override
  protected Argument build(PGvector value, ConfigRegistry config) {
    return new VectorArgument(value);
  }

  /**
   * An argument with its own {@code toString}: JDBI otherwise describes every bound value up front
   * with the value's {@code toString}, which for a {@link PGvector} is its whole text form, the
   * very cost the binary transfer saves.
   */
  private record VectorArgument(PGvector value) implements Argument {
    @Override
    public void apply(int position, PreparedStatement statement, StatementContext ctx)
        throws SQLException {
      registerBinary(statement.getConnection());
      statement.setObject(position, value);
    }

    @Override
    public String toString() {
      return "vector";
    }
  }

  /**
   * Registers {@code vector} on this connection, so the driver sends (and reads) it in binary. Done
   * at bind time rather than when a connection opens: the type's oid exists only once the
   * migrations have created the extension. Registering again is a cached map update, no round trip.
   */
  static void registerBinary(Connection connection) throws SQLException {
    if (connection.isWrapperFor(PGConnection.class)) {
      connection.unwrap(PGConnection.class).addDataType("vector", PGvector.class);
    }
  }
}

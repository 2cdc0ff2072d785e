package dev.minirag.embedding;

import com.pgvector.PGvector;
import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds a pgvector-java {@link PGvector} as a {@code vector} parameter. Register it on a SqlObject
 * with {@code @RegisterArgumentFactory(PgVectorArgumentFactory.class)} or on a handle.
 */
public class PgVectorArgumentFactory extends AbstractArgumentFactory<PGvector> {

  public PgVectorArgumentFactory() {
    super(Types.OTHER);
  }

  @Override
  protected Argument build(PGvector value, ConfigRegistry config) {
    return (position, statement, ctx) -> statement.setObject(position, value);
  }
}

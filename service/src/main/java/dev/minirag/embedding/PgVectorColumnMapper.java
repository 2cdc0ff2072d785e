package dev.minirag.embedding;

import com.pgvector.PGvector;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a {@code vector} column as a pgvector-java {@link PGvector}, the type vectors are bound as
 * ({@link PgVectorArgumentFactory}). On a connection where that factory registered the type the
 * driver already hands over a {@link PGvector} (decoded from binary once the statement is
 * server-prepared); elsewhere the column arrives in pgvector's text form.
 */
public class PgVectorColumnMapper implements ColumnMapper<PGvector> {

  @Override
  public PGvector map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
    Object value = r.getObject(columnNumber);
    if (value == null) {
      return null;
    }
    return value instanceof PGvector v ? v : new PGvector(r.getString(columnNumber));
  }
}

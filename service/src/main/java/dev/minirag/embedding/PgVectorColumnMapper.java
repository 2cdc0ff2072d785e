package dev.minirag.embedding;

import com.pgvector.PGvector;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads a {@code vector} column as a pgvector-java {@link PGvector}, the type vectors are bound as
 * ({@link PgVectorArgumentFactory}); the driver hands the column over in pgvector's text form.
 */
public class PgVectorColumnMapper implements ColumnMapper<PGvector> {

  @Override
  public PGvector map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
    String text = r.getString(columnNumber);
    return text == null ? null : new PGvector(text);
  }
}

package dev.minirag.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@link PlainSql}, statement text reaches PostgreSQL as written, never rendered as a
 * template.
 */
class PlainSqlIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase(false);

  /** Valid SQL only if {@code <op>} is rendered. */
  private static int run(Jdbi jdbi) {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT 1 <op> 2").define("op", "+").mapTo(Integer.class).one());
  }

  @Test
  void jdbisDefaultEngineRendersAttributes() {
    assertThat(run(Jdbi.create(DB.dataSource()))).isEqualTo(3);
  }

  @Test
  void plainSqlSendsTheTextAsWritten() {
    Jdbi plain = PlainSql.configure(Jdbi.create(DB.dataSource()));
    assertThatThrownBy(() -> run(plain))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("SELECT 1 <op> 2");
  }
}

package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CommandErrorsTest {

  private static String report(Throwable e, AtomicBoolean unexpected) {
    StringWriter out = new StringWriter();
    CommandErrors.report(new PrintWriter(out), e, () -> unexpected.set(true));
    return out.toString();
  }

  @Test
  void aMissingTableSaysToMigrateInOneLine() {
    AtomicBoolean unexpected = new AtomicBoolean();
    String line =
        report(
            new RuntimeException(
                "statement failed",
                new SQLException(
                    "ERROR: relation \"users\" does not exist\n  Position: 13", "42P01")),
            unexpected);
    assertThat(line)
        .isEqualTo(
            "error: the database is not migrated: run `db migrate config.yml` first"
                + " (ERROR: relation \"users\" does not exist)"
                + System.lineSeparator());
    assertThat(unexpected).isFalse();
  }

  @Test
  void anUnreachableDatabaseNamesTheSettings() {
    AtomicBoolean unexpected = new AtomicBoolean();
    String line =
        report(
            new IllegalStateException(new SQLException("Connection refused", "08001")), unexpected);
    assertThat(line).startsWith("error: cannot use the database (DATABASE_URL, DATABASE_USER)");
    assertThat(unexpected).isFalse();
  }

  @Test
  void otherSqlErrorsAreUnexpected() {
    AtomicBoolean unexpected = new AtomicBoolean();
    String line = report(new RuntimeException(new SQLException("deadlock", "40P01")), unexpected);
    assertThat(line).isEmpty();
    assertThat(unexpected).isTrue();
  }
}

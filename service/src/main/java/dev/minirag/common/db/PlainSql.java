package dev.minirag.common.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Statements go to PostgreSQL as written. No statement here uses JDBI's {@code <attribute>}
 * templates, yet its default engine ran every statement's text through an ANTLR lexer on each call:
 * about 4 % of a {@code /search}'s server CPU in the bench's profile (docs/benchmarks.md).
 */
public final class PlainSql {

  private PlainSql() {}

  public static Jdbi configure(Jdbi jdbi) {
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    return jdbi;
  }
}

package dev.minirag.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One span per SQL statement run through JDBI inside a traced piece of work, named after the DAO
 * method ({@code SearchHitsDao.load}). The span is made once the statement finished, with JDBI's
 * own start and end times, so nothing is kept between the two callbacks. Its text is the statement
 * with its {@code ?} placeholders: bound values never reach a span. Wraps the logger already set
 * (Dropwizard's statement timers), which keeps working.
 */
public final class StatementSpans implements SqlLogger {

  static final int MAX_TEXT = 2000;

  private final SqlLogger inner;
  private final Tracing tracing;

  private StatementSpans(SqlLogger inner, Tracing tracing) {
    this.inner = inner;
    this.tracing = tracing;
  }

  public static void install(Jdbi jdbi, Tracing tracing) {
    SqlLogger current = jdbi.getConfig(SqlStatements.class).getSqlLogger();
    jdbi.setSqlLogger(new StatementSpans(current, tracing));
  }

  @Override
  public void logBeforeExecution(StatementContext context) {
    inner.logBeforeExecution(context);
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    inner.logAfterExecution(context);
    record(context, context.getCompletionMoment(), null);
  }

  @Override
  public void logException(StatementContext context, SQLException error) {
    inner.logException(context, error);
    record(context, context.getExceptionMoment(), error);
  }

  private void record(StatementContext context, Instant end, SQLException error) {
    if (!tracing.isOn() || !Span.current().getSpanContext().isValid()) {
      return; // a poller's or a command's statement outside any trace
    }
    String sql = sql(context);
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder(name(context, sql))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system.name", "postgresql")
            .setAttribute("db.operation.name", operation(sql))
            .setAttribute(
                "db.query.text", sql.length() > MAX_TEXT ? sql.substring(0, MAX_TEXT) : sql);
    Instant start = context.getExecutionMoment();
    if (start != null) {
      builder.setStartTimestamp(start);
    }
    Span span = builder.startSpan();
    Tracing.tagWithRequest(span);
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, "SQLState " + error.getSQLState());
    }
    if (end != null) {
      span.end(end);
    } else {
      span.end();
    }
  }

  private static String sql(StatementContext context) {
    ParsedSql parsed = context.getParsedSql();
    String sql = parsed != null ? parsed.getSql() : context.getRenderedSql();
    return sql == null ? "" : sql.strip();
  }

  private static String name(StatementContext context, String sql) {
    ExtensionMethod method = context.getExtensionMethod();
    if (method != null && method.getType() != null) {
      return method.getType().getSimpleName() + "." + method.getMethod().getName();
    }
    return operation(sql);
  }

  /** The statement's first keyword after any leading comment ({@code SELECT}, {@code INSERT}). */
  static String operation(String sql) {
    int i = 0;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? sql.length() : close + 2;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? sql.length() : eol + 1;
      } else if (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(') {
        i++;
      } else {
        break;
      }
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return end > i ? sql.substring(i, end).toUpperCase(Locale.ROOT) : "SQL";
  }
}

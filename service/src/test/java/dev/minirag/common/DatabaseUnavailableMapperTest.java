package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.common.db.DatabaseUnavailable;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Which database failures are an outage (503, retry) and which are bugs (500). */
class DatabaseUnavailableMapperTest {

  @Test
  void connectionClassStatesAreAnOutage() {
    for (String state :
        new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
      assertThat(DatabaseUnavailable.causes(new ConnectionException(new SQLException("x", state))))
          .as(state)
          .isTrue();
    }
    for (String state : new String[] {"23505", "42P01", "40001", null}) {
      assertThat(
              DatabaseUnavailable.causes(
                  new UnableToExecuteStatementException(new SQLException("x", state), null)))
          .as(state)
          .isFalse();
    }
    // Every pooled connection busy for the pool's whole wait.
    assertThat(
            DatabaseUnavailable.causes(
                new ConnectionException(
                    new org.apache.tomcat.jdbc.pool.PoolExhaustedException("Pool empty"))))
        .isTrue();
    // Wrapped by code between the driver and the mapper (a search leg's future, say).
    assertThat(
            DatabaseUnavailable.causes(
                new CompletionException(
                    new IllegalStateException(
                        new ConnectionException(new SQLException("refused", "08001"))))))
        .isTrue();
    assertThat(DatabaseUnavailable.causes(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void anOutageIsA503WithRetryAfterAndAGenericMessage() {
    Response r =
        new DatabaseUnavailableMapper()
            .toResponse(
                new ConnectionException(
                    new SQLException("Connection to 10.0.0.5:5432 refused", "08001")));
    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
    ApiError body = (ApiError) r.getEntity();
    assertThat(body.code()).isEqualTo(503);
    assertThat(body.message()).isEqualTo("The database is unavailable; retry shortly");

    Response wrapped =
        new UnhandledExceptionMapper()
            .toResponse(
                new IllegalStateException(
                    new ConnectionException(new SQLException("refused", "57P01"))));
    assertThat(wrapped.getStatus()).isEqualTo(503);
  }

  @Test
  void anyOtherDatabaseErrorIsA500WithoutItsMessage() {
    Response r =
        new DatabaseUnavailableMapper()
            .toResponse(
                new UnableToExecuteStatementException(
                    new SQLException("relation \"secret_table\" does not exist", "42P01"), null));
    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(((ApiError) r.getEntity()).message()).doesNotContain("secret_table");
  }
}

package dev.minirag.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One row of {@code jobs}; kind and status are stored by their wire names. */
public class JobMapper implements RowMapper<Job> {
  @Override
  public Job map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Job(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        JobKind.fromWire(rs.getString("kind"))
            .orElseThrow(() -> new SQLException("unknown job kind")),
        rs.getObject("subject_id", UUID.class),
        rs.getString("payload"),
        JobStatus.fromWire(rs.getString("status"))
            .orElseThrow(() -> new SQLException("unknown job status")),
        rs.getBoolean("cancel_requested"),
        rs.getLong("progress_done"),
        rs.getLong("progress_total"),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        rs.getString("lease_owner"),
        rs.getString("last_error"),
        rs.getString("result"),
        rs.getObject("created_by", UUID.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("finished_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}

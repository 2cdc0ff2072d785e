package dev.minirag.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.db.WireNameColumnMapperFactory;
import dev.minirag.documents.SourceKind;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapperFactory;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Loads the rows behind ranked chunk ids, never outside the asking workspace. */
@RegisterRowMapper(SearchHitsDao.ChunkRowMapper.class)
@RegisterColumnMapperFactory(WireNameColumnMapperFactory.class)
public interface SearchHitsDao {

  @SqlQuery(
      """
      SELECT c.id, c.source_id, c.ordinal, c.text, c.metadata::text AS metadata,
             s.title, s.uri, s.kind, s.file_name
      FROM chunks c JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
      WHERE c.workspace_id = :workspaceId AND c.id = ANY(:ids)
      """)
  List<ChunkRow> load(@Bind("workspaceId") UUID workspaceId, @Bind("ids") UUID[] ids);

  class ChunkRowMapper implements RowMapper<ChunkRow> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @Override
    public ChunkRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      Map<String, Object> metadata;
      try {
        String json = rs.getString("metadata");
        metadata = json == null ? Map.of() : JSON.readValue(json, MAP);
      } catch (IOException e) {
        throw new SQLException("chunk metadata is not a JSON object", e);
      }
      return new ChunkRow(
          rs.getObject("id", UUID.class),
          rs.getObject("source_id", UUID.class),
          rs.getInt("ordinal"),
          rs.getString("text"),
          metadata,
          rs.getString("title"),
          rs.getString("uri"),
          ctx.findColumnMapperFor(SourceKind.class).orElseThrow().map(rs, "kind", ctx),
          rs.getString("file_name"));
    }
  }
}

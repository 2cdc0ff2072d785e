package dev.minirag.apikeys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKeyRow.class)
public interface ApiKeyDao {
  String COLUMNS =
      "id, workspace_id, name, prefix, secret_hash, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";

  @SqlQuery(
      "INSERT INTO api_keys (workspace_id, name, prefix, secret_hash, scopes, created_by, expires_at)"
          + " VALUES (:ws, :name, :prefix, :hash, CAST(:scopes AS text[]), CAST(:by AS uuid), CAST(:expires AS timestamptz)) RETURNING "
          + COLUMNS)
  ApiKeyRow insert(
      @Bind("ws") UUID workspaceId,
      @Bind("name") String name,
      @Bind("prefix") String prefix,
      @Bind("hash") String secretHash,
      @Bind("scopes") String[] scopes,
      @Bind("by") UUID createdBy,
      @Bind("expires") OffsetDateTime expiresAt);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE prefix = :prefix")
  Optional<ApiKeyRow> findByPrefix(@Bind("prefix") String prefix);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = :ws ORDER BY created_at DESC, id")
  List<ApiKeyRow> list(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM api_keys WHERE workspace_id = :ws)")
  boolean anyIn(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
  Optional<ApiKeyRow> find(@Bind("id") UUID id);

  @SqlUpdate(
      "UPDATE api_keys SET revoked_at = now() WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
  int revoke(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @SqlUpdate("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
  int revokeAny(@Bind("id") UUID id);

  @SqlUpdate("UPDATE api_keys SET last_used_at = now() WHERE id = :id")
  void touch(@Bind("id") UUID id);
}

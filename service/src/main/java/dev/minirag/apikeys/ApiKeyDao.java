package dev.minirag.apikeys;

import dev.minirag.common.db.FansOut;
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

  /**
   * The key and its prefix's entry in one statement: the prefix stays unique across workspaces
   * (db/changelog/012-workspace-keys.sql).
   */
  @SqlQuery(
      "WITH k AS (INSERT INTO api_keys (workspace_id, name, prefix, secret_hash, scopes, created_by, expires_at)"
          + " VALUES (:ws, :name, :prefix, :hash, CAST(:scopes AS text[]), CAST(:by AS uuid), CAST(:expires AS timestamptz)) RETURNING "
          + COLUMNS
          + "), p AS (INSERT INTO api_key_prefixes (prefix, workspace_id) SELECT prefix, workspace_id FROM k)"
          + " SELECT "
          + COLUMNS
          + " FROM k")
  ApiKeyRow insert(
      @Bind("ws") UUID workspaceId,
      @Bind("name") String name,
      @Bind("prefix") String prefix,
      @Bind("hash") String secretHash,
      @Bind("scopes") String[] scopes,
      @Bind("by") UUID createdBy,
      @Bind("expires") OffsetDateTime expiresAt);

  /**
   * A request's key is all it has before its workspace is known: the prefix finds the workspace,
   * then the key is read within it.
   */
  default Optional<ApiKeyRow> findByPrefix(String prefix) {
    return workspaceOfPrefix(prefix).flatMap(ws -> findByPrefix(ws, prefix));
  }

  @SqlQuery("SELECT workspace_id FROM api_key_prefixes WHERE prefix = :prefix")
  Optional<UUID> workspaceOfPrefix(@Bind("prefix") String prefix);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = :ws AND prefix = :prefix")
  Optional<ApiKeyRow> findByPrefix(@Bind("ws") UUID workspaceId, @Bind("prefix") String prefix);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = :ws ORDER BY created_at DESC, id")
  List<ApiKeyRow> list(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM api_keys WHERE workspace_id = :ws)")
  boolean anyIn(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE workspace_id = :ws AND id = :id")
  Optional<ApiKeyRow> find(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @SqlUpdate(
      "UPDATE api_keys SET revoked_at = now() WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
  int revoke(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @FansOut("the operator's revoke command is given a key id alone, in whichever workspace")
  @SqlUpdate("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
  int revokeAny(@Bind("id") UUID id);

  @SqlUpdate("UPDATE api_keys SET last_used_at = now() WHERE workspace_id = :ws AND id = :id")
  void touch(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);
}

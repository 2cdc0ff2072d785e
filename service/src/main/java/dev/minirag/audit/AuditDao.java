package dev.minirag.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEvent.class)
public interface AuditDao {

  @SqlUpdate(
      """
      INSERT INTO audit_events (actor_user_id, actor_key_id, workspace_id, action, target, ip, user_agent, request_id, details)
      VALUES (CAST(:user AS uuid), CAST(:key AS uuid), (SELECT id FROM workspaces WHERE id = CAST(:ws AS uuid)), :action, :target, :ip, :agent, :rid, CAST(:details AS jsonb))
      """)
  void insert(
      @Bind("user") UUID actorUserId,
      @Bind("key") UUID actorKeyId,
      @Bind("ws") UUID workspaceId,
      @Bind("action") String action,
      @Bind("target") String target,
      @Bind("ip") String ip,
      @Bind("agent") String userAgent,
      @Bind("rid") String requestId,
      @Bind("details") String detailsJson);

  @SqlQuery(
      """
      SELECT id, occurred_at, actor_user_id, actor_key_id, workspace_id, action, target, ip, user_agent,
             request_id, details::text AS details
      FROM audit_events
      WHERE (CAST(:user AS uuid) IS NULL OR actor_user_id = CAST(:user AS uuid))
        AND (CAST(:key AS uuid) IS NULL OR actor_key_id = CAST(:key AS uuid))
        AND (CAST(:ws AS uuid) IS NULL OR workspace_id = CAST(:ws AS uuid))
        AND (CAST(:action AS text) IS NULL OR action = CAST(:action AS text))
        AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= CAST(:from AS timestamptz))
        AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < CAST(:to AS timestamptz))
      ORDER BY occurred_at DESC, id LIMIT :limit OFFSET :offset
      """)
  List<AuditEvent> find(
      @Bind("user") UUID actorUserId,
      @Bind("key") UUID actorKeyId,
      @Bind("ws") UUID workspaceId,
      @Bind("action") String action,
      @Bind("from") OffsetDateTime from,
      @Bind("to") OffsetDateTime to,
      @Bind("limit") int limit,
      @Bind("offset") int offset);
}

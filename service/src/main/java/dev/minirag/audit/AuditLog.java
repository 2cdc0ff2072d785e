package dev.minirag.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.access.Caller;
import dev.minirag.common.RequestIds;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Appends security-relevant events (sign-in, keys, roles, workspaces, ingest, deletes). IP, user
 * agent and request id are taken from the current request. Never pass a secret in target or
 * details.
 */
public class AuditLog {

  private final AuditDao dao;
  private final ObjectMapper json;

  public AuditLog(AuditDao dao, ObjectMapper json) {
    this.dao = dao;
    this.json = json;
  }

  /** Records an action by an authenticated caller (user or API key). */
  public void record(
      Caller actor, String action, UUID workspaceId, String target, Map<String, ?> details) {
    record(
        actor == null ? null : actor.userId(),
        actor == null ? null : actor.apiKeyId(),
        action,
        workspaceId,
        target,
        details);
  }

  /**
   * Records an action by explicit actor ids (either may be null, e.g. for a failed sign-in or the
   * CLI).
   */
  public void record(
      UUID actorUserId,
      UUID actorKeyId,
      String action,
      UUID workspaceId,
      String target,
      Map<String, ?> details) {
    insert(dao, actorUserId, actorKeyId, action, workspaceId, target, details);
  }

  /**
   * Records an action in the caller's transaction, so the row commits (or not) with the change it
   * describes.
   */
  public void recordIn(
      Handle h,
      UUID actorUserId,
      String action,
      UUID workspaceId,
      String target,
      Map<String, ?> details) {
    insert(h.attach(AuditDao.class), actorUserId, null, action, workspaceId, target, details);
  }

  private void insert(
      AuditDao to,
      UUID actorUserId,
      UUID actorKeyId,
      String action,
      UUID workspaceId,
      String target,
      Map<String, ?> details) {
    AuditContext.Client client = AuditContext.current();
    to.insert(
        actorUserId,
        actorKeyId,
        workspaceId,
        action,
        target,
        client.ip(),
        client.userAgent(),
        RequestIds.current(),
        toJson(details));
  }

  public List<AuditEvent> find(AuditQuery q) {
    return dao.find(
        q.actorUserId(),
        q.actorKeyId(),
        q.workspaceId(),
        q.action(),
        q.from() == null ? null : q.from().atOffset(ZoneOffset.UTC),
        q.to() == null ? null : q.to().atOffset(ZoneOffset.UTC),
        q.limit(),
        q.offset());
  }

  private String toJson(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details == null ? Map.of() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit details must be JSON-serializable", e);
    }
  }
}

--liquibase formatted sql logicalFilePath:db/changelog/004-limits.sql

--changeset minirag:004-organization-plan
-- NULL means the configured default plan (limits.defaultPlan), so changing that setting moves every
-- organization that was never given a plan of its own.
ALTER TABLE organizations ADD COLUMN plan text CHECK (plan IS NULL OR length(plan) BETWEEN 1 AND 64);

--changeset minirag:004-workspace-limits
-- A system admin's per-workspace override of one limit; 0 means unlimited.
CREATE TABLE workspace_limits (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (name IN ('storedChunks', 'storedSources', 'uploadBytesPerDay',
                                                'asksPerDay', 'searchesPerDay', 'requestsPerMinute')),
    max_value     bigint NOT NULL CHECK (max_value >= 0),
    updated_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, name)
);

--changeset minirag:004-workspace-usage
-- What a workspace stores, kept exact by a trigger on sources so every write and delete path counts.
-- A source's chunks count from the moment it is stored (chunk_count is known before embedding).
CREATE TABLE workspace_usage (
    workspace_id  uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    sources       bigint NOT NULL DEFAULT 0,
    chunks        bigint NOT NULL DEFAULT 0
);
INSERT INTO workspace_usage (workspace_id, sources, chunks)
SELECT w.id, count(s.id), coalesce(sum(s.chunk_count), 0)
FROM workspaces w LEFT JOIN sources s ON s.workspace_id = w.id
GROUP BY w.id;

--changeset minirag:004-workspace-usage-triggers splitStatements:false
CREATE FUNCTION workspace_usage_new_workspace() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO workspace_usage (workspace_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER workspaces_usage_row AFTER INSERT ON workspaces
    FOR EACH ROW EXECUTE FUNCTION workspace_usage_new_workspace();

-- Plain UPDATEs, never upserts: while a workspace is being deleted its usage row may already be gone.
CREATE FUNCTION workspace_usage_count_sources() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE workspace_usage SET sources = sources + 1, chunks = chunks + NEW.chunk_count
        WHERE workspace_id = NEW.workspace_id;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE workspace_usage SET sources = sources - 1, chunks = chunks - OLD.chunk_count
        WHERE workspace_id = OLD.workspace_id;
    ELSE
        UPDATE workspace_usage SET chunks = chunks - OLD.chunk_count + NEW.chunk_count
        WHERE workspace_id = NEW.workspace_id;
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER sources_usage_insert_delete AFTER INSERT OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION workspace_usage_count_sources();
CREATE TRIGGER sources_usage_chunks AFTER UPDATE OF chunk_count ON sources
    FOR EACH ROW WHEN (OLD.chunk_count IS DISTINCT FROM NEW.chunk_count)
    EXECUTE FUNCTION workspace_usage_count_sources();

--changeset minirag:004-usage-daily
-- Per-workspace counters for one UTC day; checked and incremented in one statement.
CREATE TABLE usage_daily (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day           date NOT NULL,
    upload_bytes  bigint NOT NULL DEFAULT 0,
    asks          bigint NOT NULL DEFAULT 0,
    searches      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, day)
);
CREATE INDEX usage_daily_day_idx ON usage_daily (day);

--changeset minirag:004-rate-limit-buckets
-- bucket4j's token buckets (requests per minute per API key or user), shared by every node.
CREATE TABLE rate_limit_buckets (
    id          text PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
CREATE INDEX rate_limit_buckets_expires_idx ON rate_limit_buckets (expires_at);

--liquibase formatted sql logicalFilePath:db/changelog/001-core.sql

--changeset minirag:001-extension
-- The setup script installs pgvector; creating it needs superuser, so an already-present extension is fine.
CREATE EXTENSION IF NOT EXISTS vector;

--changeset minirag:001-tenancy
CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email            text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
    display_name     text,
    avatar_url       text,
    is_system_admin  boolean NOT NULL DEFAULT false,
    -- Bumped on logout-everywhere or demotion: tokens carrying an older version are refused.
    token_version    integer NOT NULL DEFAULT 0,
    default_workspace_id uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_login_at    timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE workspaces (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Deleting an organization takes its workspaces (and, through them, all content) with it.
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    settings         jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workspaces_organization_idx ON workspaces (organization_id);

-- A user's default workspace may be deleted; the user stays.
ALTER TABLE users ADD CONSTRAINT users_default_workspace_fk
    FOREIGN KEY (default_workspace_id) REFERENCES workspaces (id) ON DELETE SET NULL;

CREATE TABLE memberships (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'reader')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

--changeset minirag:001-content
CREATE TABLE sources (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('url', 'file', 'text', 'youtube')),
    title           text NOT NULL,
    uri             text,
    external_id     text,
    mime_type       text,
    content_hash    text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'embedding', 'ready', 'failed')),
    error           text,
    chunk_count     integer NOT NULL DEFAULT 0,
    embedded_count  integer NOT NULL DEFAULT 0,
    byte_size       bigint NOT NULL DEFAULT 0,
    etag            text,
    last_modified   text,
    metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- A departed user's documents stay with the workspace.
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Dedupe: the same content twice in one workspace is one source.
    CONSTRAINT sources_workspace_hash_key UNIQUE (workspace_id, content_hash)
);
CREATE INDEX sources_workspace_created_idx ON sources (workspace_id, created_at DESC);
CREATE INDEX sources_workspace_kind_idx ON sources (workspace_id, kind);
CREATE INDEX sources_workspace_status_idx ON sources (workspace_id, status);
CREATE INDEX sources_workspace_external_idx ON sources (workspace_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE chunks (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source_id     uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    -- Denormalized so every tenant filter is one indexed column away.
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ordinal       integer NOT NULL,
    text          text NOT NULL,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    embedding     vector(384),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chunks_source_ordinal_key UNIQUE (source_id, ordinal)
);
CREATE INDEX chunks_workspace_idx ON chunks (workspace_id);
CREATE INDEX chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_cosine_ops);

-- Every insert, update or delete of a chunk appends here; a node's Lucene index replays entries
-- after the last sequence it applied. Writers take one transaction-scoped advisory lock before
-- appending, so sequence order equals commit order and a reader can never skip a late commit.
CREATE TABLE chunk_changes (
    seq           bigserial PRIMARY KEY,
    chunk_id      uuid NOT NULL,
    source_id     uuid NOT NULL,
    workspace_id  uuid NOT NULL,
    op            text NOT NULL CHECK (op IN ('upsert', 'delete')),
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chunk_changes_chunk_idx ON chunk_changes (chunk_id);

--changeset minirag:001-chunk-change-trigger splitStatements:false
CREATE FUNCTION record_chunk_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_advisory_xact_lock(7340033);
    IF TG_OP = 'DELETE' THEN
        INSERT INTO chunk_changes (chunk_id, source_id, workspace_id, op)
        VALUES (OLD.id, OLD.source_id, OLD.workspace_id, 'delete');
        RETURN OLD;
    END IF;
    INSERT INTO chunk_changes (chunk_id, source_id, workspace_id, op)
    VALUES (NEW.id, NEW.source_id, NEW.workspace_id, 'upsert');
    RETURN NEW;
END
$fn$;

--changeset minirag:001-chunk-change-trigger-attach
CREATE TRIGGER chunks_record_change
    AFTER INSERT OR UPDATE OR DELETE ON chunks
    FOR EACH ROW EXECUTE FUNCTION record_chunk_change();

--changeset minirag:001-embedding-settings
-- Which embedding model filled chunks.embedding; the service refuses to mix dimensions.
CREATE TABLE embedding_settings (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    model       text NOT NULL,
    dimension   integer NOT NULL CHECK (dimension > 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

--changeset minirag:001-audit
CREATE TABLE audit_events (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    -- Audit history outlives the actors and workspaces it mentions.
    actor_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    actor_key_id   uuid,
    workspace_id   uuid REFERENCES workspaces (id) ON DELETE SET NULL,
    action         text NOT NULL,
    target         text,
    ip             text,
    user_agent     text,
    request_id     text,
    details        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);
CREATE INDEX audit_events_workspace_idx ON audit_events (workspace_id, occurred_at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC);

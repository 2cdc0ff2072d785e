--liquibase formatted sql logicalFilePath:db/changelog/003-identity.sql

--changeset minirag:003-api-keys
-- Keys look like mrk_<prefix>_<secret>; only SHA-256(secret) is stored. The prefix finds the row,
-- the hash is compared in constant time.
CREATE TABLE api_keys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix        text NOT NULL,
    secret_hash   text NOT NULL,
    scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality(scopes) > 0),
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix);
CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id, created_at DESC);

--changeset minirag:003-revoked-sessions
-- Session JWTs revoked by sign-out, by token id; rows past expires_at can be purged.
CREATE TABLE revoked_sessions (
    jti         uuid PRIMARY KEY,
    user_id     uuid REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expires_idx ON revoked_sessions (expires_at);

--changeset minirag:003-login-links
-- One-time development sign-in links: only SHA-256 of the token is stored.
CREATE TABLE login_links (
    token_hash  text PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

--changeset minirag:003-audit-key-idx
CREATE INDEX audit_events_key_idx ON audit_events (actor_key_id, occurred_at DESC) WHERE actor_key_id IS NOT NULL;

--liquibase formatted sql logicalFilePath:db/changelog/007-jobs.sql

--changeset minirag:007-jobs
-- One queue shared by every node (docs/decisions/005-job-queue.md). A worker claims the oldest due
-- row with FOR UPDATE SKIP LOCKED and holds it by a lease it renews while running; a row whose lease
-- ran out (its node died) is claimed again by any node. Handlers are idempotent: at-least-once.
CREATE TABLE jobs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id     uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('embed', 'resync', 'reindex', 'export', 'import')),
    -- What the job works on (a source for embed and resync); null for whole-workspace jobs.
    subject_id       uuid,
    payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
    status           text NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    cancel_requested boolean NOT NULL DEFAULT false,
    progress_done    bigint NOT NULL DEFAULT 0,
    progress_total   bigint NOT NULL DEFAULT 0,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    run_after        timestamptz NOT NULL DEFAULT now(),
    -- The node holding the job and until when; a node's name is never shown through the API.
    lease_owner      text,
    lease_until      timestamptz,
    -- Written for the user: never SQL, stack traces or upstream internals.
    last_error       text,
    result           jsonb,
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (run_after, created_at) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_workspace_created_idx ON jobs (workspace_id, created_at DESC);
CREATE INDEX jobs_subject_idx ON jobs (subject_id, created_at DESC) WHERE subject_id IS NOT NULL;
-- At most one waiting job per kind and subject: asking twice answers the waiting job's id. A running
-- one may have a successor queued (new content arrived while it worked).
CREATE UNIQUE INDEX jobs_one_queued_per_subject ON jobs (kind, subject_id)
    WHERE status = 'queued' AND subject_id IS NOT NULL;

--changeset minirag:007-unfinished-sources-become-jobs
-- Before the queue, each node resumed unfinished embeddings from the sources table at start.
INSERT INTO jobs (workspace_id, kind, subject_id, created_by)
SELECT workspace_id, 'embed', id, created_by FROM sources WHERE status IN ('pending', 'embedding');

--changeset minirag:007-resync
-- Re-sync of URL and YouTube sources: null interval = the workspace default (resync_defaults, else off).
ALTER TABLE sources
    ADD COLUMN resync_interval text CHECK (resync_interval IN ('off', 'hourly', 'daily', 'weekly')),
    ADD COLUMN last_checked_at timestamptz,
    ADD COLUMN last_changed_at timestamptz,
    -- Set when a check is queued (to the one after it); null = due one period after the last check.
    ADD COLUMN next_check_at timestamptz;
CREATE INDEX sources_resync_idx ON sources (workspace_id) WHERE kind IN ('url', 'youtube');

CREATE TABLE resync_defaults (
    workspace_id  uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    interval      text NOT NULL CHECK (interval IN ('off', 'hourly', 'daily', 'weekly')),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

--changeset minirag:007-resync-period splitStatements:false
-- The one definition of each re-sync interval's length; null for 'off'.
CREATE FUNCTION resync_period(name text) RETURNS interval LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE name WHEN 'hourly' THEN interval '1 hour' WHEN 'daily' THEN interval '1 day'
                     WHEN 'weekly' THEN interval '7 days' END
$fn$;

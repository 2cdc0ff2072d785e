--liquibase formatted sql logicalFilePath:db/changelog/009-backup-jobs.sql

--changeset minirag:009-backup-archives
-- Workspace archives kept for export and import jobs (docs/decisions/006-backup-archives.md): an
-- export job's result, served to any node's download request, and an uploaded archive waiting for
-- its import job on whichever node claims it. Stored in parts of at most 1 MiB, written and read one
-- part at a time, so no node holds an archive in memory. Removed by the jobs when done, and by a
-- bounded sweep once older than backup.archiveRetention.
CREATE TABLE backup_archives (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('export', 'import')),
    -- The export job that wrote it; null for an upload (its import job names it in its payload).
    job_id       uuid REFERENCES jobs (id) ON DELETE CASCADE,
    byte_size    bigint NOT NULL DEFAULT 0,
    -- False while parts are still being written: never served, swept when old.
    complete     boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX backup_archives_one_per_job ON backup_archives (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX backup_archives_created_idx ON backup_archives (created_at);

CREATE TABLE backup_archive_parts (
    archive_id uuid NOT NULL REFERENCES backup_archives (id) ON DELETE CASCADE,
    seq        integer NOT NULL CHECK (seq >= 0),
    data       bytea NOT NULL,
    PRIMARY KEY (archive_id, seq)
);
-- Zip data does not compress further: store it out of line without trying.
ALTER TABLE backup_archive_parts ALTER COLUMN data SET STORAGE EXTERNAL;

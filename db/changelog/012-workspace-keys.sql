--liquibase formatted sql logicalFilePath:db/changelog/012-workspace-keys.sql

--changeset minirag:012-sources-key
-- workspace_id becomes part of the primary key and every unique key of each workspace-scoped
-- table, and foreign keys between them carry it (docs/scaling.md, stage 1). Two reasons: a table
-- distributed by workspace_id (Citus, stage 3) can only enforce a key that contains it, and a row
-- can then only ever be reached, or referenced, together with its workspace, so a query that
-- forgets the workspace is a visible mistake rather than a silent cross-tenant read.
--
-- The foreign keys that rest on sources_pkey go first (PostgreSQL refuses to drop a key that a
-- foreign key depends on); the next changesets put them back, composite.
ALTER TABLE chunks DROP CONSTRAINT chunks_source_id_fkey;
ALTER TABLE source_documents DROP CONSTRAINT source_documents_source_id_fkey;
ALTER TABLE sources DROP CONSTRAINT sources_pkey;
ALTER TABLE sources ADD PRIMARY KEY (workspace_id, id);

--changeset minirag:012-chunks-keys
-- A chunk always lives in its source's workspace; a row that does not (written by hand) is moved
-- to it, which the change trigger records as a delete from one feed and an upsert in the other.
-- The HNSW index and the change trigger (011) are untouched: only btree keys change here.
UPDATE chunks c SET workspace_id = s.workspace_id
FROM sources s WHERE s.id = c.source_id AND c.workspace_id <> s.workspace_id;
ALTER TABLE chunks DROP CONSTRAINT chunks_pkey;
ALTER TABLE chunks ADD PRIMARY KEY (workspace_id, id);
ALTER TABLE chunks DROP CONSTRAINT chunks_source_ordinal_key;
ALTER TABLE chunks ADD CONSTRAINT chunks_source_ordinal_key UNIQUE (workspace_id, source_id, ordinal);
ALTER TABLE chunks ADD CONSTRAINT chunks_source_fkey
    FOREIGN KEY (workspace_id, source_id) REFERENCES sources (workspace_id, id) ON DELETE CASCADE;

--changeset minirag:012-source-documents-keys
-- The extracted document had only its source's id; it gets the source's workspace.
ALTER TABLE source_documents ADD COLUMN workspace_id uuid;
UPDATE source_documents d SET workspace_id = s.workspace_id FROM sources s WHERE s.id = d.source_id;
ALTER TABLE source_documents ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE source_documents DROP CONSTRAINT source_documents_pkey;
ALTER TABLE source_documents ADD PRIMARY KEY (workspace_id, source_id);
ALTER TABLE source_documents ADD CONSTRAINT source_documents_source_fkey
    FOREIGN KEY (workspace_id, source_id) REFERENCES sources (workspace_id, id) ON DELETE CASCADE;

--changeset minirag:012-invitations-key
-- The open-invitation unique index already starts with workspace_id.
ALTER TABLE invitations DROP CONSTRAINT invitations_pkey;
ALTER TABLE invitations ADD PRIMARY KEY (workspace_id, id);

--changeset minirag:012-jobs-keys
-- An export job's archive points at its job; that foreign key rests on jobs_pkey and comes back
-- composite below. "One queued job per subject" holds within the subject's workspace (a subject is
-- a source or a workspace, and belongs to the job's workspace), so the unique index gains
-- workspace_id without allowing anything it forbade before.
ALTER TABLE backup_archives DROP CONSTRAINT backup_archives_job_id_fkey;
ALTER TABLE jobs DROP CONSTRAINT jobs_pkey;
ALTER TABLE jobs ADD PRIMARY KEY (workspace_id, id);
DROP INDEX jobs_one_queued_per_subject;
CREATE UNIQUE INDEX jobs_one_queued_per_subject ON jobs (workspace_id, kind, subject_id)
    WHERE status = 'queued' AND subject_id IS NOT NULL;

--changeset minirag:012-backup-archives-keys
-- An archive's parts get their archive's workspace, so that parts, archive and job sit together.
ALTER TABLE backup_archive_parts DROP CONSTRAINT backup_archive_parts_archive_id_fkey;
ALTER TABLE backup_archives DROP CONSTRAINT backup_archives_pkey;
ALTER TABLE backup_archives ADD PRIMARY KEY (workspace_id, id);
DROP INDEX backup_archives_one_per_job;
CREATE UNIQUE INDEX backup_archives_one_per_job ON backup_archives (workspace_id, job_id)
    WHERE job_id IS NOT NULL;
ALTER TABLE backup_archives ADD CONSTRAINT backup_archives_job_fkey
    FOREIGN KEY (workspace_id, job_id) REFERENCES jobs (workspace_id, id) ON DELETE CASCADE;

ALTER TABLE backup_archive_parts ADD COLUMN workspace_id uuid;
UPDATE backup_archive_parts p SET workspace_id = a.workspace_id
FROM backup_archives a WHERE a.id = p.archive_id;
ALTER TABLE backup_archive_parts ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE backup_archive_parts DROP CONSTRAINT backup_archive_parts_pkey;
ALTER TABLE backup_archive_parts ADD PRIMARY KEY (workspace_id, archive_id, seq);
ALTER TABLE backup_archive_parts ADD CONSTRAINT backup_archive_parts_archive_fkey
    FOREIGN KEY (workspace_id, archive_id) REFERENCES backup_archives (workspace_id, id)
    ON DELETE CASCADE;

--changeset minirag:012-api-keys
-- A request presents mrk_<prefix>_<secret> and nothing else: its workspace is known only once the
-- key is found. So the prefix stays unique across all workspaces, but in a table of its own that
-- maps a prefix to its workspace (two short columns, written once when a key is made), while the
-- key itself, with its hash, scopes, revocation and last use (written on every use), is keyed by
-- workspace like everything else. Lookup is by prefix in the small table, then by (workspace, prefix)
-- in api_keys. In Citus terms api_key_prefixes is a reference table (docs/scaling.md): it has no
-- workspace in its key on purpose. Its foreign key keeps it in step with api_keys here; Citus does
-- not allow one from a reference table to a distributed table, so stage 3 drops it and deletes
-- prefixes along with keys instead.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_pkey;
ALTER TABLE api_keys ADD PRIMARY KEY (workspace_id, id);
DROP INDEX api_keys_prefix_key;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_prefix_key UNIQUE (workspace_id, prefix);

CREATE TABLE api_key_prefixes (
    prefix        text PRIMARY KEY,
    workspace_id  uuid NOT NULL,
    FOREIGN KEY (workspace_id, prefix) REFERENCES api_keys (workspace_id, prefix) ON DELETE CASCADE
);
INSERT INTO api_key_prefixes (prefix, workspace_id) SELECT prefix, workspace_id FROM api_keys;

--liquibase formatted sql logicalFilePath:db/changelog/011-workspace-change-feed.sql

--changeset minirag:011-workspace-change-feed splitStatements:false
-- The change log the Lucene index replays becomes one feed per workspace. Before, every chunk
-- write took one global advisory lock so that the global sequence equalled commit order; every
-- writer of every tenant waited for it. Now a writing transaction numbers its changes from its own
-- workspace's counter (workspaces.change_seq), and the row lock that UPDATE takes is held until
-- commit: a second writer of the same workspace gets the next number only after the first has
-- committed and become visible, so within a workspace number order is commit order and a reader
-- that has seen number N never later finds a smaller one. Writers of different workspaces no
-- longer wait for each other.
--
-- Existing rows are not renumbered: the table is recreated, so its oid, which is part of the log
-- identity a node's index records, changes and every node rebuilds its index on its next start.
ALTER TABLE workspaces ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
-- A workspace that already holds chunks starts at 1 (a number with no row): the rebuild records it,
-- so a node keeps a cursor for it and notices when it is deleted, as it does for any workspace that
-- has written since.
UPDATE workspaces w SET change_seq = 1
WHERE EXISTS (SELECT 1 FROM chunks c WHERE c.workspace_id = w.id);

DROP TRIGGER chunks_record_change ON chunks;
DROP FUNCTION record_chunk_change();
DROP TABLE chunk_changes;

-- One transaction's changes to one workspace share one number (a chunk changed twice in it keeps
-- its last operation, the only one the index needs). Deleting a workspace deletes its feed; nodes
-- notice the workspace is gone and drop its documents.
CREATE TABLE chunk_changes (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq           bigint NOT NULL,
    chunk_id      uuid NOT NULL,
    source_id     uuid NOT NULL,
    op            text NOT NULL CHECK (op IN ('upsert', 'delete')),
    changed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, seq, chunk_id)
);

-- Appends one change to a workspace's feed. The number is taken once per transaction and
-- workspace and remembered in a transaction-local setting (reverted on commit, rollback and a
-- rolled-back savepoint), so a batch of a thousand chunks updates the workspace row once, not a
-- thousand times. Only the last workspace is remembered: a transaction alternating between two
-- workspaces takes a few more numbers, all committed together, which readers handle the same way.
CREATE FUNCTION record_workspace_change(ws uuid, chunk uuid, source uuid, change text)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    remembered text := current_setting('minirag_feed.last', true);
    number bigint;
BEGIN
    IF remembered IS NOT NULL AND split_part(remembered, ':', 1) = ws::text THEN
        number := split_part(remembered, ':', 2)::bigint;
        -- Cascading from a workspace deleted earlier in this transaction: nothing to record.
        IF change = 'delete' AND NOT EXISTS (SELECT 1 FROM workspaces WHERE id = ws) THEN
            RETURN;
        END IF;
    ELSE
        UPDATE workspaces SET change_seq = change_seq + 1 WHERE id = ws
        RETURNING change_seq INTO number;
        IF NOT FOUND THEN
            RETURN; -- the workspace is being deleted: its feed goes with it
        END IF;
        PERFORM set_config('minirag_feed.last', ws::text || ':' || number, true);
    END IF;
    INSERT INTO chunk_changes (workspace_id, seq, chunk_id, source_id, op)
    VALUES (ws, number, chunk, source, change)
    ON CONFLICT (workspace_id, seq, chunk_id)
    DO UPDATE SET op = EXCLUDED.op, source_id = EXCLUDED.source_id, changed_at = now();
END
$fn$;

CREATE FUNCTION record_chunk_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM record_workspace_change(OLD.workspace_id, OLD.id, OLD.source_id, 'delete');
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.workspace_id <> NEW.workspace_id THEN
        -- A chunk moved: the old workspace's feed removes it, the new one's adds it.
        PERFORM record_workspace_change(OLD.workspace_id, OLD.id, OLD.source_id, 'delete');
    END IF;
    PERFORM record_workspace_change(NEW.workspace_id, NEW.id, NEW.source_id, 'upsert');
    RETURN NEW;
END
$fn$;

CREATE TRIGGER chunks_record_change
    AFTER INSERT OR DELETE OR UPDATE OF text, metadata, source_id, workspace_id, ordinal ON chunks
    FOR EACH ROW EXECUTE FUNCTION record_chunk_change();

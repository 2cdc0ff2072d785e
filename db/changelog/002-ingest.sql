--liquibase formatted sql logicalFilePath:db/changelog/002-ingest.sql

--changeset minirag:002-source-documents
-- The extracted document (segments with page/time/heading metadata) a source's chunks are built
-- from. Kept so that an interrupted embedding can be resumed after a crash and a changed chunking
-- configuration can be re-applied without fetching or parsing again.
CREATE TABLE source_documents (
    source_id   uuid PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    document    jsonb NOT NULL,
    char_count  integer NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

--changeset minirag:002-chunk-change-trigger-columns
-- Rewriting vectors (reembed) changes nothing Lucene holds: only these columns feed the index.
DROP TRIGGER chunks_record_change ON chunks;
CREATE TRIGGER chunks_record_change
    AFTER INSERT OR DELETE OR UPDATE OF text, metadata, source_id, workspace_id, ordinal ON chunks
    FOR EACH ROW EXECUTE FUNCTION record_chunk_change();

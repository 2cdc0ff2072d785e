--liquibase formatted sql logicalFilePath:db/changelog/008-source-files.sql

--changeset minirag:008-source-file-name
-- The name a file was uploaded under, shown beside its extracted title so a citation names the file
-- a person recognises. NULL for URL, YouTube and text sources.
ALTER TABLE sources ADD COLUMN file_name text;
--rollback ALTER TABLE sources DROP COLUMN file_name;

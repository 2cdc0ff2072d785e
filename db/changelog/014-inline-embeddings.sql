--liquibase formatted sql logicalFilePath:db/changelog/014-inline-embeddings.sql

--changeset minirag:014-inline-embeddings
-- A chunk's vector is read on every search: for each candidate of the HNSW scan (the select list
-- recomputes its distance from the row) and for every row of a small workspace, where the planner
-- prefers an exact scan. With the type's default storage (EXTERNAL) a 384-dimension vector (1.5 KB)
-- next to a chunk's text pushed the row past the 2 KB TOAST threshold, and the vector, the largest
-- value that could move, went out: each read of it was a TOAST index lookup and a second heap
-- fetch. A kNN over 655 chunks took 2.5 ms, 0.85 ms with the vectors in the row (docs/benchmarks.md,
-- "Vectors in the row"). MAIN keeps the vector in the row and moves the text out first; only a row
-- that still does not fit a page (vectors of about 2,000 dimensions and more) has its vector moved
-- out. Rows written before this change keep their out-of-line
-- vectors until rewritten (re-embedding, or VACUUM FULL chunks; docs/operations.md).
ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE MAIN;

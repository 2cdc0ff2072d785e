-- Run once by the pgvector/pgvector image when its data directory is first created.
CREATE EXTENSION IF NOT EXISTS vector;

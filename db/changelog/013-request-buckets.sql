--liquibase formatted sql logicalFilePath:db/changelog/013-request-buckets.sql

--changeset minirag:013-request-buckets splitStatements:false
-- The per-minute request buckets become plain columns, so that taking a token is one upsert
-- instead of bucket4j's SELECT ... FOR UPDATE transaction (four round trips on every API request).
-- The old buckets are not carried over: each caller starts once more with a full bucket.
DROP TABLE rate_limit_buckets;

-- tokens is the level at refilled_at; it refills continuously at capacity per minute up to the
-- capacity. No index on refilled_at: it changes on every request, and an indexed column would rule
-- out HOT updates; the purge scans a table that holds only callers active in the last minutes.
-- UNLOGGED: a bucket is a minute's state, not a record. Its updates write no WAL, so a request
-- does not wait for a disk flush while it holds its caller's row lock; after a crash, or on a
-- promoted standby, the table is empty and every caller starts with a full bucket.
CREATE UNLOGGED TABLE request_buckets (
    id           text PRIMARY KEY,
    tokens       double precision NOT NULL,
    refilled_at  timestamptz NOT NULL,
    granted      boolean NOT NULL
);

-- The level a bucket holding `capacity` requests a minute has now. A statement that started
-- before another one's update committed sees a refilled_at after its own now(): no negative refill.
CREATE FUNCTION request_bucket_level(tokens double precision, refilled_at timestamptz, capacity bigint)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
  SELECT LEAST(capacity::double precision,
               tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - refilled_at)) * capacity / 60.0)
$$;

#!/usr/bin/env bash
# Times, with pgbench, the statements behind two of the service's storage decisions, on real rows:
#  1. the search's kNN statement with chunk vectors out of line (the vector type's default storage,
#     EXTERNAL) and in the row (MAIN, migration 014), as an exact scan and through the HNSW index;
#  2. the daily search counter with and without waiting for the WAL flush at commit.
# It ingests the first N SciFact abstracts (default 300) with the service jar into a fresh database,
# copies their chunks into one table per storage, runs pgbench, and drops the database.
# Usage: bench/pgbench-storage.sh <BEIR dir> [documents]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="$1"; docs="${2:-300}"
jar="$repo/service/target/mini-rag.jar"
db="minirag_pgbench_storage_$$"
work="$(mktemp -d /tmp/minirag-pgbench.XXXXXX)"
pgbench="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"
psql_db() { psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() { dropdb -h 127.0.0.1 -U postgres --if-exists --force "$db" || true; rm -rf "$work"; }
trap cleanup EXIT

createdb -h 127.0.0.1 -U postgres -O minirag "$db"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" INDEX_PATH="$work/index"
export MINIRAG_JWT_SECRET="$(head -c 36 /dev/urandom | base64 | tr -d '/+=' | head -c 48)" LOG_LEVEL=WARN
cd "$repo"
java -jar "$jar" db migrate config.yml >/dev/null
java -jar "$jar" workspaces create --name pgbench --owner-email pgbench@example.test config.yml >/dev/null
mkdir "$work/docs"
python3 - "$data/corpus.jsonl" "$work/docs" "$docs" <<'PY'
import json, sys
corpus, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(corpus) as f:
    for i, line in enumerate(f):
        if i == n:
            break
        d = json.loads(line)
        with open(f"{out}/{d['_id']}.txt", "w") as doc:
            doc.write(d.get("title", "") + "\n\n" + d["text"])
PY
java -jar "$jar" ingest config.yml "$work/docs" | tail -1

ws="$(psql_db -c "SELECT workspace_id FROM chunks LIMIT 1")"
psql_db <<'SQL'
CREATE TABLE query_vectors AS
  SELECT row_number() OVER () AS n, embedding::text AS q
  FROM (SELECT embedding FROM chunks ORDER BY random() LIMIT 50) picked;
CREATE TABLE chunks_external (LIKE chunks INCLUDING ALL);
ALTER TABLE chunks_external ALTER COLUMN embedding SET STORAGE EXTERNAL;
INSERT INTO chunks_external SELECT * FROM chunks;
CREATE TABLE chunks_main (LIKE chunks INCLUDING ALL);
ALTER TABLE chunks_main ALTER COLUMN embedding SET STORAGE MAIN;
INSERT INTO chunks_main SELECT * FROM chunks;
ANALYZE;
SQL
echo "chunks: $(psql_db -c "SELECT count(*) FROM chunks")"

# The statement as VectorSearchDao sends it (no filters), in its transaction.
knn_script() { # table, extra settings
  cat <<SQL
\set n random(1, 50)
SELECT q FROM query_vectors WHERE n = :n \gset
BEGIN;
SET TRANSACTION READ ONLY;
SET LOCAL hnsw.iterative_scan = relaxed_order;
SET LOCAL hnsw.ef_search = 100;
$2
WITH nearest AS MATERIALIZED (SELECT c.id, c.embedding <=> CAST(:q AS vector) AS distance FROM $1 c JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id WHERE c.workspace_id = '$ws' AND c.embedding IS NOT NULL ORDER BY c.embedding <=> CAST(:q AS vector) LIMIT 100) SELECT id, 1 - distance AS similarity FROM nearest ORDER BY distance, id;
COMMIT;
SQL
}
run() { # label, script file, clients
  printf '%-44s %s\n' "$1" "$("$pgbench" -h 127.0.0.1 -U postgres -n -M prepared -c "$3" -j "$3" -T 10 -f "$2" "$db" 2>&1 \
    | sed -n 's/^latency average = \(.*\)/\1/p;s/^tps = \([0-9.]*\).*/\1 tps/p' | paste -sd' ')"
}
hnsw="SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL jit = off;"
for round in 1 2; do
  for storage in external main; do
    knn_script "chunks_$storage" "" > "$work/exact-$storage.sql"
    knn_script "chunks_$storage" "$hnsw" > "$work/hnsw-$storage.sql"
    run "kNN, exact scan, vectors $storage (round $round)" "$work/exact-$storage.sql" 1
    run "kNN, HNSW index, vectors $storage (round $round)" "$work/hnsw-$storage.sql" 1
  done
done

# The daily counter as UsageTallyDao sends it, 4 clients on one workspace's row.
counter="INSERT INTO usage_daily AS u (workspace_id, day, searches)"
tail="ON CONFLICT (workspace_id, day) DO UPDATE SET searches = u.searches + 1 RETURNING searches;"
echo "$counter VALUES ('$ws', current_date, 1) $tail" > "$work/counter-flush.sql"
echo "$counter SELECT '$ws', current_date, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async $tail" \
  > "$work/counter-no-flush.sql"
for round in 1 2; do
  run "daily counter, waiting for the flush (round $round)" "$work/counter-flush.sql" 4
  run "daily counter, not waiting (round $round)" "$work/counter-no-flush.sql" 4
done

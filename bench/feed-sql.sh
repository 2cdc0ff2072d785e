#!/usr/bin/env bash
# The chunk write path in PostgreSQL alone: pgbench clients, one workspace each, insert chunks with
# 384-dimension vectors in transactions of 32, through the real schema and its change-feed trigger
# (migrated by the given jar). Prints chunks/s. No JVM in the measured part, so the trigger and the
# locks it takes are what differs between two jars.
# Usage: bench/feed-sql.sh <jar> [seconds=30] [clients=4]   (env VECTORS=0: chunks without vectors,
# as a BM25-only workspace stores them, so the HNSW insert no longer dominates each transaction)
# Example (before/after): bench/feed-sql.sh ../old-checkout/service/target/mini-rag.jar 30 4
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; seconds="${2:-30}"; clients="${3:-4}"
db="minirag_feedsql_$$"
work="$(mktemp -d)"
cleanup() { dropdb -h 127.0.0.1 -U postgres --if-exists --force "$db" || true; rm -rf "$work"; }
trap cleanup EXIT
createdb -h 127.0.0.1 -U postgres -O minirag "$db"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" INDEX_PATH="$work/index"
export MINIRAG_JWT_SECRET="$(head -c 36 /dev/urandom | base64 | tr -d '/+=' | head -c 48)" LOG_LEVEL=WARN
(cd "$repo" && java -jar "$jar" db migrate config.yml >/dev/null)
psql -q -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -v clients="$clients" <<'SQL'
CREATE TABLE bench_ws (n int PRIMARY KEY, ws uuid NOT NULL, src uuid NOT NULL);
CREATE SEQUENCE bench_ordinal;
WITH org AS (INSERT INTO organizations (name) VALUES ('bench') RETURNING id),
ws AS (INSERT INTO workspaces (organization_id, name)
       SELECT org.id, 'bench ' || g FROM org, generate_series(0, :clients - 1) g RETURNING id, name)
INSERT INTO bench_ws SELECT substr(name, 7)::int, id, gen_random_uuid() FROM ws;
INSERT INTO sources (id, workspace_id, kind, title, content_hash, status)
SELECT src, ws, 'text', 'bench', 'hash' || n, 'ready' FROM bench_ws;
SQL
# The subquery mentions g so that every row gets its own random vector.
vector="(SELECT array_agg(random() - 0.5)::vector FROM generate_series(1, 384 + g * 0))"
[ "${VECTORS:-1}" = 0 ] && vector="NULL"
cat > "$work/insert.sql" <<SQL
INSERT INTO chunks (source_id, workspace_id, ordinal, text, embedding)
SELECT b.src, b.ws, nextval('bench_ordinal'), 'bench chunk ' || g, $vector
FROM bench_ws b, generate_series(1, 32) g WHERE b.n = :client_id;
SQL
pgbench -h 127.0.0.1 -U postgres -n -f "$work/insert.sql" -c "$clients" -j "$clients" -T "$seconds" "$db" \
  > "$work/out.txt"
read -r chunks changes < <(psql -At -F' ' -h 127.0.0.1 -U postgres -d "$db" \
  -c "SELECT (SELECT count(*) FROM chunks), (SELECT count(*) FROM chunk_changes)")
echo "vectors ${VECTORS:-1}, jar $(basename "$(dirname "$(dirname "$(dirname "$jar")")")"): $clients clients, ${seconds}s," \
  "$chunks chunks ($changes change rows): $(awk -v c="$chunks" -v s="$seconds" 'BEGIN{printf "%.0f", c/s}') chunks/s;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"

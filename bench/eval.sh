#!/usr/bin/env bash
# Runs `eval` against a fresh database and a fresh Lucene directory, then drops both.
# Usage: bench/eval.sh <name> <extra eval args...>   (env: EMBEDDING_MODEL, CHUNK_* as in config.yml)
# Example: EMBEDDING_MODEL=bge-small-en-v1.5-q bench/eval.sh bge-q --data ../shared/eval/scifact \
#            --json bench/results/scifact-bge-small-q.json
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
name="$1"; shift
db="minirag_eval_${name//[^a-zA-Z0-9]/_}_$$"
jar="$repo/service/target/mini-rag.jar"
[ -f "$jar" ] || (cd "$repo/service" && ../mvnw -o -B -q -DskipTests package)
index="$(mktemp -d /tmp/minirag-eval-index.XXXXXX)"
# Run a copy, so rebuilding the service meanwhile cannot pull classes from under a running JVM.
run_jar="$index.jar"; cp "$jar" "$run_jar"
cleanup() { dropdb -h 127.0.0.1 -U postgres --if-exists --force "$db" || true; rm -rf "$index" "$run_jar"; }
trap cleanup EXIT
createdb -h 127.0.0.1 -U postgres -O minirag "$db"
export OPT_OUT_TRACKING=true DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" INDEX_PATH="$index"
export MINIRAG_JWT_SECRET="${MINIRAG_JWT_SECRET:-$(head -c 36 /dev/urandom | base64 | tr -d '/+=' | head -c 48)}"
export LOG_LEVEL="${LOG_LEVEL:-WARN}"
cd "$repo"
java ${JAVA_OPTS:-} -jar "$run_jar" db migrate config.yml >/dev/null
java ${JAVA_OPTS:-} -jar "$run_jar" eval "$@" config.yml

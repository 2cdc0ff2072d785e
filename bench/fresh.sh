#!/usr/bin/env bash
# Runs one command (`eval`, `eval-answers`, `bench` or `soak`) against a fresh database and a fresh Lucene directory,
# then drops both. A server it starts listens on 127.0.0.1 only, on free ports. `eval` and `eval-answers` run
# the service jar; `bench` and `soak` live in the bench module and run as
#   java -cp service/target/mini-rag.jar:bench/target/mini-rag-bench.jar dev.minirag.bench.BenchApplication ...
# Usage: bench/fresh.sh <eval|eval-answers|bench|soak> <name> <extra command args...>   (env: EMBEDDING_MODEL, CHUNK_*, JAVA_OPTS)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
command="$1"; name="$2"; shift 2
db="minirag_${command}_${name//[^a-zA-Z0-9]/_}_$$"
jar="$repo/service/target/mini-rag.jar"
bench_jar="$repo/bench/target/mini-rag-bench.jar"
main=dev.minirag.MiniRagApplication
case "$command" in bench|soak) main=dev.minirag.bench.BenchApplication ;; esac
# The default jar carries only the default model; another EMBEDDING_MODEL needs the all-models build.
model="${EMBEDDING_MODEL:-bge-small-en-v1.5-q}"
if [ ! -f "$jar" ] || ! unzip -l "$jar" "$model.onnx" >/dev/null 2>&1 \
  || { [ "$main" = dev.minirag.bench.BenchApplication ] && [ ! -f "$bench_jar" ]; }; then
  (cd "$repo" && ./mvnw -o -B -q -DskipTests -Pall-models -pl service,bench package)
fi
index="$(mktemp -d "/tmp/minirag-$command-index.XXXXXX")"
# Run copies, so rebuilding meanwhile cannot pull classes from under a running JVM.
run_jar="$index.jar"; cp "$jar" "$run_jar"
class_path="$run_jar"
if [ "$main" = dev.minirag.bench.BenchApplication ]; then
  cp "$bench_jar" "$index-bench.jar"; class_path="$run_jar:$index-bench.jar"
fi
cleanup() { dropdb -h 127.0.0.1 -U postgres --if-exists --force "$db" || true; rm -rf "$index" "$run_jar" "$index-bench.jar"; }
trap cleanup EXIT
createdb -h 127.0.0.1 -U postgres -O minirag "$db"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" INDEX_PATH="$index"
export MINIRAG_JWT_SECRET="${MINIRAG_JWT_SECRET:-$(head -c 36 /dev/urandom | base64 | tr -d '/+=' | head -c 48)}"
export LOG_LEVEL="${LOG_LEVEL:-WARN}" BIND_HOST=127.0.0.1 ADMIN_BIND_HOST=127.0.0.1 PORT=0 ADMIN_PORT=0
cd "$repo"
java ${JAVA_OPTS:-} -jar "$run_jar" db migrate config.yml >/dev/null
java ${JAVA_OPTS:-} -cp "$class_path" "$main" "$command" "$@" config.yml

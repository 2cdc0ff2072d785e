#!/usr/bin/env bash
# Cold start to healthy: for each jar given, in turn and repeated, starts `server` against a fresh
# database (migrated beforehand, not timed) and a fresh index directory, and times from the JVM's
# launch to the first 200 from GET /health. Prints one line per start, then the median per jar.
# Usage: bench/coldstart.sh <rounds> <jar> [<jar>...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rounds="$1"; shift
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A times
for round in $(seq "$rounds"); do
  for jar in "$@"; do
    db="minirag_coldstart_$$_${round}"
    index="$(mktemp -d /tmp/minirag-coldstart-index.XXXXXX)"
    createdb -h 127.0.0.1 -U postgres -O minirag "$db"
    export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db" INDEX_PATH="$index"
    export MINIRAG_JWT_SECRET="$(head -c 36 /dev/urandom | base64 | tr -d '/+=' | head -c 48)"
    export LOG_LEVEL=WARN BIND_HOST=127.0.0.1 ADMIN_BIND_HOST=127.0.0.1
    PORT="$(free_port)"; ADMIN_PORT="$(free_port)"; export PORT ADMIN_PORT
    (cd "$repo" && java -jar "$jar" db migrate config.yml >/dev/null)
    started=$(date +%s%N)
    (cd "$repo" && exec java -jar "$jar" server config.yml >"$index.log" 2>&1) &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; do
      kill -0 "$pid" 2>/dev/null || { cat "$index.log"; exit 1; }
      sleep 0.02
    done
    ms=$(( ($(date +%s%N) - started) / 1000000 ))
    kill "$pid"; wait "$pid" || true
    dropdb -h 127.0.0.1 -U postgres --if-exists --force "$db"
    rm -rf "$index" "$index.log"
    echo "round $round $(basename "$jar") $(du -m "$jar" | cut -f1) MB: ${ms} ms to healthy"
    times[$jar]="${times[$jar]:-} $ms"
  done
done
for jar in "$@"; do
  median=$(echo "${times[$jar]}" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median $(basename "$jar"): ${median} ms to healthy"
done

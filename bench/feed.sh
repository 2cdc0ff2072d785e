#!/usr/bin/env bash
# Runs `bench --parts feed` (several workspaces loaded at once) with an embedder that answers at
# once (instant-embeddings.py on 127.0.0.1), so the run measures the write path: PostgreSQL, the
# chunk change feed and Lucene. Fresh database and index as in fresh.sh.
# Usage: bench/feed.sh <name> <extra bench args...>
# Example: bench/feed.sh after --data ../shared/eval/scifact --docs 500 --json bench/results/bench-feed-after.json
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name="$1"; shift
portfile="$(mktemp)"
python3 "$here/instant-embeddings.py" "$portfile" 384 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$portfile"' EXIT
for _ in $(seq 300); do [ -s "$portfile" ] && break; sleep 0.1; done
[ -s "$portfile" ] || { echo "the instant embedder did not start" >&2; exit 1; }
export EMBEDDING_PROVIDER=openai EMBEDDING_OPENAI_MODEL=instant EMBEDDING_OPENAI_DIMENSION=384
export EMBEDDING_OPENAI_BASE_URL="http://127.0.0.1:$(cat "$portfile")"
"$here/fresh.sh" bench "$name" --parts feed "$@"

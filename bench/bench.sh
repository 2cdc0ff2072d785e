#!/usr/bin/env bash
# Runs `bench` against a fresh database and Lucene directory (see fresh.sh); all load goes to 127.0.0.1.
# Usage: bench/bench.sh <name> <extra bench args...>   (env: EMBEDDING_MODEL, CHUNK_*, JAVA_OPTS)
# Example: bench/bench.sh speed --data ../shared/eval/scifact --docs 1000 --json bench/results/bench-speed.json
exec "$(dirname "$0")/fresh.sh" bench "$@"

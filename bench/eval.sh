#!/usr/bin/env bash
# Runs `eval` against a fresh database and Lucene directory (see fresh.sh).
# Usage: bench/eval.sh <name> <extra eval args...>   (env: EMBEDDING_MODEL, CHUNK_* as in config.yml)
# Example: EMBEDDING_MODEL=bge-small-en-v1.5-q bench/eval.sh bge-q --data ../shared/eval/scifact \
#            --json bench/results/scifact-bge-small-q.json
exec "$(dirname "$0")/fresh.sh" eval "$@"

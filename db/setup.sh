#!/usr/bin/env bash
# Makes this machine ready for Mini-RAG: PostgreSQL running, pgvector installed, the application
# role and databases created, the extension enabled. Safe to run any number of times.
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGADMIN="${PGADMIN_USER:-postgres}"
APP_USER="${DB_APP_USER:-minirag}"
APP_PASSWORD="${DB_APP_PASSWORD:-minirag}"
APP_DBS="${DB_APP_DATABASES:-minirag minirag_test}"
PG_MAJOR="${PG_MAJOR:-15}"

log() { printf '[db/setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_update_once() { [ "$apt_updated" -eq 1 ] || { as_root apt-get update -qq; apt_updated=1; }; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "PostgreSQL not installed: installing postgresql-$PG_MAJOR from Debian"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR" >/dev/null
  fi
  if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q; then
    log "starting the PostgreSQL $PG_MAJOR cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start || true
    for _ in $(seq 1 30); do pg_isready -h "$PGHOST" -p "$PGPORT" -q && break; sleep 1; done
  fi
  pg_isready -h "$PGHOST" -p "$PGPORT" -q || { log "PostgreSQL is not answering on $PGHOST:$PGPORT"; exit 1; }
}

pgvector_installed() { [ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; }

ensure_pgvector() {
  if pgvector_installed; then log "pgvector already installed"; return; fi
  apt_update_once
  if apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1; then
    log "installing postgresql-$PG_MAJOR-pgvector from Debian"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR-pgvector" >/dev/null
    pgvector_installed && return
  fi
  log "building pgvector from Debian trixie's source package"
  local list=/etc/apt/sources.list.d/minirag-trixie-src.list
  if [ ! -f "$list" ]; then
    echo "deb-src http://deb.debian.org/debian trixie main" | as_root tee "$list" >/dev/null
    apt_updated=0
  fi
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev build-essential "postgresql-server-dev-$PG_MAJOR" >/dev/null
  local work; work="$(mktemp -d)"
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 || apt-get source pgvector)
  local src; src="$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'pgvector-*' | head -n 1)"
  [ -n "$src" ] || { log "apt-get source pgvector produced no source tree"; exit 1; }
  make -s -C "$src" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" OPTFLAGS="" >/dev/null
  as_root make -s -C "$src" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" install >/dev/null
  rm -rf "$work"
  pgvector_installed || { log "pgvector build did not install vector.control"; exit 1; }
  log "pgvector built and installed"
}

ensure_role_and_databases() {
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$APP_USER'")" != "1" ]; then
    log "creating role $APP_USER"
    psql_admin -c "CREATE ROLE \"$APP_USER\" LOGIN PASSWORD '$APP_PASSWORD' CREATEDB"
  fi
  for db in $APP_DBS; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
      log "creating database $db"
      psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$APP_USER\""
    fi
    # The extension needs superuser to create; the app's migrations then find it present.
    psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector"
  done
  # Integration tests create one database per test class from this template, so each starts with vector.
  psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS vector"
}

ensure_postgres
ensure_pgvector
ensure_role_and_databases
log "ready: postgresql://$APP_USER@$PGHOST:$PGPORT/ (databases: $APP_DBS), pgvector $(psql_admin -d template1 -c "SELECT extversion FROM pg_extension WHERE extname='vector'")"

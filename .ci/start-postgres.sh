#!/usr/bin/env bash
# Starts a local PostgreSQL for the registry's PostgreSQL tests and prints, on stdout only,
#   export CLITUNER_PG_URL=jdbc:postgresql://127.0.0.1:PORT/clituner_test?user=…&password=…
# Idempotent: installs Debian's `postgresql` package only if no server binaries exist, reuses a
# running cluster, and creates the role and database only if missing. Everything else goes to
# stderr so that `eval "$(bash .ci/start-postgres.sh)"` sees just the export line.
# Needs root on Debian (bookworm); the PostgreSQL tests skip when CLITUNER_PG_URL is unset.
set -euo pipefail

PG_ROLE="${CLITUNER_PG_ROLE:-clituner}"
PG_PASSWORD="${CLITUNER_PG_PASSWORD:-clituner-test}"
PG_DB="${CLITUNER_PG_DB:-clituner_test}"

log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (installs packages, runs the server as user postgres)"
    exit 1
fi

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/postgres" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

if ! BINDIR="$(find_bindir)"; then
    log "no PostgreSQL server found; installing Debian package postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get -y -q install postgresql >&2
    BINDIR="$(find_bindir)"
fi
VERSION="$(basename "$(dirname "$BINDIR")")"
log "using PostgreSQL $VERSION from $BINDIR"

if command -v pg_ctlcluster >/dev/null 2>&1; then
    # Debian's cluster tooling: the package normally created cluster VERSION/main already.
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$VERSION/main"; then
        log "creating cluster $VERSION/main"
        pg_createcluster "$VERSION" main >&2
    fi
    PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')"
    if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
        log "starting cluster $VERSION/main on port $PORT"
        pg_ctlcluster "$VERSION" main start >&2
    fi
    PSQL=(runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qAt)
else
    # No Debian wrapper: a private data directory run directly with pg_ctl.
    DATA="${CLITUNER_PG_DATA:-/var/tmp/clituner-pg}"
    PORT="${CLITUNER_PG_PORT:-55432}"
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DATA" postgres
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "initializing $DATA"
        install -d -o postgres -g postgres "$DATA"
        runuser -u postgres -- "$BINDIR/initdb" -D "$DATA" -A scram-sha-256 --pwfile=<(echo "$PG_PASSWORD") -U postgres >&2
    fi
    if ! runuser -u postgres -- "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        log "starting server in $DATA on port $PORT"
        runuser -u postgres -- "$BINDIR/pg_ctl" -D "$DATA" -l "$DATA/server.log" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" -w start >&2
    fi
    export PGPASSWORD="$PG_PASSWORD"
    PSQL=(runuser -u postgres -- env PGPASSWORD="$PG_PASSWORD" "$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
fi

for _ in $(seq 1 30); do
    if "${PSQL[@]}" -c 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 1
done
"${PSQL[@]}" -c 'SELECT 1' >/dev/null

if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != "1" ]; then
    log "creating role $PG_ROLE"
    "${PSQL[@]}" -c "CREATE ROLE \"$PG_ROLE\" LOGIN PASSWORD '$PG_PASSWORD'" >&2
fi
if [ "$("${PSQL[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    "${PSQL[@]}" -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_ROLE\"" >&2
fi

echo "export CLITUNER_PG_URL='jdbc:postgresql://127.0.0.1:${PORT}/${PG_DB}?user=${PG_ROLE}&password=${PG_PASSWORD}'"

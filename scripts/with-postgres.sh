#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server: a fresh cluster in a temporary folder,
# listening on 127.0.0.1 on a free port, stopped and removed again however the command ends.
#
#   bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure
#
# The command sees LOCKBOX_TEST_PG_URL (postgresql://postgres@127.0.0.1:PORT/postgres),
# LOCKBOX_TEST_PG_BIN (the server's programs) and LOCKBOX_TEST_PG_DATA (the cluster, for tests
# that stop and start it with pg_ctl as the folder's owner). PostgreSQL refuses to run as root,
# so as root the server runs as the `postgres` user; otherwise as the current user.
# Exits with the command's exit code.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGUMENTS...]" >&2
    exit 1
fi

fail() {
    echo "with-postgres: $*" >&2
    exit 1
}

bin="${LOCKBOX_TEST_PG_BIN:-}"
if [ -z "$bin" ]; then
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            bin="$candidate"
            break
        fi
    done
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] \
    || fail "no PostgreSQL server programs found (/usr/lib/postgresql/*/bin); install the postgresql package (bash scripts/deps.sh)"

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || fail "running as root, but there is no 'postgres' user to run the server as; install the postgresql package"
    as_owner=(runuser -u postgres --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/lockbox-pg.XXXXXX")"
data="$dir/data"
log="$dir/server.log"
started=0

cleanup() {
    # Whatever state the server is in (started, half-started, stopped by a test).
    if [ -f "$data/postmaster.pid" ]; then
        (cd "$dir" && "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ${#as_owner[@]} -gt 0 ]; then
    chown postgres: "$dir"
    "${as_owner[@]}" test -w "$dir" \
        || fail "the postgres user cannot reach $dir; set TMPDIR to a folder it may enter (e.g. /tmp)"
fi
chmod 700 "$dir"

# Runs a server program in the folder as the cluster's owner (whose home may be unreadable).
owner() {
    (cd "$dir" && "${as_owner[@]}" "$@")
}

owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The settings go into the cluster's own configuration (not `pg_ctl -o`), so that a test which
# stops the server can start it again with a plain `pg_ctl -D DATA start` on the same port.
echo "include = 'lockbox.conf'" >>"$data/postgresql.conf"
for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    cat >"$data/lockbox.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if [ ${#as_owner[@]} -gt 0 ]; then
        chown postgres: "$data/lockbox.conf"
    fi
    if owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
        started=1
        break
    fi
    echo "with-postgres: the server did not start on port $port (attempt $attempt)" >&2
    owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
done
if [ "$started" -ne 1 ]; then
    cat "$log" >&2 2>/dev/null || true
    fail "the PostgreSQL server did not start (log above)"
fi

export LOCKBOX_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export LOCKBOX_TEST_PG_BIN="$bin"
export LOCKBOX_TEST_PG_DATA="$data"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $LOCKBOX_TEST_PG_URL" >&2

status=0
"$@" || status=$?
exit "$status"

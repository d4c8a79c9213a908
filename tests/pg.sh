#!/bin/bash
# Start a throwaway PostgreSQL 15 server (Debian's postgresql-15) on a free local port, run the
# command given with YC_TEST_PG set to its base URL, then stop the server and remove its files.
#   tests/pg.sh node --test tests/e2e/
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user the package
# creates.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/postgres" ] || { echo "pg.sh: PostgreSQL 15 is not installed (scripts/deps.sh test)" >&2; exit 1; }
dir=$(mktemp -d /tmp/yc-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
as_pg=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$dir"
    as_pg=(runuser -u postgres --)
fi
cleanup() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export YC_TEST_PG="postgresql://postgres@127.0.0.1:$port"
echo "pg.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $port"
"$@"

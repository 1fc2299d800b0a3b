#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for tests and benches (Debian's postgresql package).
#   scripts/pg-test-server.sh start [--durable]  start (or reuse) it; prints `export RESHELF_PG_URL=...`
#   scripts/pg-test-server.sh env                 print the export line of the running one
#   scripts/pg-test-server.sh stop                stop it and delete its files (no-op when none runs)
#   scripts/pg-test-server.sh run CMD...          start, run CMD with RESHELF_PG_URL set, stop
# Without --durable, fsync and synchronous commit are off: tests need speed, not crash safety.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE="${RESHELF_PG_STATE:-$PWD/.data/pg-test.env}"

bin_dir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$d" || ! -x "$d/initdb" ]]; then
    echo "pg-test-server: no PostgreSQL server found; install it: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "$d"
}

# initdb refuses to run as root: run the server as `postgres` (created by Debian's package).
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f "$STATE" ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE"
  [[ -d "${PG_DIR:-}" ]] && as_owner "$(bin_dir)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local durable=0
  [[ "${1:-}" == "--durable" ]] && durable=1
  if running; then
    echo "export RESHELF_PG_URL=$RESHELF_PG_URL"
    return
  fi
  stop >/dev/null 2>&1 || true
  local bin dir port
  bin=$(bin_dir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/reshelf-pg.XXXXXX")
  chmod 755 "$dir"
  [[ $(id -u) -eq 0 ]] && { as_owner true; chown postgres "$dir"; }
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  port=$(free_port)
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
  [[ $durable -eq 0 ]] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 30 start >/dev/null; then
    cat "$dir/server.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres reshelf
  mkdir -p "$(dirname "$STATE")"
  local url="postgres://postgres@127.0.0.1:$port/reshelf"
  printf 'PG_DIR=%q\nRESHELF_PG_URL=%q\n' "$dir" "$url" >"$STATE"
  echo "export RESHELF_PG_URL=$url"
}

stop() {
  [[ -f "$STATE" ]] || return 0
  # shellcheck disable=SC1090
  source "$STATE"
  if [[ -d "${PG_DIR:-}/data" ]]; then
    as_owner "$(bin_dir)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [[ -n "${PG_DIR:-}" && "$PG_DIR" == */reshelf-pg.* ]] && rm -rf "$PG_DIR"
  rm -f "$STATE"
  echo "pg-test-server: stopped" >&2
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  env) running && echo "export RESHELF_PG_URL=$RESHELF_PG_URL" || { echo "pg-test-server: not running" >&2; exit 1; } ;;
  run)
    shift
    eval "$(start)"
    trap stop EXIT
    RESHELF_PG_URL="$RESHELF_PG_URL" "$@"
    ;;
  *) echo "usage: $0 start [--durable] | env | stop | run CMD..." >&2; exit 2 ;;
esac

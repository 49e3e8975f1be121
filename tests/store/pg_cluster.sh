#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   pg_cluster.sh start DIR [WATCH_PID]   initdb in DIR/data (DIR is created, must not
#                                         exist yet), start the server on 127.0.0.1 at a
#                                         free port, trust authentication, fsync off;
#                                         prints the connection URL and writes it to
#                                         DIR/url. With WATCH_PID, a watchdog stops the
#                                         cluster and removes DIR when that process ends
#                                         (a test that crashed never leaves a server).
#   pg_cluster.sh stop DIR                stop the server (immediate) and remove DIR.
#
# As root (CI), initdb and pg_ctl run as the `postgres` user (runuser), and DIR is owned
# by it. PG_BINDIR overrides /usr/lib/postgresql/15/bin. PG_CLUSTER_DURABLE=1 keeps
# PostgreSQL's durable defaults (fsync, synchronous commit, full page writes), for
# benchmarks that compare it fairly with SQLite.
set -euo pipefail

bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"

die() {
  echo "pg_cluster.sh: $*" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: pg_cluster.sh start|stop DIR [WATCH_PID]"

case "$cmd" in
  start)
    [ -x "$bindir/initdb" ] || die "no PostgreSQL server binaries in $bindir (Debian: apt-get install postgresql)"
    [ -e "$dir" ] && die "$dir already exists"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server"
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    # The rest of the start removes DIR again if it fails.
    trap 'stop_cluster "$dir"' ERR
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    speed_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [ "${PG_CLUSTER_DURABLE:-}" = 1 ]; then speed_options=""; fi
    started=""
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      # A random port in 20000-59999; if it is taken the server does not start and we
      # try another (no window between choosing and binding).
      port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
      if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "$speed_options -c listen_addresses=127.0.0.1 -p $port -k $dir" \
        start >/dev/null 2>&1; then
        started=1
        break
      fi
      echo "pg_cluster.sh: port $port: start failed (attempt $attempt)" >&2
    done
    if [ -z "$started" ]; then
      cat "$dir/server.log" >&2 || true
      false  # runs the ERR trap
    fi
    url="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "$url" >"$dir/url"
    if [ "$(id -u)" -eq 0 ]; then chmod 755 "$dir" && chmod 644 "$dir/url"; fi
    trap - ERR
    if [ -n "${3:-}" ]; then
      watch_pid="$3"
      # Detached, with no inherited output, so it never keeps a test runner waiting.
      setsid bash -c '
        while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
        [ -d "$2" ] && exec "$3" stop "$2"
      ' pg-cluster-watchdog "$watch_pid" "$dir" "$(readlink -f "$0")" </dev/null >/dev/null 2>&1 &
    fi
    echo "$url"
    ;;
  stop)
    stop_cluster "$dir"
    ;;
  *)
    die "unknown command '$cmd': use start or stop"
    ;;
esac

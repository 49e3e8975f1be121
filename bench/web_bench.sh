#!/usr/bin/env bash
# HTTP benchmark (issue 6): the national overview's JSON from `onderdak serve` under 64
# concurrent keep-alive connections (wrk on loopback), against the practical limit of this
# machine: nginx serving the very same bytes as a static file, in the same run; and the
# same request signed in (a national analyst's session cookie), which adds a session lookup.
# Goal: >= 5,000 requests/s with p99 <= 50 ms.
# Usage: bench/web_bench.sh [BIN] [PATH]   (after `make release`)
#   PATH: the request, default the national overview of the latest half-year.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-build/release/bin/onderdak}")
path=${2:-/api/v1/overview}
duration=${WEB_BENCH_SECONDS:-10}
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export ONDERDAK_KEY_FILE="$work/key"

echo "preparing: generating and importing the national dataset (2019-2023)..." >&2
"$bin" --db "sqlite:$work/o.db" init >/dev/null
"$bin" generate --out "$work/gen" >/dev/null
"$bin" --db "sqlite:$work/o.db" import --quiet "$work/gen" >/dev/null

"$bin" --db "sqlite:$work/o.db" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" 2>/dev/null | head -1) || true
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || {
  cat "$work/serve.err" >&2
  exit 1
}
curl -fsS -o "$work/body" "$url$path" # computes and caches the figures
# A national analyst's session: the same request signed in costs a session lookup.
ONDERDAK_USER_PASSWORD="web bench password 1" "$bin" --db "sqlite:$work/o.db" users add bench \
  --role national_analyst >/dev/null
cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"web bench password 1"}' "$url/api/v1/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | tr -d '\r')
[ -n "$cookie" ] || {
  echo "web_bench: the login gave no session cookie" >&2
  exit 1
}
cmp -s "$work/body" <(curl -fsS -H "Cookie: $cookie" "$url$path") || {
  echo "web_bench: the signed-in answer differs from the public one" >&2
  exit 1
}
bytes=$(wc -c <"$work/body")

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}
port=$(free_port)
mkdir -p "$work/nginx/www"
cp "$work/body" "$work/nginx/www/overview.json"
{
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  echo "worker_processes auto;"
  echo "pid $work/nginx/nginx.pid;"
  echo "error_log $work/nginx/error.log;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $work/nginx/$t;"; done
  echo "  keepalive_requests 1000000;"
  echo "  server {"
  echo "    listen 127.0.0.1:$port;"
  echo "    location / { root $work/nginx/www; default_type application/json; }"
  echo "  }"
  echo "}"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

run_wrk() { # run_wrk URL [wrk options]: prints "requests_per_s p99_ms"
  local target=$1
  shift
  wrk -t2 -c64 -d"${duration}s" --latency "$@" "$target" >"$work/wrk.out"
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2; ms = v + 0
      if (v ~ /us$/) ms = ms / 1000; else if (v ~ /ms$/) ms = ms; else if (v ~ /s$/) ms = ms * 1000
      p99 = ms
    }
    /Non-2xx/ { bad = $NF }
    END {
      if (bad > 0) { print "non-2xx responses: " bad > "/dev/stderr"; exit 1 }
      printf "%.0f %.2f\n", rps, p99
    }
  ' "$work/wrk.out"
}
read -r rps_o p99_o < <(run_wrk "$url$path")
read -r rps_s p99_s < <(run_wrk "$url$path" -H "Cookie: $cookie")
read -r rps_n p99_n < <(run_wrk "http://127.0.0.1:$port/overview.json")
awk -v ro="$rps_o" -v po="$p99_o" -v rs="$rps_s" -v ps="$p99_s" -v rn="$rps_n" -v pn="$p99_n" -v b="$bytes" \
  -v d="$duration" -v p="$path" 'BEGIN {
  printf "GET %s (%d bytes), wrk 2 threads, 64 keep-alive connections, %d s each, %d cores\n", p, b, d, 2
  printf "  onderdak serve, public:    %8.0f requests/s  p99 %6.2f ms   (goal >= 5000/s, p99 <= 50 ms)\n", ro, po
  printf "  onderdak serve, signed in: %8.0f requests/s  p99 %6.2f ms   (a session lookup per request)\n", rs, ps
  printf "  nginx, static bytes:       %8.0f requests/s  p99 %6.2f ms   (the practical limit)\n", rn, pn
  printf "  ratio onderdak / nginx: public %.2f, signed in %.2f\n", ro / rn, rs / rn
}'

#!/usr/bin/env bash
# HTTP benchmark (issues 6 and 16): `onderdak serve` under 64 and under 512 concurrent
# keep-alive connections (wrk on loopback) on the home page `/` and on
# `/api/v1/indicators?period=<latest>`, beside nginx serving the very same bytes as static
# files in the same run (the practical limit of this machine), as ratios; then /healthz
# while 500 slow clients hold half-sent requests open.
# Every connection counts: wrk's timeouts (no answer within WEB_BENCH_TIMEOUT, 2 s),
# socket errors and non-2xx answers are reported as failures beside requests/s and p99
# (wrk's p99 covers only the requests that were answered, so failures must be read with it).
# Goal (issue 16): no failures, p99 <= 50 ms at 512, throughput within 2x of nginx, and
# /healthz within 100 ms with 500 slow clients connected.
# Usage: bench/web_bench.sh [BIN]   (after `make release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-build/release/bin/onderdak}")
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
period=$(curl -fsS "$url/api/v1/periods" | grep -o '"[0-9]\{4\}H[12]"' | tr -d '"' | sort | tail -1)
[ -n "$period" ] || {
  echo "web_bench: no period with deliveries" >&2
  exit 1
}
paths=("/" "/api/v1/indicators?period=$period")
names=("home.html" "indicators.json")
mkdir -p "$work/nginx/www"
for i in "${!paths[@]}"; do
  curl -fsS -o "$work/nginx/www/${names[$i]}" "$url${paths[$i]}" # computes and caches the figures
done

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
{
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  echo "worker_processes auto;"
  echo "worker_rlimit_nofile 8192;"
  echo "pid $work/nginx/nginx.pid;"
  echo "error_log $work/nginx/error.log;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  echo "  access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $work/nginx/$t;"; done
  echo "  keepalive_requests 1000000;"
  echo "  server {"
  echo "    listen 127.0.0.1:$port;"
  echo "    location = /home.html { root $work/nginx/www; default_type 'text/html; charset=utf-8'; }"
  echo "    location / { root $work/nginx/www; default_type application/json; }"
  echo "  }"
  echo "}"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
ulimit -n 8192 2>/dev/null || true

timeout_s=${WEB_BENCH_TIMEOUT:-2}
run_wrk() { # run_wrk CONNECTIONS URL: prints "requests_per_s p99_ms failures requests"
  wrk -t2 -c"$1" -d"${duration}s" --timeout "${timeout_s}s" --latency "$2" >"$work/wrk.out" 2>&1 || true
  awk '
    /Requests\/sec:/ { rps = $2 }
    /requests in/ { total = $1 }
    $1 == "99%" {
      v = $2; ms = v + 0
      if (v ~ /us$/) ms = ms / 1000; else if (v ~ /ms$/) ms = ms; else if (v ~ /s$/) ms = ms * 1000
      p99 = ms
    }
    /Socket errors:/ { gsub(",", ""); failures += $4 + $6 + $8 + $10 }
    /Non-2xx/ { failures += $NF }
    END { printf "%.0f %.2f %d %d\n", rps, p99, failures, total }
  ' "$work/wrk.out"
}

echo "wrk 2 threads, ${duration} s per run, timeout ${timeout_s} s; $(nproc) cores shared with wrk and nginx"
printf '%-38s %5s %12s %9s %9s %14s\n' "request" "conns" "requests/s" "p99 ms" "failures" "vs nginx req/s"
for i in "${!paths[@]}"; do
  for conns in 64 512; do
    read -r rps p99 fail total < <(run_wrk "$conns" "$url${paths[$i]}")
    read -r nrps np99 nfail ntotal < <(run_wrk "$conns" "http://127.0.0.1:$port/${names[$i]}")
    printf '%-38s %5d %12.0f %9.2f %9d %14s\n' "serve ${paths[$i]}" "$conns" "$rps" "$p99" "$fail" \
      "$(awk -v a="$rps" -v b="$nrps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    printf '%-38s %5d %12.0f %9.2f %9d\n' "nginx (same bytes)" "$conns" "$nrps" "$np99" "$nfail"
  done
done

# /healthz while 500 slow clients each hold a half-sent request open.
host=${url#http://}
slow_fds=()
for _ in $(seq 1 500); do
  exec {fd}<>"/dev/tcp/${host%:*}/${host#*:}"
  printf 'GET /healthz HTTP/1.1\r\nHo' >&"$fd"
  slow_fds+=("$fd")
done
times=()
for _ in $(seq 1 20); do
  times+=("$(curl -fsS -o /dev/null -m 10 -w '%{time_total}' "$url/healthz" || echo 10)")
done
for fd in "${slow_fds[@]}"; do exec {fd}>&-; done
printf '%s\n' "${times[@]}" | sort -n | awk '
  { t[NR] = $1 * 1000 }
  END { printf "/healthz with 500 slow clients connected: median %.1f ms, max %.1f ms over %d requests (goal <= 100 ms)\n", t[int((NR + 1) / 2)], t[NR], NR }'

#!/usr/bin/env bash
# HTTP benchmark (issues 6, 16 and 20): `onderdak serve` on the generated national dataset
# (2019-2023), under 64 and under 512 concurrent keep-alive connections (wrk on loopback),
# on `/`, `/kaart`, `/regio/<code>`, `/api/v1/overview` and
# `/api/v1/indicators?period=<latest>`, beside nginx serving the very same bytes as static
# files in the same run (the practical limit of this machine); the first `/` after the
# server says its warming is done (/healthz); and /healthz while 500 slow clients hold
# half-sent requests open.
# Every connection counts: wrk's timeouts (no answer within WEB_BENCH_TIMEOUT, 2 s),
# socket errors and non-2xx answers are failures, and a run with failures does not meet
# its goal (wrk's p99 covers only the requests that were answered).
# Goals (issues 16, 20): no failures; p99 <= 50 ms; requests/s within 2x of nginx (ratio
# nginx / serve <= 2); the first `/` after warming <= 200 ms; /healthz <= 100 ms with 500
# slow clients connected.
# Prints a table, then one line per result for bench/run-all:
#   BENCHROW|name|value|baseline|ratio|goal|met
# Usage: bench/web_bench.sh [BIN]   (after `make release`)
#   WEB_BENCH_SECONDS (5) per wrk run, WEB_BENCH_TIMEOUT (2) s, WEB_BENCH_DATA: a folder of
#   `onderdak generate` output to import instead of generating one.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-build/release/bin/onderdak}")
duration=${WEB_BENCH_SECONDS:-5}
timeout_s=${WEB_BENCH_TIMEOUT:-2}
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
data=${WEB_BENCH_DATA:-}
if [ -z "$data" ]; then
  "$bin" generate --out "$work/gen" >/dev/null
  data="$work/gen"
fi
"$bin" --db "sqlite:$work/o.db" import --quiet "$data" >/dev/null

ms_now() { date +%s%3N; }
started=$(ms_now)
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
# Warming: the server makes its public pages in the background; /healthz says when done.
warmed=""
for _ in $(seq 1 1200); do
  if curl -fsS "$url/healthz" 2>/dev/null | grep -q '"warming":"done"'; then
    warmed=$(ms_now)
    break
  fi
  sleep 0.05
done
[ -n "$warmed" ] || echo "web_bench: warming not done after 60 s" >&2
warm_s=$(awk -v a="$started" -v b="${warmed:-$(ms_now)}" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
first_ms=$(curl -fsS -o /dev/null -w '%{time_total}' "$url/" | awk '{ printf "%.1f", $1 * 1000 }')

period=$(curl -fsS "$url/api/v1/periods" | grep -o '"[0-9]\{4\}H[12]"' | tr -d '"' | sort | tail -1)
region=$(curl -fsS "$url/api/v1/regions" | grep -o '"code":"GM[0-9]*"' | head -1 | cut -d'"' -f4)
[ -n "$period" ] && [ -n "$region" ] || {
  echo "web_bench: no period with deliveries, or no region" >&2
  exit 1
}
# The last row asks for the same JSON compressed (ADR 0040): onderdak sends the gzip body it
# keeps beside the plain one; nginx sends the very same gzip bytes (gzip_static).
paths=("/" "/kaart" "/regio/$region" "/api/v1/overview" "/api/v1/indicators?period=$period"
  "/api/v1/indicators?period=$period")
names=("home.html" "kaart.html" "regio.html" "overview.json" "indicators.json" "indicators.json")
encodings=("" "" "" "" "" "gzip")
mkdir -p "$work/nginx/www"
for i in "${!paths[@]}"; do
  if [ -n "${encodings[$i]}" ]; then
    curl -fsS -H "Accept-Encoding: ${encodings[$i]}" -o "$work/nginx/www/${names[$i]}.gz" "$url${paths[$i]}"
  else
    curl -fsS -o "$work/nginx/www/${names[$i]}" "$url${paths[$i]}"
  fi
done
nginx_first_ms=""

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
  echo "  types { text/html html; application/json json; }"
  echo "  charset utf-8; charset_types application/json;"
  echo "  gzip_static on;"
  echo "  server {"
  echo "    listen 127.0.0.1:$port;"
  echo "    location / { root $work/nginx/www; }"
  echo "  }"
  echo "}"
} >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
ulimit -n 8192 2>/dev/null || true
nginx_first_ms=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/home.html" |
  awk '{ printf "%.1f", $1 * 1000 }')

run_wrk() { # run_wrk CONNECTIONS URL [ENCODING]: prints "requests_per_s p99_ms failures requests"
  local header=()
  [ -n "${3:-}" ] && header=(-H "Accept-Encoding: $3")
  wrk -t2 -c"$1" -d"${duration}s" --timeout "${timeout_s}s" --latency "${header[@]}" "$2" >"$work/wrk.out" 2>&1 || true
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

rows=()
row() { # row NAME VALUE BASELINE RATIO GOAL MET
  rows+=("$1|$2|$3|$4|$5|$6")
}
yesno() { if awk "BEGIN { exit !($1) }"; then echo yes; else echo no; fi; }

echo "load before: $(uptime)"
echo "wrk 2 threads, ${duration} s per run, timeout ${timeout_s} s; $(nproc) cores shared with wrk and nginx"
for i in "${!paths[@]}"; do
  for conns in 64 512; do
    read -r rps p99 fail total < <(run_wrk "$conns" "$url${paths[$i]}" "${encodings[$i]}")
    read -r nrps np99 nfail ntotal < <(run_wrk "$conns" "http://127.0.0.1:$port/${names[$i]}" "${encodings[$i]}")
    ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 999) }')
    p99_ratio=$(awk -v a="$p99" -v b="$np99" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    name="web ${paths[$i]}${encodings[$i]:+ ${encodings[$i]}} c$conns"
    row "$name req/s" "$rps" "$nrps" "$ratio" "nginx/serve<=2,0 failures" \
      "$(yesno "$ratio <= 2 && $fail == 0 && $total > 0")"
    row "$name p99 ms" "$p99" "$np99" "$p99_ratio" "<=50 ms,0 failures" \
      "$(yesno "$p99 <= 50 && $fail == 0 && $total > 0")"
    row "$name failures" "$fail/$total" "$nfail/$ntotal" "-" "0" "$(yesno "$fail == 0 && $total > 0")"
  done
done
row "web first / after warming ms" "$first_ms" "$nginx_first_ms" \
  "$(awk -v a="$first_ms" -v b="$nginx_first_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "<=200 ms" \
  "$(yesno "$first_ms <= 200")"
row "web warming (start to done) s" "$warm_s" "-" "-" "-" "-"

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
healthz_max=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t = $1 * 1000 } END { printf "%.1f", t }')
row "web /healthz with 500 slow clients, max of 20 ms" "$healthz_max" "-" "-" "<=100 ms" \
  "$(yesno "$healthz_max <= 100")"
echo "load after: $(uptime)"

printf '%-52s %12s %12s %7s %27s %4s\n' name value baseline ratio goal met
for r in "${rows[@]}"; do
  IFS='|' read -r n v b q g m <<<"$r"
  printf '%-52s %12s %12s %7s %27s %4s\n' "$n" "$v" "$b" "$q" "$g" "$m"
done
for r in "${rows[@]}"; do echo "BENCHROW|$r"; done

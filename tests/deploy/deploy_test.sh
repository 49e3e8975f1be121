#!/usr/bin/env bash
# The production set-up of docs/deploy.md, end to end: a PostgreSQL cluster, two
# `onderdak serve` processes on one database, nginx in front with TLS using the shipped
# deploy/nginx/onderdak.conf, and a backup with pg_dump restored into a new database that
# then gives the same figures, the same deliveries and the same archives, and takes new
# imports. Usage: deploy_test.sh PATH/TO/onderdak
# Prints "N passed, N failed" and exits non-zero when any check failed.
set -uo pipefail
bin=$(readlink -f "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
pg_bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
work=$(mktemp -d)
pgdir="$(dirname "$work")/onderdak-deploy-pg-$$"
serve_pids=()
passed=0
failed=0

cleanup() {
  for p in "${serve_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  "$src/tests/store/pg_cluster.sh" stop "$pgdir" >/dev/null 2>&1
  if [ -n "${KEEP_DEPLOY_TEST:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

check() {  # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
  fi
}
die() {
  echo "deploy_test: $*" >&2
  echo "deploy: $passed passed, $((failed + 1)) failed"
  exit 1
}
for tool in nginx openssl curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/install-deps installs it)"
done

# --- PostgreSQL and the database, as in docs/deploy.md "Creating the database" ---
admin=$("$src/tests/store/pg_cluster.sh" start "$pgdir" $$) || die "no PostgreSQL cluster"
base=${admin%/postgres}
"$pg_bindir/psql" -qX -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE onderdak ENCODING 'UTF8'" ||
  die "CREATE DATABASE failed"
db="$base/onderdak"
export ONDERDAK_KEY_FILE="$work/onderdak.key"
"$bin" --db "$db" init >"$work/init.out" 2>&1 || die "init failed: $(cat "$work/init.out")"
"$bin" generate --out "$work/gen" --persons 400 --from 2021 --to 2021 --seed 11 >/dev/null 2>&1 ||
  die "generate failed"
"$bin" --db "$db" import --quiet "$work/gen" >"$work/import.out" 2>&1 ||
  die "import failed: $(tail -5 "$work/import.out")"

# --- Two serve processes on the same database ---
serve_urls=()
for i in 1 2; do
  "$bin" --db "$db" serve --port 0 --trusted-proxy 127.0.0.1 >"$work/serve$i.out" 2>"$work/serve$i.err" &
  serve_pids+=($!)
  url=""
  for _ in $(seq 1 200); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve$i.out" 2>/dev/null | head -1)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || die "serve $i did not start: $(cat "$work/serve$i.err")"
  serve_urls+=("$url")
done
q="/api/v1/indicators?period=2021H2&indicator=P1"
direct1=$(curl -fsS "${serve_urls[0]}$q")
direct2=$(curl -fsS "${serve_urls[1]}$q")
check "both serve processes give the same figures" test -n "$direct1" -a "$direct1" = "$direct2"

# --- nginx with TLS in front, from the shipped configuration ---
free_port() {  # a port in 20000-59999 on which nothing listens now
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
mkdir -p "$work/nginx/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=onderdak.test" \
  -addext "subjectAltName=DNS:onderdak.test,IP:127.0.0.1" \
  -keyout "$work/nginx/tls/privkey.pem" -out "$work/nginx/tls/fullchain.pem" >/dev/null 2>&1 ||
  die "openssl could not make a certificate"
port1=${serve_urls[0]##*:}
port2=${serve_urls[1]##*:}
# Substitute exactly the deployment-specific lines; each must occur once in the file.
substitute() {  # substitute FROM TO: replaces the line part FROM (once) or fails
  local n
  n=$(grep -c -F -- "$1" "$work/nginx/onderdak.conf")
  [ "$n" -eq 1 ] || die "deploy/nginx/onderdak.conf: '$1' occurs $n times, expected once"
  FROM="$1" TO="$2" perl -pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$work/nginx/onderdak.conf"
}
configure() {  # configure HTTP_PORT HTTPS_PORT: the shipped site configuration for this test
  cp "$src/deploy/nginx/onderdak.conf" "$work/nginx/onderdak.conf"
  substitute "listen 80;" "listen 127.0.0.1:$1;"
  substitute "listen 443 ssl http2;" "listen 127.0.0.1:$2 ssl http2;"
  substitute "server 127.0.0.1:8081 " "server 127.0.0.1:$port1 "
  substitute "server 127.0.0.1:8082 " "server 127.0.0.1:$port2 "
  substitute "/etc/ssl/onderdak/fullchain.pem" "$work/nginx/tls/fullchain.pem"
  substitute "/etc/ssl/onderdak/privkey.pem" "$work/nginx/tls/privkey.pem"
}
http_port=$(free_port) && https_port=$(free_port) || die "no free port"
configure "$http_port" "$https_port"
# The main configuration around it is the distribution's business; a minimal one here.
{
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  cat <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/onderdak.conf;
}
EOF
} >"$work/nginx/nginx.conf"
nginx -t -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx/test.out" 2>&1 ||
  die "nginx -t refused the configuration: $(cat "$work/nginx/test.out")"
# A port free a moment ago can be taken meanwhile (another test's connection uses it as
# its local port): then again with other ports, a few times.
for attempt in 1 2 3 4 5; do
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>"$work/nginx/start.err" && break
  grep -q "Address already in use" "$work/nginx/start.err" && [ "$attempt" -lt 5 ] ||
    die "nginx did not start: $(cat "$work/nginx/start.err")"
  http_port=$(free_port) && https_port=$(free_port) || die "no free port"
  configure "$http_port" "$https_port"
done
https="https://onderdak.test:$https_port"
tls=(--cacert "$work/nginx/tls/fullchain.pem" --resolve "onderdak.test:$https_port:127.0.0.1")
for _ in $(seq 1 50); do
  curl -fsS "${tls[@]}" "$https/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
check "health over TLS through nginx (certificate verified)" \
  grep -q '"status":"ok"' <(curl -fsS "${tls[@]}" "$https/healthz")
check "figures through nginx equal the direct ones" test "$(curl -fsS "${tls[@]}" "$https$q")" = "$direct1"
curl -sS -D "$work/headers" -o /dev/null "${tls[@]}" "$https/"
check "HSTS header" grep -qi '^strict-transport-security: max-age=' "$work/headers"
check "onderdak's own security headers pass through" grep -qi '^content-security-policy:' "$work/headers"
check "HTTP/2 is offered" test "$(curl -s -o /dev/null -w '%{http_version}' "${tls[@]}" "$https/healthz")" = 2
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: onderdak.test' \
  "http://127.0.0.1:$http_port/api/v1/regions")
check "plain HTTP is redirected to HTTPS" test "$redirect" = "301 https://onderdak.test/api/v1/regions"

# A login through nginx: the processes trust it as a proxy (systemd unit: --trusted-proxy
# 127.0.0.1), so the cookie is the Secure __Host- one, and the session works on both.
ONDERDAK_USER_PASSWORD="deploy test password 1" "$bin" --db "$db" users add steward --role region_steward \
  --region GM0363 >"$work/user.out" 2>&1 || die "users add failed: $(cat "$work/user.out")"
curl -sS -D "$work/login.headers" -o "$work/login.json" "${tls[@]}" -H 'Content-Type: application/json' \
  -d '{"username":"steward","password":"deploy test password 1"}' "$https/api/v1/session"
check "login over TLS sets a Secure, HttpOnly, SameSite=Strict __Host- cookie" \
  grep -qi '^set-cookie: __Host-onderdak_sessie=[^;]*; Path=/; HttpOnly; SameSite=Strict; Max-Age=[0-9]*; Secure' \
  "$work/login.headers"
cookie=$(grep -i '^set-cookie:' "$work/login.headers" | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
# A browser sends Origin with the port it used; through nginx on a port other than 443 the
# Host that reaches onderdak must keep it, or every login and form post is refused.
origin_status=$(curl -sS -o /dev/null -w '%{http_code}' "${tls[@]}" -H 'Content-Type: application/json' \
  -H "Origin: $https" -d '{"username":"steward","password":"deploy test password 1"}' "$https/api/v1/session")
check "a browser login (Origin $https) through nginx is accepted ($origin_status)" test "$origin_status" = 200
cross_status=$(curl -sS -o /dev/null -w '%{http_code}' "${tls[@]}" -H 'Content-Type: application/json' \
  -H "Origin: https://elders.test" -d '{"username":"steward","password":"deploy test password 1"}' \
  "$https/api/v1/session")
check "a login from another origin through nginx is refused ($cross_status)" test "$cross_status" = 403
whoami=$(curl -fsS "${tls[@]}" -H "Cookie: $cookie" "$https/api/v1/session")
check "the session is known through nginx (either process)" grep -q '"username":"steward"' <<<"$whoami"

# One serve process dies: nginx sends every request to the other.
kill "${serve_pids[0]}" && wait "${serve_pids[0]}" 2>/dev/null
serve_pids=("${serve_pids[1]}")
ok=0
for _ in $(seq 1 10); do
  [ "$(curl -fsS "${tls[@]}" "$https$q")" = "$direct1" ] && ok=$((ok + 1))
done
check "with one serve process gone, 10 of 10 requests still answered ($ok)" test "$ok" -eq 10
whoami=$(curl -fsS "${tls[@]}" -H "Cookie: $cookie" "$https/api/v1/session")
check "the login survives its process: sessions live in the database" grep -q '"username":"steward"' <<<"$whoami"

# --- Backup and restore, exactly the commands of docs/deploy.md "Backups" ---
"$pg_bindir/pg_dump" --format=custom --file="$work/onderdak.dump" "$db" 2>"$work/dump.err"
check "pg_dump writes a backup" test -s "$work/onderdak.dump"
"$pg_bindir/pg_restore" --list "$work/onderdak.dump" >"$work/dump.list" 2>&1
check "the backup's table of contents has the delivery archive" grep -q 'TABLE DATA public archive_chunk' "$work/dump.list"
"$pg_bindir/psql" -qX -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE restored ENCODING 'UTF8'"
restored="$base/restored"
"$pg_bindir/pg_restore" --no-owner --exit-on-error --single-transaction --dbname="$restored" \
  "$work/onderdak.dump" 2>"$work/restore.err"
check "pg_restore into a new database succeeds" test $? -eq 0

same_output() {  # same_output ARGS...: the command gives the same bytes on both databases
  "$bin" --db "$db" "$@" >"$work/a.out" 2>&1 && "$bin" --db "$restored" "$@" >"$work/b.out" 2>&1 &&
    [ -s "$work/a.out" ] && cmp -s "$work/a.out" "$work/b.out"
}
check "restored: the same deliveries, every version" same_output deliveries list --all --format csv
check "restored: the same figures (whole catalogue, 2021)" same_output indicators --period 2021 --format csv
check "restored: the same figures (2021H2, breakdowns)" \
  same_output indicators --period 2021H2 --breakdown age,gender --format csv
first_id=$("$bin" --db "$restored" deliveries list --format csv | awk -F, 'NR == 2 { print $1 }')
"$bin" --db "$db" deliveries archive "$first_id" --out "$work/a.zip" >/dev/null 2>&1
"$bin" --db "$restored" deliveries archive "$first_id" --out "$work/b.zip" >/dev/null 2>&1
check "restored: the archived raw delivery is byte for byte the same" cmp -s "$work/a.zip" "$work/b.zip"
# The restored database takes new work: a changed re-delivery becomes the next version
# (the id sequences came back with the data).
one=$(find "$work/gen" -name manifest.json -path '*opvang*' | head -1)
[ -n "$one" ] || one=$(find "$work/gen" -name manifest.json | head -1)
changed="$work/changed"
cp -r "$(dirname "$one")" "$changed"
sed -i '$d' "$changed/service_episodes.csv"
"$bin" --db "$restored" import "$changed" >"$work/reimport.out" 2>&1
check "restored: a changed re-delivery imports" test $? -eq 0
check "restored: it is version 2" grep -q 'version 2' "$work/reimport.out"

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

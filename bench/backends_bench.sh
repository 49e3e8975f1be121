#!/usr/bin/env bash
# SQLite vs PostgreSQL (issue 8), side by side in the same run on the same files:
#   1. `onderdak import` of one delivery of 1,000,000 service episodes and their persons
#      into a fresh database (best of 3);
#   2. `onderdak import` of the generated national dataset (every region, 2019-2023);
#   3. `onderdak indicators` of the whole catalogue for a year and for a half-year, as a
#      user runs it: loading the current deliveries from the database plus computing.
# The two backends must give byte-identical indicator output (the run fails otherwise).
# PostgreSQL runs in a throwaway cluster on loopback with its durable defaults (fsync and
# synchronous commit on), as SQLite's WAL with synchronous=NORMAL is durable too.
# Usage: bench/backends_bench.sh [BIN] [EPISODES]   (after `make release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-build/release/bin/onderdak}")
episodes=${2:-1000000}
pg_bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
work=$(mktemp -d)
pgdir="$(dirname "$work")/onderdak-bench-pg-$$"
trap 'tests/store/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$work"' EXIT
export ONDERDAK_KEY_FILE="$work/key"

admin=$(PG_CLUSTER_DURABLE=1 tests/store/pg_cluster.sh start "$pgdir" $$)
base=${admin%/postgres}
newdb() {  # newdb NAME: an empty PostgreSQL database, initialised; prints its URL
  PGOPTIONS="-c client_min_messages=warning" "$pg_bindir/psql" -qX -v ON_ERROR_STOP=1 "$admin" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  "$bin" --db "$base/$1" init >/dev/null
  echo "$base/$1"
}
timed() {  # timed OUT CMD...: runs CMD, stdout to OUT; prints "seconds peak_kb"
  local out=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$out"
  cat "$work/time"
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? a : b }'; }

"$bin" --db "sqlite:$work/init.db" init >/dev/null  # the key, and a template database
"$bin" generate --out "$work/one" --single-delivery-episodes "$episodes" >/dev/null
delivery=$(dirname "$(find "$work/one" -name manifest.json | head -1)")
persons=$(($(wc -l <"$delivery/persons.csv") - 1))

echo "== 1. import of one delivery: $episodes service episodes + $persons persons (best of 3)"
best_lite=999 best_pg=999 kb_lite=0 kb_pg=0
for run in 1 2 3; do
  cp "$work/init.db" "$work/run.db"
  rm -f "$work/run.db-wal" "$work/run.db-shm"
  read -r s kb < <(timed /dev/null "$bin" --db "sqlite:$work/run.db" import --quiet "$delivery")
  best_lite=$(min "$s" "$best_lite") kb_lite=$((kb > kb_lite ? kb : kb_lite))
  url=$(newdb bench_one)
  read -r s kb < <(timed /dev/null "$bin" --db "$url" import --quiet "$delivery")
  best_pg=$(min "$s" "$best_pg") kb_pg=$((kb > kb_pg ? kb : kb_pg))
done
awk -v l="$best_lite" -v p="$best_pg" -v kl="$kb_lite" -v kp="$kb_pg" -v rows=$((episodes + persons)) 'BEGIN {
  printf "  sqlite:      %6.2f s  %7.0f rows/s  client peak %4.0f MB\n", l, rows / l, kl / 1024
  printf "  postgresql:  %6.2f s  %7.0f rows/s  client peak %4.0f MB\n", p, rows / p, kp / 1024
  printf "  ratio postgresql / sqlite: %.2f\n", p / l
  printf "  %-34s %9s %9s %7s %8s %s\n", "name", "value", "baseline", "ratio", "goal", "met"
  printf "  %-34s %8.2fs %8.2fs %7.2f %8s %s\n", "one delivery postgresql/sqlite", p, l, p / l, "<=2", (p / l <= 2) ? "yes" : "NO"
  printf "BENCHROW|backends one delivery postgresql s|%.2f|%.2f|%.2f|<= 2x sqlite|%s\n", p, l, p / l, (p / l <= 2) ? "yes" : "no"
}'

echo "== 2. import of the generated national dataset (every region and organisation, 2019-2023)"
"$bin" generate --out "$work/national" >/dev/null
deliveries=$(find "$work/national" -name manifest.json | wc -l)
cp "$work/init.db" "$work/national.db"
read -r s_lite _ < <(timed /dev/null "$bin" --db "sqlite:$work/national.db" import --quiet "$work/national")
pg_national=$(newdb bench_national)
read -r s_pg _ < <(timed /dev/null "$bin" --db "$pg_national" import --quiet "$work/national")
awk -v l="$s_lite" -v p="$s_pg" -v n="$deliveries" 'BEGIN {
  printf "  %d deliveries: sqlite %.2f s, postgresql %.2f s, ratio %.2f\n", n, l, p, p / l
  printf "  %-34s %9s %9s %7s %8s %s\n", "name", "value", "baseline", "ratio", "goal", "met"
  printf "  %-34s %8.2fs %8.2fs %7.2f %8s %s\n", "national import postgresql/sqlite", p, l, p / l, "<=2", (p / l <= 2) ? "yes" : "NO"
  printf "BENCHROW|backends national import postgresql s|%.2f|%.2f|%.2f|<= 2x sqlite|%s\n", p, l, p / l, (p / l <= 2) ? "yes" : "no"
}'

echo "== 3. the whole indicator catalogue on the national dataset (load + compute, best of 3)"
for period in 2021 2022H1; do
  best_lite=999 best_pg=999
  for run in 1 2 3; do
    read -r s _ < <(timed "$work/lite.csv" "$bin" --db "sqlite:$work/national.db" indicators --period "$period" --format csv)
    best_lite=$(min "$s" "$best_lite")
    read -r s _ < <(timed "$work/pg.csv" "$bin" --db "$pg_national" indicators --period "$period" --format csv)
    best_pg=$(min "$s" "$best_pg")
  done
  if ! cmp -s "$work/lite.csv" "$work/pg.csv"; then
    echo "  $period: the two backends give DIFFERENT figures" >&2
    diff "$work/lite.csv" "$work/pg.csv" | head -5 >&2
    exit 1
  fi
  awk -v l="$best_lite" -v p="$best_pg" -v per="$period" -v n=$(($(wc -l <"$work/lite.csv") - 1)) 'BEGIN {
    printf "  %-7s %d figures, identical on both: sqlite %.2f s, postgresql %.2f s, ratio %.2f\n", per, n, l, p, p / l
  }'
done

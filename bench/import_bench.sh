#!/usr/bin/env bash
# Import benchmark (issue 3): one generated delivery of 1,000,000 service-episode rows and
# their persons, imported by `onderdak import` into a fresh SQLite database, against the
# sqlite3 shell's `.import` of the same two CSV files into unvalidated tables, in the same
# run. Goal: <= 3 s, <= 500 MB peak memory, and <= 2x the sqlite3 baseline.
# Usage: bench/import_bench.sh [BIN] [EPISODES]   (after `make release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/bin/onderdak}
episodes=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ONDERDAK_KEY_FILE="$work/key"

"$bin" generate --out "$work/gen" --single-delivery-episodes "$episodes" >/dev/null
delivery=$(dirname "$(find "$work/gen" -name manifest.json | head -1)")
persons=$(($(wc -l <"$delivery/persons.csv") - 1))
"$bin" --db "sqlite:$work/init.db" init >/dev/null  # creates the key and a template database

best_import=999 best_base=999 best_plain=999 peak_kb=0
for run in 1 2 3; do
  cp "$work/init.db" "$work/run.db"
  rm -f "$work/run.db-wal" "$work/run.db-shm"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" --db "sqlite:$work/run.db" import --quiet "$delivery" >/dev/null
  read -r secs kb <"$work/time"
  best_import=$(echo "$secs $best_import" | awk '{print ($1 < $2) ? $1 : $2}')
  peak_kb=$((kb > peak_kb ? kb : peak_kb))
  # The same import without the data-quality report (docs/data-quality.md): its cost.
  cp "$work/init.db" "$work/run.db"
  rm -f "$work/run.db-wal" "$work/run.db-shm"
  /usr/bin/time -f '%e' -o "$work/time" "$bin" --db "sqlite:$work/run.db" import --quiet --no-quality "$delivery" \
    >/dev/null
  secs=$(cat "$work/time")
  best_plain=$(echo "$secs $best_plain" | awk '{print ($1 < $2) ? $1 : $2}')

  rm -f "$work/base.db"
  /usr/bin/time -f '%e' -o "$work/time" sqlite3 "$work/base.db" -cmd '.mode csv' \
    ".import $delivery/persons.csv persons" ".import $delivery/service_episodes.csv service_episodes"
  secs=$(cat "$work/time")
  best_base=$(echo "$secs $best_base" | awk '{print ($1 < $2) ? $1 : $2}')
done

rows=$((persons + episodes))
awk -v rows="$rows" -v ep="$episodes" -v p="$persons" -v t="$best_import" -v b="$best_base" -v kb="$peak_kb" \
  -v q="$best_plain" 'BEGIN {
  printf "import of %d service episodes + %d persons (best of 3, %d cores)\n", ep, p, 2
  printf "  onderdak import:  %.2f s  %.0f rows/s  peak %.0f MB   (goal <= 3 s, <= 500 MB)\n", t, rows / t, kb / 1024
  printf "  sqlite3 .import:  %.2f s  %.0f rows/s  (baseline: no validation, no pseudonyms, no archive)\n", b, rows / b
  printf "  ratio onderdak / sqlite3: %.2f   (goal <= 1.2, issue 20; was <= 2, issue 3)\n", t / b
  printf "  %-34s %9s %9s %7s %8s %s\n", "name", "value", "baseline", "ratio", "goal", "met"
  printf "  %-34s %8.2fs %8.2fs %7.2f %8s %s\n", "one delivery / sqlite3 .import", t, b, t / b, "<=1.2", (t / b <= 1.2) ? "yes" : "NO"
  printf "BENCHROW|import one delivery s|%.2f|%.2f|%.2f|<= 1.2x sqlite3 .import|%s\n", t, b, t / b, (t / b <= 1.2) ? "yes" : "no"
  printf "BENCHROW|import one delivery peak MB|%.0f|-|-|<= 500 MB|%s\n", kb / 1024, (kb / 1024 <= 500) ? "yes" : "no"
  printf "  without the quality report: %.2f s; the report costs %.2fx\n", q, t / q
  printf "BENCHROW|import with / without quality report|%.2f|%.2f|%.2f|<= 1.05x|%s\n", t, q, t / q, (t / q <= 1.05) ? "yes" : "no"
}'

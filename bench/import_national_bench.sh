#!/usr/bin/env bash
# National import benchmark (issue 20): `onderdak import` of the generator's national
# layout (`onderdak generate --out DIR`: every region and organisation, 2019-2023, ~1,250
# delivery folders, ~1 M person-level rows) into a fresh SQLite database, against the
# sqlite3 shell's `.import` of the same CSV files in the same run.
#
# The baseline imports the files file by file (not concatenated per table): one table per
# entity file, created from the first file's header, then every delivery's file with
# `.import --csv --skip 1` in name order, with the journal settings onderdak uses (WAL,
# synchronous=NORMAL). It has no validation, no pseudonyms, no archive and no versions.
#
# Best of 3; peak memory (max RSS) of onderdak via /usr/bin/time. Prints one line per
# measure as `name  value  baseline  ratio  goal  met` (the format bench/run-all shows).
# Goals: <= 1.5x the baseline and <= 3 s; peak <= 200 MB.
# Usage: bench/import_national_bench.sh [BIN] [RUNS]   (after `make release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-build/release/bin/onderdak}")
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ONDERDAK_KEY_FILE="$work/key"

"$bin" generate --out "$work/national" >/dev/null
deliveries=$(find "$work/national" -name manifest.json | wc -l)
"$bin" --db "sqlite:$work/init.db" init >/dev/null  # the key, and a template database

# The sqlite3 script of the baseline: per entity file name, the first file creates the
# table from its header; every other file is appended without its header line.
{
  echo "PRAGMA journal_mode = WAL;"
  echo "PRAGMA synchronous = NORMAL;"
  declare -A seen=()
  while IFS= read -r f; do
    table=$(basename "$f" .csv)
    if [[ -z ${seen[$table]:-} ]]; then
      seen[$table]=1
      echo ".import --csv '$f' \"$table\""
    else
      echo ".import --csv --skip 1 '$f' \"$table\""
    fi
  done < <(find "$work/national" -name '*.csv' | sort)
} >"$work/baseline.sql"
rows=$(find "$work/national" -name '*.csv' -exec sh -c 'for f; do echo $(($(wc -l <"$f") - 1)); done' sh {} + |
  awk '{ n += $1 } END { print n }')

best_import=999 best_base=999 peak_kb=0
for run in $(seq "$runs"); do
  cp "$work/init.db" "$work/run.db"
  rm -f "$work/run.db-wal" "$work/run.db-shm"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" --db "sqlite:$work/run.db" import --quiet "$work/national" \
    >/dev/null
  read -r secs kb <"$work/time"
  best_import=$(awk -v a="$secs" -v b="$best_import" 'BEGIN { print (a < b) ? a : b }')
  peak_kb=$((kb > peak_kb ? kb : peak_kb))

  rm -f "$work/base.db" "$work/base.db-wal" "$work/base.db-shm"
  /usr/bin/time -f '%e' -o "$work/time" sqlite3 "$work/base.db" <"$work/baseline.sql" >/dev/null
  secs=$(cat "$work/time")
  best_base=$(awk -v a="$secs" -v b="$best_base" 'BEGIN { print (a < b) ? a : b }')
done

awk -v n="$deliveries" -v rows="$rows" -v t="$best_import" -v b="$best_base" -v kb="$peak_kb" -v runs="$runs" 'BEGIN {
  printf "national import: %d deliveries, %d rows (best of %d)\n", n, rows, runs
  printf "%-34s %9s %9s %7s %8s %s\n", "name", "value", "baseline", "ratio", "goal", "met"
  printf "%-34s %8.2fs %8.2fs %7.2f %8s %s\n", "national import / sqlite3 .import", t, b, t / b, "<=1.5", (t / b <= 1.5) ? "yes" : "NO"
  printf "%-34s %8.2fs %9s %7s %8s %s\n", "national import time", t, "-", "-", "<=3s", (t <= 3) ? "yes" : "NO"
  printf "%-34s %7.0fMB %9s %7s %8s %s\n", "national import peak memory", kb / 1024, "-", "-", "<=200MB", (kb / 1024 <= 200) ? "yes" : "NO"
  printf "BENCHROW|national import s|%.2f|%.2f|%.2f|<= 1.5x, <= 3 s|%s\n", t, b, t / b, (t / b <= 1.5 && t <= 3) ? "yes" : "no"
  printf "BENCHROW|national import peak MB|%.0f|-|-|<= 200 MB|%s\n", kb / 1024, (kb / 1024 <= 200) ? "yes" : "no"
}'

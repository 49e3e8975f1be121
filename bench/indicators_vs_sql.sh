#!/usr/bin/env bash
# Indicators vs SQL (issue 4): P1, P5 and P7 (docs/indicators.md), national and per region,
# for the ten half-years 2019H1-2023H2 of one generated national dataset, computed in the
# same run by
#   - the onderdak engine (bench/indicators_sql_engine: LoadDataset, Prepare, ComputeMany),
#   - the same definitions written as SQL (bench/sql/) on the SQLite database that
#     `onderdak import` wrote (sqlite3 shell; its `.timer`), and
#   - the same SQL on DuckDB (npm @duckdb/node-api, bench/duckdb/), the tables exported
#     from that SQLite database as CSV and loaded into an in-memory DuckDB.
# The three result sets must be equal (exit status 1 otherwise). Times are best of RUNS;
# load (and the engine's Prepare) are reported apart from the queries.
#
# Usage: bench/indicators_vs_sql.sh [BUILD_DIR] [PERSONS] [RUNS]   (after `make release`)
#   BUILD_DIR default build/release; PERSONS default 266000 (about 1,000,000 episodes:
#   living situations + service episodes). ONDERDAK_BENCH_DB=FILE reuses an imported
#   SQLite database instead of generating one (its key: ONDERDAK_KEY_FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build/release}
persons=${2:-266000}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -d bench/duckdb/node_modules/@duckdb/node-api ]] || (cd bench/duckdb && npm ci --silent --no-audit --no-fund)

ms() { echo $(($(date +%s%N) / 1000000)); }

db=${ONDERDAK_BENCH_DB:-}
if [[ -z "$db" ]]; then
  export ONDERDAK_KEY_FILE="$work/key"
  db="$work/nl.db"
  echo "generating $persons persons (2019-2023) and importing them into SQLite ..."
  "$build/bin/onderdak" generate --out "$work/gen" --persons "$persons" --seed 7 >/dev/null
  "$build/bin/onderdak" --db "sqlite:$db" init >/dev/null
  t=$(ms)
  "$build/bin/onderdak" --db "sqlite:$db" import --quiet "$work/gen" >/dev/null
  echo "  import: $(($(ms) - t)) ms"
  rm -rf "$work/gen"
fi

# Engine.
"$build/bench/indicators_sql_engine" "sqlite:$db" P1,P5,P7 2019H1 2023H2 "$runs" >"$work/engine.csv" 2>"$work/engine.txt"

# SQLite: every run a fresh sqlite3 process (setup views untimed), the query under `.timer`.
sql=bench/sql
for q in p1 p5 p7; do
  for run in $(seq "$runs"); do
    sqlite3 -readonly -csv -header "$db" ".read $sql/periods.sql" ".read $sql/dialect.sqlite.sql" \
      ".read $sql/common.sql" ".timer on" ".read $sql/$q.sql" >"$work/sqlite_$q.out"
    grep '^Run Time' "$work/sqlite_$q.out" | awk '{print $4 * 1000}' >>"$work/sqlite_$q.times"
  done
  grep -v '^Run Time' "$work/sqlite_$q.out" >>"$work/sqlite.csv"
done

# DuckDB: export from SQLite, load, query.
mkdir "$work/csv"
t=$(ms)
for table in delivery person living_situation service_episode; do
  sqlite3 -readonly -csv -header "$db" "SELECT * FROM $table" >"$work/csv/$table.csv"
done
export_ms=$(($(ms) - t))
(cd bench/duckdb && node indicators_vs_sql.mjs duckdb "$work/csv" "$root/$sql" "$work" "$runs")
cat "$work"/duckdb_p1.csv "$work"/duckdb_p5.csv "$work"/duckdb_p7.csv >"$work/duckdb.csv"

status=0
node bench/duckdb/indicators_vs_sql.mjs compare "$work/engine.csv" "$work/sqlite.csv" "$work/duckdb.csv" || status=1

# Report.
best() { sort -g "$1" | head -1; }
get() { grep "^$1=" "$work/engine.txt" | cut -d= -f2; }
duck() { node -e "const t = require('$work/duckdb_times.json'); console.log($1)"; }
sqlite_p1=$(best "$work/sqlite_p1.times") sqlite_p5=$(best "$work/sqlite_p5.times") sqlite_p7=$(best "$work/sqlite_p7.times")
awk -v e1="$(get compute_ms_P1)" -v e5="$(get compute_ms_P5)" -v e7="$(get compute_ms_P7)" -v e="$(get compute_ms)" \
  -v ecpu="$(get compute_cpu_ms)" -v eload="$(get load_ms)" -v eprep="$(get prepare_ms)" \
  -v s1="$sqlite_p1" -v s5="$sqlite_p5" -v s7="$sqlite_p7" \
  -v d1="$(duck t.query_ms.p1)" -v d5="$(duck t.query_ms.p5)" -v d7="$(duck t.query_ms.p7)" \
  -v dload="$(duck t.load_ms)" -v dsetup="$(duck t.setup_ms)" -v dexp="$export_ms" \
  -v runs="$runs" -v info="$(head -1 "$work/engine.txt")" -v sv="$(sqlite3 --version | cut -d' ' -f1)" \
  -v dv="$(node -p "require('./bench/duckdb/node_modules/@duckdb/node-api/package.json').version")" 'BEGIN {
  s = s1 + s5 + s7; d = d1 + d5 + d7
  printf "P1, P5, P7 for 10 half-years, 43 regions + NL (%s); best of %d, ms, %d cores\n", info, runs, 2
  printf "  %-22s %9s %9s %9s %9s   %s\n", "", "P1", "P5", "P7", "all", "load (not in the query times)"
  printf "  %-22s %9.1f %9.1f %9.1f %9.1f   LoadDataset %.0f + Prepare %.0f (ComputeMany of all three: %.1f, CPU %.1f)\n",
    "onderdak engine", e1, e5, e7, e1 + e5 + e7, eload, eprep, e, ecpu
  printf "  %-22s %9.1f %9.1f %9.1f %9.1f   none (the database import wrote)\n", "SQLite " sv, s1, s5, s7, s
  printf "  %-22s %9.1f %9.1f %9.1f %9.1f   export from SQLite %.0f + load %.0f + views %.0f\n",
    "DuckDB " dv, d1, d5, d7, d, dexp, dload, dsetup
  printf "  query-only, times faster than SQLite: P1 %.1fx  P5 %.1fx  P7 %.1fx  all %.1fx\n", s1 / e1, s5 / e5, s7 / e7, s / (e1 + e5 + e7)
  printf "  query-only, times faster than DuckDB: P1 %.1fx  P5 %.1fx  P7 %.1fx  all %.1fx   (goal: > 1)\n", d1 / e1, d5 / e5, d7 / e7, d / (e1 + e5 + e7)
  printf "  with load: engine LoadDataset + Prepare + query %.0f; SQLite %.0f (%.1fx); DuckDB export + load + query %.0f (%.1fx)\n",
    eload + eprep + e, s, s / (eload + eprep + e), dexp + dload + dsetup + d, (dexp + dload + dsetup + d) / (eload + eprep + e)
}'
exit $status

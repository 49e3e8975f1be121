#!/usr/bin/env bash
# Reports (issue 18): `onderdak report` as PDF, whole process, the region's year and the
# national half-year, each against the baseline of headless Chromium alone printing the
# same HTML (the report's own, written by `onderdak report --out X.html`) in the same run.
# Goals: a regional report in at most 2 s, the national one in at most 5 s on this machine,
# PDF included. Best of RUNS (default 5), after one warm-up.
# The database: the generator's national dataset, 2019-2023, PERSONS (default 35,000).
#
# Usage: bench/report_bench.sh [BUILD_DIR]   (after `make release`; BUILD_DIR default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(readlink -f "${1:-build/release}")
runs=${RUNS:-5}
persons=${PERSONS:-35000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ONDERDAK_KEY_FILE="$work/key" ONDERDAK_DB="sqlite:$work/nl.db"
chromium=${ONDERDAK_CHROMIUM:-/usr/lib/chromium/chromium-headless-shell}
source bench/whole_process.sh
national_db "$build/bin/onderdak" "$persons"
"$build/bin/onderdak" report --region GM0363 --year 2023 --out "$work/r.html" >/dev/null
"$build/bin/onderdak" report --national --period 2023H2 --out "$work/n.html" >/dev/null

# measure NAME GOAL_MS HTML ARGS...: `onderdak report ARGS --out X.pdf` against Chromium
# alone printing HTML (the same report written as .html above); prints its BENCHROW.
measure() {
  local name=$1 goal=$2 html=$3
  shift 3
  local report browser pages ratio met
  report=$(best "$build/bin/onderdak" report "$@" --out "$work/$name.pdf")
  browser=$(best "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/profile" --print-to-pdf="$work/$name-chromium.pdf" "file://$html")
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ { print $2 }')
  ratio=$(awk -v a="$report" -v b="$browser" 'BEGIN { printf "%.2f", a / b }')
  met=$( ((report <= goal)) && echo yes || echo no)
  echo "$name report ($*, $pages pages): pdf ${report} ms, Chromium alone ${browser} ms"
  echo "BENCHROW|report / $name pdf ms|$report|$browser|$ratio|<=$goal ms|$met"
}
measure regional 2000 "$work/r.html" --region GM0363 --year 2023
html=$(best "$build/bin/onderdak" report --region GM0363 --year 2023 --out "$work/r2.html")
echo "BENCHROW|report / regional html ms|$html|-|-|-|-"
measure national 5000 "$work/n.html" --national --period 2023H2

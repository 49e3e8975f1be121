#!/usr/bin/env bash
# Loading the dataset (issue 20, ADR 0021): Store::LoadDataset of the current deliveries of
# a generated national dataset in SQLite, in a fresh process each time (bench/load_bench:
# open, load, exit), at 35k, 350k and 1.75M persons (2019-2023). The baseline, in the same
# run on the same file: the sqlite3 shell reading every row of the same entity tables
# (`SELECT * FROM t` for each, output to /dev/null), i.e. SQLite's own cost of handing the
# rows over, with nothing built from them. Times are best of RUNS (default 3), peak RSS the
# largest (whole process, /usr/bin/time).
#
# Prints `name value baseline ratio goal met` rows: load (LoadDataset, wall), process
# (wall) and process_cpu (user + sys, all threads: what to compare on a busy machine), peak
# RSS. Goals (the issue): load <= 1 s and peak RSS <= 400 MB at 350k persons; linear
# growth: CPU and memory per person at 1.75M no more than 1.25x those at 350k.
#
# Usage: bench/load_bench.sh [BUILD_DIR] [SIZES]   (after `make release`)
#   BUILD_DIR default build/release; SIZES default "35000 350000 1750000".
#   ONDERDAK_BENCH_KEEP=DIR keeps the generated databases in DIR and reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(readlink -f "${1:-build/release}")
sizes=${2:-"35000 350000 1750000"}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir=${ONDERDAK_BENCH_KEEP:-$work}
mkdir -p "$dir"
export ONDERDAK_KEY_FILE="$dir/key"
tables="person facility capacity living_situation service_episode request waiting_entry cause need
        housing_project funding_line plan agreement budget eviction signal"

timed() {  # timed CMD...: runs CMD, stdout to $work/out; prints "seconds peak_kb cpu_seconds"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >"$work/out"
  awk '{ print $1, $2, $3 + $4 }' "$work/time"
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? a : b }'; }
sql=""
for t in $tables; do sql+="SELECT * FROM \"$t\";"; done

results="$work/results"
: >"$results"
for n in $sizes; do
  db="$dir/nl-$n.db"
  if [[ ! -f "$db" ]]; then
    echo "generating $n persons (2019-2023) and importing them into SQLite ..." >&2
    "$build/bin/onderdak" generate --out "$work/gen-$n" --persons "$n" --seed 7 >/dev/null
    "$build/bin/onderdak" --db "sqlite:$db" init >/dev/null
    "$build/bin/onderdak" --db "sqlite:$db" import --quiet "$work/gen-$n" >/dev/null
    rm -rf "$work/gen-$n"
  fi
  best_load=999999 best_proc=999 best_base=999 best_cpu=999 best_base_cpu=999 peak=0 peak_base=0 line=""
  for run in $(seq "$runs"); do
    read -r s kb cpu < <(timed "$build/bench/load_bench" "sqlite:$db")
    line=$(cat "$work/out")
    best_load=$(best "$(sed -n 's/.*load_ms=\([0-9.]*\).*/\1/p' <<<"$line")" "$best_load")
    best_proc=$(best "$s" "$best_proc") best_cpu=$(best "$cpu" "$best_cpu")
    peak=$((kb > peak ? kb : peak))
    read -r s kb cpu < <(timed sqlite3 -readonly "$db" "$sql")
    best_base=$(best "$s" "$best_base") best_base_cpu=$(best "$cpu" "$best_base_cpu")
    peak_base=$((kb > peak_base ? kb : peak_base))
  done
  echo "$n $best_load $best_proc $peak $best_base $peak_base $best_cpu $best_base_cpu $line" >>"$results"
done

echo "LoadDataset of the current deliveries, fresh process, best of $runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baseline: sqlite3 $(sqlite3 --version | cut -d' ' -f1) reading every row of the same tables (SELECT * ... > /dev/null)"
awk '{
  n = $1; label = (n >= 1000000) ? sprintf("%.2fM", n / 1e6) : sprintf("%dk", n / 1000)
  load_s = $2 / 1000; proc_s = $3; rss = $4 / 1024; base_s = $5; base_rss = $6 / 1024
  printf "  %s persons: %s\n", label, substr($0, index($0, $9))
  name[NR] = label; persons[NR] = n; ls[NR] = load_s; ps[NR] = proc_s; rs[NR] = rss; bs[NR] = base_s; br[NR] = base_rss
  cs[NR] = $7; bc[NR] = $8
} END {
  printf "%-28s %10s %10s %7s %10s %4s\n", "name", "value", "baseline", "ratio", "goal", "met"
  for (i = 1; i <= NR; ++i) {
    goal_t = (persons[i] == 350000) ? "<= 1 s" : "-"
    met_t = (persons[i] == 350000) ? ((ls[i] <= 1) ? "yes" : "NO") : "-"
    goal_m = (persons[i] == 350000) ? "<= 400 MB" : "-"
    met_m = (persons[i] == 350000) ? ((rs[i] <= 400) ? "yes" : "NO") : "-"
    printf "%-28s %8.2f s %8.2f s %7.2f %10s %4s\n", "load@" name[i], ls[i], bs[i], ls[i] / bs[i], goal_t, met_t
    printf "%-28s %8.2f s %8.2f s %7.2f %10s %4s\n", "process@" name[i], ps[i], bs[i], ps[i] / bs[i], "-", "-"
    printf "%-28s %8.2f s %8.2f s %7.2f %10s %4s\n", "process_cpu@" name[i], cs[i], bc[i], cs[i] / bc[i], "-", "-"
    printf "%-28s %7.0f MB %7.0f MB %7.2f %10s %4s\n", "peak_rss@" name[i], rs[i], br[i], rs[i] / br[i], goal_m, met_m
    # Rows for the table of bench/run-all.
    printf "BENCHROW|load wall s@%s|%.2f|%.2f|%.2f|%s|%s\n", name[i], ls[i], bs[i], ls[i] / bs[i], goal_t, tolower(met_t)
    printf "BENCHROW|load peak RSS MB@%s|%.0f|%.0f|%.2f|%s|%s\n", name[i], rs[i], br[i], rs[i] / br[i], goal_m, tolower(met_m)
  }
  # Linear growth: per person at the largest size against the 350k size.
  for (i = 1; i <= NR; ++i) if (persons[i] == 350000) m = i
  if (m && NR > m) {
    t = (cs[NR] / persons[NR]) / (cs[m] / persons[m])
    r = (rs[NR] / persons[NR]) / (rs[m] / persons[m])
    printf "%-28s %10.2f %10s %7s %10s %4s\n", "cpu/person " name[NR] "/" name[m], t, "1.00", "-", "<= 1.25", (t <= 1.25) ? "yes" : "NO"
    printf "%-28s %10.2f %10s %7s %10s %4s\n", "rss/person " name[NR] "/" name[m], r, "1.00", "-", "<= 1.25", (r <= 1.25) ? "yes" : "NO"
    printf "BENCHROW|load cpu per person %s vs %s|%.2f|1.00|%.2f|<= 1.25 (linear)|%s\n", name[NR], name[m], t, t, (t <= 1.25) ? "yes" : "no"
    printf "BENCHROW|load rss per person %s vs %s|%.2f|1.00|%.2f|<= 1.25 (linear)|%s\n", name[NR], name[m], r, r, (r <= 1.25) ? "yes" : "no"
    printf "%-28s %7.0f MB %10s %7s %10s %4s\n", "rss per 100k persons", (rs[NR] - rs[m]) / ((persons[NR] - persons[m]) / 100000), "-", "-", "-", "-"
  }
}' "$results"

# Shared by the whole-process benchmarks (sourced; set `runs` and `work` first):
# the generated national database and the best wall time of a command.

# national_db BIN PERSONS: `onderdak init`, then the generator's national dataset (2019-2023,
# seed 7) imported into $ONDERDAK_DB.
national_db() {
  echo "generating $2 persons (2019-2023) and importing them ..." >&2
  "$1" init >/dev/null
  "$1" generate --out "$work/gen" --persons "$2" --seed 7 >/dev/null
  "$1" import --quiet "$work/gen" >/dev/null
  rm -rf "$work/gen"
}

ms() { date +%s%N; }
best() { # best COMMAND...: the best wall time of RUNS runs, in ms, after a warm-up
  "$@" >/dev/null 2>&1
  local b=999999 s e t
  for _ in $(seq "$runs"); do
    s=$(ms)
    "$@" >/dev/null 2>&1
    e=$(ms)
    t=$(((e - s) / 1000000))
    ((t < b)) && b=$t
  done
  echo "$b"
}

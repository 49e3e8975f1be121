#!/usr/bin/env bash
# `onderdak projection` (issue 17, docs/projection.md): the projection to 2030 of a region
# and of the nation as a table, CSV and JSON; the same seed gives the same band; a scenario
# file lowers the projection; the back-test compares with what was delivered; bad arguments
# and bad scenario files are refused with the file, the field and the rule.
# Usage: projection_cli_test.sh PATH/TO/onderdak
set -uo pipefail
bin=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/test_lib.sh"
export ONDERDAK_KEY_FILE="$work/o.key" ONDERDAK_DB="sqlite:$work/o.db"

"$bin" init >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }
"$bin" generate --out "$work/gen" --persons 6000 --from 2020 --to 2023 --seed 5 --trajectories >/dev/null 2>&1 &&
  "$bin" import --quiet "$work/gen" >/dev/null 2>&1 || { echo "generate/import failed" >&2; exit 1; }

run projection --region NL --replicates 200
check "table: runs" test "$rc" -eq 0
check "table: starts from the last delivered day" grep -q 'from 2023-12-31' "$work/out"
check "table: projects to the end of 2030" grep -q '^2030-12-31  projected' "$work/out"
check "table: names the regions covered" grep -q '^covers [0-9]* regions' "$work/out"
check "table: the pace needed beside the current" bash -c "grep -q '^current pace:' '$work/out' && grep -q '^needed for zero by the end:' '$work/out'"

run projection --region NL --replicates 200 --format json
check "json: parses" python3 -c "import json,sys; json.load(open('$work/out'))"
cp "$work/out" "$work/a.json"
check "json: 14 half-years to 2030, band ordered" python3 - "$work/a.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["projection"]
assert len(p) == 14 and p[-1]["date"] == "2030-12-31", p[-1]
for r in p:
    assert r["p05"] <= r["p25"] <= r["median"] <= r["p75"] <= r["p95"], r
assert d["observed"][-1]["date"] == d["jump_off"] == "2023-12-31"
assert d["pace"]["needed_for_zero_per_half_year"] >= d["pace"]["current_per_half_year"]
PY
run projection --region NL --replicates 200 --format json
check "json: the same seed gives the same bytes" cmp -s "$work/a.json" "$work/out"
run projection --region NL --replicates 200 --format json --seed 7
check "json: another seed another band" bash -c "! cmp -s '$work/a.json' '$work/out'"

run projection --region GM0363 --format csv --replicates 50
check "csv: a header and a row per date" bash -c "head -1 '$work/out' | grep -q '^date,kind,persons,p05' && [ \$(wc -l < '$work/out') -ge 20 ]"

printf '{"name": "stevig", "prevention_percent": 20, "extra_per_half_year": 100, "pipeline": true}\n' >"$work/s.json"
run projection --region NL --replicates 0 --format json --scenario "$work/s.json"
cp "$work/out" "$work/s_out.json"
check "scenario: lowers the expected number in 2030" python3 - "$work/a.json" "$work/s_out.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert b["projection"][-1]["expected"] < a["projection"][-1]["expected"]
assert b["scenario"]["prevention_share"] == 0.2 and b["scenario"]["pipeline_places"] > 0
PY

run projection --region all --replicates 100 --format csv
check "all: a row per region and NL" bash -c "[ \$(grep -c '^GM' '$work/out') -ge 30 ] && grep -q '^NL,' '$work/out'"

run projection --region all --backtest 2 --replicates 100
check "backtest: runs" test "$rc" -eq 0
check "backtest: says the coverage" grep -q '90 % band covers [0-9]* % of the observed figures' "$work/out"

# --- bad input: a message naming what is wrong, exit 1 ---
run projection --region GM9999 --replicates 0
check "unknown region refused" bash -c "[ $rc -ne 0 ] && grep -q 'GM9999' '$work/err'"
run projection --region NL --definition ruim
check "unknown definition refused" bash -c "[ $rc -ne 0 ] && grep -q 'definition' '$work/err'"
run projection --region NL --replicates 20000
check "too many replicates refused" bash -c "[ $rc -ne 0 ] && grep -q 'replicates' '$work/err'"
run projection --region NL --to 1999
check "a year before 2000 refused" bash -c "[ $rc -ne 0 ] && grep -q 'to: a year' '$work/err'"
run projection --region NL --format xml
check "unknown format refused" test "$rc" -ne 0
run projection --region NL --backtest 9
check "backtest holdout out of range" bash -c "[ $rc -ne 0 ] && grep -q 'holdout' '$work/err'"
printf '{"prevention_percent": 120}\n' >"$work/bad1.json"
run projection --scenario "$work/bad1.json"
check "scenario: percent over 100 names file and field" bash -c "[ $rc -ne 0 ] && grep -q 'bad1.json: field .prevention_percent.: must be from 0 to 100' '$work/err'"
printf '{"preventie": 10}\n' >"$work/bad2.json"
run projection --scenario "$work/bad2.json"
check "scenario: unknown field named" bash -c "[ $rc -ne 0 ] && grep -q \"field 'preventie': unknown\" '$work/err'"
printf 'prevention_percent = 10\n' >"$work/bad3.json"
run projection --scenario "$work/bad3.json"
check "scenario: not JSON" bash -c "[ $rc -ne 0 ] && grep -q 'not a JSON object' '$work/err'"
printf '{"pipeline": "ja"}\n' >"$work/bad4.json"
run projection --scenario "$work/bad4.json"
check "scenario: pipeline must be true or false" bash -c "[ $rc -ne 0 ] && grep -q 'true or false' '$work/err'"
head -c 70000 /dev/zero | tr '\0' ' ' >"$work/big.json"
run projection --scenario "$work/big.json"
check "scenario: a large file refused" bash -c "[ $rc -ne 0 ] && grep -q '64 KiB' '$work/err'"
run projection --scenario "$work/missing.json"
check "scenario: a missing file refused" bash -c "[ $rc -ne 0 ] && grep -q 'missing.json' '$work/err'"

echo "projection: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

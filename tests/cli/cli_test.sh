#!/usr/bin/env bash
# End-to-end tests of the onderdak command. Usage: cli_test.sh PATH/TO/onderdak
# Prints "N passed, N failed" and exits non-zero when any check failed.
set -uo pipefail
bin=$1
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite:$work/o.db"
export ONDERDAK_KEY_FILE="$work/o.key"
passed=0
failed=0

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

run() {  # run ARGS...: sets rc, out, err
  "$bin" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}

# --help on the program and on every subcommand
run --help
check "help exits 0" test "$rc" -eq 0
cp "$work/out" "$work/help"
for sub in init regions serve demo estimate generate; do
  check "help lists $sub" grep -q "^  $sub " "$work/help"
  run "$sub" --help
  check "$sub --help exits 0" test "$rc" -eq 0
done
run --version
check "version" test "$out" = "0.1.0"

# usage errors: exit 1 with a one-line reason
run nonsense
check "unknown subcommand exits 1" test "$rc" -eq 1
check "unknown subcommand says so" grep -q "onderdak: error:" "$work/err"
run --db "mysql://x" init
check "bad URL exits 1" test "$rc" -eq 1
check "bad URL message" grep -q "database URL 'mysql://x' is not understood" "$work/err"

# before init: a clear error, not a crash
run --db "$db" regions list
check "list before init exits 1" test "$rc" -eq 1
check "list before init explains" grep -q "run 'onderdak init'" "$work/err"

# init, twice (idempotent)
run --db "$db" init
check "init exits 0" test "$rc" -eq 0
check "init loads 43 regions" grep -q "loaded reference data: 43 regions, 342 municipalities" "$work/out"
check "init creates the key file" grep -q "created pseudonymisation key $work/o.key (mode 0600)" "$work/out"
check "key file mode 0600" test "$(stat -c %a "$work/o.key")" = 600
key_before=$(sha256sum <"$work/o.key")
run --db "$db" init
check "second init exits 0" test "$rc" -eq 0
check "second init keeps the key" test "$(sha256sum <"$work/o.key")" = "$key_before"
check "second init loads nothing" grep -q "reference data in force: 43 regions" "$work/out"
chmod 644 "$work/o.key"
run --db "$db" init
check "init refuses a key readable by others" test "$rc" -eq 1
check "unsafe key explained" grep -q "readable by other users; run: chmod 600" "$work/err"
chmod 600 "$work/o.key"

# regions list / show / versions
run --db "$db" regions list
check "list exits 0" test "$rc" -eq 0
check "list shows 43 regions" grep -q "^43 regions$" "$work/out"
check "list labels the approximation" grep -q "APPROXIMATE" "$work/out"
run --db "$db" regions list --format csv
check "csv has 44 lines" test "$(wc -l <"$work/out")" -eq 44
check "csv header" test "$(head -1 "$work/out" | tr -d '\r')" = "code,name,municipalities,lon,lat"
run --db "$db" regions list --format json
check "json lists 43" test "$(grep -c '"code"' "$work/out")" -eq 43
run --db "$db" regions list --format xml
check "bad format exits 1" test "$rc" -eq 1
run --db "$db" regions show GM0363
check "show Amsterdam" grep -q "region GM0363 Amsterdam" "$work/out"
run --db "$db" regions show GM9999
check "show unknown exits 1" test "$rc" -eq 1
run --db "$db" regions list --date 2021-02-30
check "bad date exits 1" test "$rc" -eq 1
check "bad date names the option" grep -q -- "--date: '2021-02-30' is not a date" "$work/err"

# a malformed regions CSV: file:line and the rule, exit 1, nothing changed
cp "$work/o.db" "$work/before.db" 2>/dev/null
"$bin" --db "$db" regions list --format csv >"$work/list-before.csv"
printf 'gemeentecode,centrumgemeente_code\nGM0363,GM0363\nGM36,GM0363\nGM0362,GM0599\n' >"$work/bad.csv"
run --db "$db" regions import "$work/bad.csv"
check "malformed CSV exits 1" test "$rc" -eq 1
check "malformed CSV names line 3 and the rule" grep -q "bad.csv:3: gemeentecode: 'GM36' must be GM followed by 4 digits" "$work/err"
check "malformed CSV names line 4" grep -q "bad.csv:4: centrumgemeente_code: GM0599 is not a gemeentecode in this file" "$work/err"
"$bin" --db "$db" regions list --format csv >"$work/list-after.csv"
check "regions unchanged after a failed import" cmp -s "$work/list-before.csv" "$work/list-after.csv"
run --db "$db" regions versions --format csv
check "still one version" test "$(wc -l <"$work/out")" -eq 2
run --db "$db" regions import "$work/missing.csv"
check "missing file exits 1" test "$rc" -eq 1

# a valid official list becomes the version in force
printf 'gemeentecode;centrumgemeente_code\nGM0363;GM0363\nGM0362;GM0363\n' >"$work/official.csv"
run --db "$db" regions import "$work/official.csv" --valid-from 2024-01-01
check "import exits 0" test "$rc" -eq 0
check "import reports the version" grep -q "imported reference version 2: 1 regions, 2 municipalities, in force from 2024-01-01" "$work/out"
run --db "$db" regions list --date 2023-12-31
check "old list before its successor" grep -q "^43 regions$" "$work/out"
run --db "$db" regions list --date 2024-06-30
check "new list from its date" grep -q "^1 regions$" "$work/out"

# estimate from a capture-history table (Korea: 3 lists; R glm gives N-hat 157.2 for [12,23])
shared=$(cd "$(dirname "$0")/../../.." && pwd)/shared/data/mse/data
run estimate --table "$shared/Korea.csv"
check "estimate exits 0" test "$rc" -eq 0
check "estimate chooses [12,23] by BIC" grep -q "chosen model: \[12,23\]" "$work/out"
check "estimate reports N-hat and interval" grep -q "estimated N-hat: *157.2" "$work/out"
run estimate --table "$shared/Korea.csv" --format json
check "estimate json" grep -q '"n_hat"' "$work/out"
printf 'a,b,count\n1,0,5\n0,2,3\n' >"$work/bad-table.csv"
run estimate --table "$work/bad-table.csv"
check "bad table exits 1" test "$rc" -eq 1
check "bad table names line and column" grep -q "bad-table.csv:3: column 2 'b': '2' must be 0 or 1" "$work/err"
run estimate --region GM0363
check "estimate without a table exits 1" test "$rc" -eq 1

# generate: a small synthetic national dataset; never into a non-empty folder
run generate --out "$work/gen" --persons 1500 --from 2021 --to 2021 --seed 3
check "generate exits 0" test "$rc" -eq 0
check "generate writes the ground truth" test -s "$work/gen/ground_truth.json"
check "generate writes Amsterdam's shelter persons" test -n "$(ls "$work"/gen/GM0363/2021H*/opvang/persons.csv 2>/dev/null)"
run generate --out "$work/gen" --persons 1500 --from 2021 --to 2021
check "generate refuses a non-empty folder" test "$rc" -eq 1
check "non-empty folder explained" grep -q "not empty" "$work/err"
run generate --out "$work/gen2" --from 2023 --to 2021
check "generate --from after --to exits 1" test "$rc" -eq 1

# demo: serves the page on a free port
"$bin" --db "sqlite:$work/demo.db" demo --port 0 >"$work/demo.out" 2>"$work/demo.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/demo.out" 2>/dev/null | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
check "demo prints its address" test -n "$url"
if [ -n "$url" ]; then
  check "demo page has 43 regions" test "$(curl -fsS "$url/" | grep -c '<tr data-region=')" -eq 43
  check "demo health" grep -q '"status":"ok"' <(curl -fsS "$url/healthz")
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/regions?date=x")
  check "bad API parameter is 400" test "$code" = 400
  # A second server on the same port fails clearly.
  port=${url##*:}
  run --db "sqlite:$work/demo.db" serve --port "$port"
  check "port in use exits 1" test "$rc" -eq 1
  check "port in use explains" grep -q "cannot listen on 127.0.0.1:$port" "$work/err"
fi
kill -TERM "$server_pid"
wait "$server_pid"
check "demo stops cleanly on SIGTERM" test $? -eq 0
server_pid=""

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

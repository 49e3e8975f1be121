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

lacks() {  # lacks TEXT FILE...: true when no FILE contains TEXT
  ! grep -q -F -- "$1" "${@:2}"
}

make_zip() {  # make_zip OUT.zip DIR [top]: DIR's files at the top of the zip, or (top) in one folder
  local out=$1 dir=$2 from names
  if [ "${3:-}" = top ]; then
    from=$(dirname "$dir") names=$(basename "$dir")
  else
    from=$dir names=$(cd "$dir" && ls)
  fi
  # shellcheck disable=SC2086  # names: file names without spaces, split on purpose
  if command -v python3 >/dev/null; then
    (cd "$from" && python3 -m zipfile -c "$out" $names)
  else
    (cd "$from" && zip -q -r "$out" $names)
  fi
}

# shellcheck source=tests/cli/test_lib.sh
source "$(dirname "$0")/test_lib.sh"

# --help on the program and on every subcommand
run --help
check "help exits 0" test "$rc" -eq 0
cp "$work/out" "$work/help"
for sub in init regions serve demo estimate generate import check deliveries indicators export; do
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
check "init loads the shipped targets and series" grep -q "loaded policy data: 9 targets, 20 reference series points" "$work/out"
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
check "estimate --region without a date exits 1" test "$rc" -eq 1
check "estimate --region asks for a date or period" grep -q -- "--date YYYY-MM-DD" "$work/err"
run estimate
check "estimate without a table or region exits 1" test "$rc" -eq 1

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

# import and deliveries: a small hand-written delivery, its versions and its archive
ddb="sqlite:$work/deliveries.db"
"$bin" --db "$ddb" init >/dev/null
deliveries_csv() {  # deliveries_csv [--all]: the delivery list as CSV, in $work/list.csv
  "$bin" --db "$ddb" deliveries list --format csv "$@" >"$work/list.csv"
}
write_delivery "$work/d1" KVK-1
run --db "$ddb" import "$work/d1"
check "import exits 0" test "$rc" -eq 0
check "import names delivery 1, version 1" \
  grep -q -F "imported $work/d1 as delivery 1: KVK-1 GM0363 2021H1 version 1" "$work/out"
check "import counts persons" grep -q "^  persons: 2 rows$" "$work/out"
check "import counts service episodes" grep -q "^  service_episodes: 2 rows$" "$work/out"
check "import prints the archive sha256" grep -q "^  sha256 (as received): [0-9a-f]\{64\}$" "$work/out"
import_sha=$(sed -n 's/^  sha256 (as received): //p' "$work/out")
check "import writes nothing on stderr" test ! -s "$work/err"
deliveries_csv
check "list shows delivery 1 as current" grep -q "^1,KVK-1,GM0363,2021H1,1,yes," "$work/list.csv"
check "list has one delivery" test "$(wc -l <"$work/list.csv")" -eq 2
run --db "$ddb" deliveries list
check "list table counts it" grep -q "^1 current deliveries$" "$work/out"

# the same delivery as a zip: files at the top, or in one folder (each in a fresh database)
zdb="sqlite:$work/zip.db"
"$bin" --db "$zdb" init >/dev/null
make_zip "$work/flat.zip" "$work/d1"
run --db "$zdb" import "$work/flat.zip"
check "zip imports" test "$rc" -eq 0
check "zip reports its rows" grep -q "^  service_episodes: 2 rows$" "$work/out"
check "zip's archive sha256 is the zip's" grep -q "^  sha256 (as received): $(sha256sum <"$work/flat.zip" | cut -d' ' -f1)$" "$work/out"
run --db "$zdb" deliveries archive 1 --out "$work/flat-back.zip"
check "a zip delivery's archive keeps its other files as delivered" \
  cmp -s <(unzip -p "$work/flat-back.zip" service_episodes.csv 2>/dev/null) "$work/d1/service_episodes.csv"
tdb="sqlite:$work/top.db"
"$bin" --db "$tdb" init >/dev/null
make_zip "$work/top.zip" "$work/d1" top
check "the top-folder zip holds d1/persons.csv" grep -q -a "d1/persons.csv" "$work/top.zip"
run --db "$tdb" import "$work/top.zip"
check "zip with one top folder imports" test "$rc" -eq 0
check "zip with one top folder reads its rows" grep -q "^  persons: 2 rows$" "$work/out"
"$bin" --db "$tdb" deliveries list --format csv >"$work/top.csv"
check "zip with one top folder is current" grep -q "^1,KVK-1,GM0363,2021H1,1,yes," "$work/top.csv"

# a re-delivery (changed content) is version 2; version 1 can be restored
write_delivery "$work/d2" KVK-1
printf '%s\nP-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\n' "$persons_header" >"$work/d2/persons.csv"
rm "$work/d2/service_episodes.csv"
run --db "$ddb" import "$work/d2"
check "re-delivery exits 0" test "$rc" -eq 0
check "re-delivery is version 2" grep -q -F "as delivery 2: KVK-1 GM0363 2021H1 version 2 (replaces version 1)" "$work/out"
deliveries_csv
check "list shows only version 2" test "$(tail -n +2 "$work/list.csv" | cut -d, -f1,5,6)" = "2,2,yes"
deliveries_csv --all
check "list --all shows 2 versions" test "$(wc -l <"$work/list.csv")" -eq 3
check "list --all: version 1 not current" grep -q "^1,KVK-1,GM0363,2021H1,1,no," "$work/list.csv"
check "list --all: version 2 current" grep -q "^2,KVK-1,GM0363,2021H1,2,yes," "$work/list.csv"
run --db "$ddb" deliveries show 2
check "show exits 0" test "$rc" -eq 0
check "show names the version" grep -q "^  version: *2 (current)$" "$work/out"
check "show lists version 1" grep -q "^    1: delivery 1, imported .*[0-9]Z$" "$work/out"
check "show lists version 2 as current" grep -q "^    2: delivery 2, imported .* (current)$" "$work/out"
check "show counts the re-delivered rows" grep -q "^    persons: 1$" "$work/out"
run --db "$ddb" deliveries restore 1
check "restore exits 0" test "$rc" -eq 0
check "restore says so" grep -q "restored delivery 1: KVK-1 GM0363 2021H1 version 1 is current again" "$work/out"
deliveries_csv
check "version 1 is current again" test "$(tail -n +2 "$work/list.csv" | cut -d, -f1,5,6)" = "1,1,yes"
run --db "$ddb" deliveries restore 1
check "restoring the current version exits 1" test "$rc" -eq 1
check "restoring the current version explains" grep -q "delivery 1 (version 1) is already the current version" "$work/err"
run --db "$ddb" deliveries restore 99
check "restore of an unknown id exits 1" test "$rc" -eq 1
check "restore of an unknown id explains" grep -q "delivery 99 does not exist" "$work/err"
run --db "$ddb" deliveries show 99
check "show of an unknown id exits 1" test "$rc" -eq 1

# archive: the raw delivery, with the sha256 that show prints; never over an existing file
run --db "$ddb" deliveries show 1
show_sha=$(sed -n 's/^  sha256: *//p' "$work/out")
check "show prints a sha256" grep -q -x "[0-9a-f]\{64\}" <<<"$show_sha"
check "show prints the import's sha256" test "$show_sha" = "$import_sha"
run --db "$ddb" deliveries archive 1 --out "$work/a1.zip"
check "archive exits 0" test "$rc" -eq 0
check "archive says what it wrote" grep -q -F "wrote $work/a1.zip" "$work/out"
unzip -p "$work/a1.zip" persons.csv >"$work/a1-persons.csv" 2>/dev/null
check "archive holds persons.csv with a pseudonym column" grep -q ",pseudonym$" "$work/a1-persons.csv"
check "archive holds no BSN" lacks 111222333 "$work/a1-persons.csv"
check "archive holds no initials or birth date" lacks 1985-02-03 "$work/a1-persons.csv"
check "archive keeps the other files as delivered" \
  cmp -s <(unzip -p "$work/a1.zip" service_episodes.csv 2>/dev/null) "$work/d1/service_episodes.csv"
run --db "$ddb" import "$work/d1"
check "an identical re-import exits 0" test "$rc" -eq 0
check "an identical re-import adds no version" grep -q "^unchanged: .* is identical to delivery" "$work/out"
echo keep >"$work/exists.zip"
run --db "$ddb" deliveries archive 1 --out "$work/exists.zip"
check "archive refuses an existing file" test "$rc" -eq 1
check "archive over a file explains" grep -q "exists; choose a new file" "$work/err"
check "archive leaves the existing file alone" test "$(cat "$work/exists.zip")" = keep
run --db "$ddb" deliveries archive 99 --out "$work/a99.zip"
check "archive of an unknown id exits 1" test "$rc" -eq 1
check "archive of an unknown id leaves no file" test ! -e "$work/a99.zip"
# every stored import, the restore and the archive export are in the audit log (who: the
# CLI's user); refused or unchanged imports and refused archives are not changes
run --db "$ddb" audit list --format csv
cut -d, -f3-5 "$work/out" >"$work/audit.csv"
me="cli:$(id -un)"
check "audit: the two stored imports, with their delivery" \
  test "$(grep -c ",delivery.import,delivery:[12]$" "$work/audit.csv")" -eq 2
check "audit: the restore of delivery 1" grep -q -x "$me,delivery.restore,delivery:1" "$work/audit.csv"
check "audit: one archive export, of delivery 1" \
  test "$(grep -c "^$me,export.archive," "$work/audit.csv")" = 1 -a "$(grep -c ",export.archive,delivery:1$" "$work/audit.csv")" = 1
run --db "$ddb" audit verify
check "audit: the chain is intact" test "$rc" -eq 0

# a bad delivery: refused with file:line: column and the rule, no BSN shown, nothing changed
deliveries_csv --all
cp "$work/list.csv" "$work/list-before.csv"
write_delivery "$work/bad" KVK-1
printf '%s\nP-1,111222334,,,1990-04,M,NL,alleenstaand,GM0363\nP-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n' \
  "$persons_header" >"$work/bad/persons.csv"
printf '%s\nS-1,P-1,hotel,,GM0363,2021-01-10,,\nS-2,P-9,nachtopvang,,GM0363,2020-12-01,,\n' \
  "$episodes_header" >"$work/bad/service_episodes.csv"
run --db "$ddb" import "$work/bad"
check "bad delivery exits 1" test "$rc" -eq 1
check "bad delivery is refused as a whole" grep -q -F "$work/bad: refused, nothing imported (3 errors)" "$work/err"
check "invalid BSN: line, column and rule" \
  grep -q -F "persons.csv:2: bsn: (value withheld): must be 9 digits passing the elfproef" "$work/err"
check "unknown code: line, column and rule" \
  grep -q -F "service_episodes.csv:2: service_type: 'hotel': not a code of list service_type" "$work/err"
check "dangling person_id: line, column and rule" \
  grep -q -F "service_episodes.csv:3: person_id: 'P-9': no row with this record_id in persons.csv" "$work/err"
check "the invalid BSN is not shown" lacks 111222334 "$work/out" "$work/err"
check "refused summary" grep -q "imported 0 of 1 deliveries .*; 1 refused" "$work/out"
deliveries_csv --all
check "deliveries unchanged after a refused import" cmp -s "$work/list-before.csv" "$work/list.csv"

# --check: validates, writes nothing
run --db "$ddb" import --check "$work/d2"
check "import --check exits 0" test "$rc" -eq 0
check "import --check says nothing was written" grep -q -F "checked $work/d2: valid, nothing written (--check)" "$work/out"
check "import --check names no delivery" lacks "as delivery" "$work/out"
deliveries_csv --all
check "deliveries unchanged after --check" cmp -s "$work/list-before.csv" "$work/list.csv"

# onderdak check: a provider's pre-flight (issue 19), without a database or a key file
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$work/d2"
check "check exits 0 for a valid delivery" test "$rc" -eq 0
check "check says the delivery is valid" grep -q -F "checked $work/d2: valid, nothing written" "$work/out"
check "check creates no database and no key" test ! -e "$work/no.db" -a ! -e "$work/no.key"
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$work/bad"
check "check refuses a bad delivery with exit 1" test "$rc" -eq 1
check "check names file, line, column and rule" \
  grep -q -F "service_episodes.csv:2: service_type: 'hotel': not a code of list service_type" "$work/err"
check "check shows no BSN" lacks 111222334 "$work/out" "$work/err"
check "check writes nothing after a refusal either" test ! -e "$work/no.db" -a ! -e "$work/no.key"
# the example delivery shipped in docs/ passes the pre-flight (issue 19 item 5)
example="$(cd "$(dirname "$0")/../.." && pwd)/docs/example-delivery"
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$example"
check "the example delivery passes onderdak check" test "$rc" -eq 0
check "the example delivery is reported valid" grep -q -F "checked $example: valid, nothing written" "$work/out"
check "the example delivery has its quality report" grep -q -F "data quality (docs/data-quality.md):" "$work/out"
check "the example delivery flags nothing" lacks "look at" "$work/out"
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$example" --no-quality
check "--no-quality: still valid" test "$rc" -eq 0
check "--no-quality: no report" lacks "data quality" "$work/out"
# every error at once, grouped per file and rule, with fixes, and as CSV (issue 19 item 2)
cp -r "$work/bad" "$work/sloppy"
sed -i 's/"created": "[^"]*"/"created": "2021-07-01 06:00"/' "$work/sloppy/manifest.json"
sed -i '1s/$/,notitie/; 2,$s/$/,x/; s/,GM0363,2021-01-10,,/,Amsterdam,2021-01-10,,/' "$work/sloppy/persons.csv" \
  "$work/sloppy/service_episodes.csv"
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$work/sloppy" --errors-csv "$work/errors.csv"
check "sloppy: refused" test "$rc" -eq 1
check "sloppy: the manifest does not hide the files" grep -q -F "service_episodes.csv:2: service_type: 'hotel'" "$work/err"
check "sloppy: the manifest field is named" grep -q -F "manifest.json: created: '2021-07-01 06:00'" "$work/err"
check "sloppy: an extra column does not hide the rows" grep -q -F "persons.csv:2: bsn: (value withheld)" "$work/err"
check "sloppy: a municipality by name gets its code" \
  grep -q -F "municipality: 'Amsterdam': not a municipality (GM code) in the reference data in force on 2021-06-30 [Voorstel: GM0363]" \
  "$work/err"
check "sloppy: grouped per file and rule with a Dutch fix" \
  grep -q -F "persons.csv: 1 x unknown_column: Verwijder de kolom" "$work/err"
check "sloppy: errors CSV header" test "$(head -1 "$work/errors.csv")" = "file,line,column,rule,rule_title,message,suggestion,fix"
check "sloppy: one CSV row per error" test "$(($(wc -l <"$work/errors.csv") - 1))" -eq "$(grep -c '^  [a-z_]*\.\(csv\|json\)' "$work/err")"
check "sloppy: the CSV has the suggestion" grep -q -F ",municipality,Gemeentecode," "$work/errors.csv"
check "sloppy: no BSN in the CSV" lacks 111222334 "$work/errors.csv"
ONDERDAK_KEY_FILE="$work/no.key" run --db "sqlite:$work/no.db" check "$work/sloppy" --lang en
check "sloppy: fixes in English" grep -q -F "persons.csv: 1 x unknown_column: Remove the column" "$work/err"
check "sloppy: still writes nothing" test ! -e "$work/no.db" -a ! -e "$work/no.key"

# no key file, a path that does not exist, a folder without deliveries
ONDERDAK_KEY_FILE="$work/absent.key" run --db "$ddb" import "$work/d2"
check "import without a key exits 1" test "$rc" -eq 1
check "missing key names onderdak init" grep -q -F "$work/absent.key does not exist; run 'onderdak init'" "$work/err"
check "missing key does not create one" test ! -e "$work/absent.key"
deliveries_csv --all
check "deliveries unchanged without a key" cmp -s "$work/list-before.csv" "$work/list.csv"
run --db "$ddb" import "$work/no-such-delivery"
check "import of a missing path exits 1" test "$rc" -eq 1
check "import of a missing path says so" grep -q -F "$work/no-such-delivery: no such file or folder" "$work/err"
mkdir "$work/no-deliveries"
run --db "$ddb" import "$work/no-deliveries"
check "import of a folder without deliveries exits 1" test "$rc" -eq 1
check "folder without deliveries explained" grep -q "no delivery found" "$work/err"

# generate, then import the whole national dataset
gdb="sqlite:$work/generated.db"
"$bin" --db "$gdb" init >/dev/null
run generate --out "$work/national" --persons 2000 --from 2021 --to 2021
check "generate for import exits 0" test "$rc" -eq 0
n=$(sed -n 's/^generated [0-9]* persons, \([0-9]*\) deliveries.*/\1/p' "$work/out")
check "generate reports its deliveries" test -n "$n"
check "generate writes as many deliveries as it reports" \
  test "$(find "$work/national" -name manifest.json | wc -l)" -eq "${n:-0}"
run --db "$gdb" import "$work/national"
check "import of a generated dataset exits 0" test "$rc" -eq 0
check "import summary counts every delivery" grep -q "^imported $n of $n deliveries (.* 0 warnings)$" "$work/out"
"$bin" --db "$gdb" deliveries list --format csv >"$work/national.csv"
check "every generated delivery is current" test "$(tail -n +2 "$work/national.csv" | cut -d, -f6 | grep -c '^yes$')" -eq "${n:-0}"

# indicators on the imported national dataset (before the single large delivery lands)
run --db "$gdb" indicators --period 2021H1 --indicator P1 --format csv
check "indicators exits 0" test "$rc" -eq 0
check "indicators CSV has the documented columns" \
  test "$(head -1 "$work/out")" = "indicator,region,period,reference_date,breakdown,value,numerator,denominator,status,measure,unit,delivered,expected,disclosure,note,coverage_unit,missing,carried_from,carried,definition"
check "indicators has a national P1 on the reference date" grep -q '^P1,NL,2021H1,2021-01-01,total,[0-9][0-9]*,' "$work/out"
check "indicators has regional P1 figures" test "$(grep -c '^P1,GM[0-9]*,2021H1,' "$work/out")" -gt 20
# The national figure names the regions it covers (issue 22): "regions" and the missing
# ones, as many as expected minus delivered.
nl_row=$(grep '^P1,NL,2021H1,2021-01-01,total,' "$work/out")
check "the national CSV row says its coverage is in regions" grep -q ',regions,' <<<"$nl_row"
nl_delivered=$(cut -d, -f12 <<<"$nl_row"); nl_expected=$(cut -d, -f13 <<<"$nl_row")
nl_missing=$(awk -F, '{print $17}' <<<"$nl_row" | tr ';' '\n' | grep -c '^GM')
check "the national CSV row names every missing region" test "$((nl_expected - nl_delivered))" -eq "$nl_missing"
run --db "$gdb" indicators --period 2021H1 --indicator P1 --breakdown gender --public --format csv
check "public indicators suppress small cells" grep -q ',suppressed,' "$work/out"
check "public output never shows a count below 5" \
  test "$(awk -F, 'NR > 1 && $14 != "suppressed" && $11 == "persons" && $6 != "" && $6 + 0 < 5 && $6 + 0 > 0' "$work/out" | wc -l)" -eq 0
run --db "$gdb" indicators --period 2021H1 --region GM0363 --format json
check "indicators for one region give no national figure" lacks '"region": "NL"' "$work/out"
run --db "$gdb" indicators --period 2021 --format xlsx --out "$work/ind.xlsx"
check "indicators write XLSX" test "$rc" -eq 0 -a -s "$work/ind.xlsx"
check "the XLSX is a workbook" python3 -c "import zipfile,sys; sys.exit(0 if 'xl/workbook.xml' in zipfile.ZipFile('$work/ind.xlsx').namelist() else 1)"
# Definition presets (docs/indicators.md 2.7): the default is the monitor's, each row says
# which; cbs counts other people (18-65; ETHOS 1, 2, 6), so its national P1 differs.
nl_monitor=$(cut -d, -f6 <<<"$nl_row")  # the first run above: no --definition
check "indicators default to the monitor definition" test "$(awk -F, '{print $NF}' <<<"$nl_row")" = "monitor"
run --db "$gdb" indicators --period 2021H1 --indicator P1 --definition cbs --format csv
check "indicators --definition cbs exits 0" test "$rc" -eq 0
nl_cbs_row=$(grep '^P1,NL,2021H1,2021-01-01,total,' "$work/out")
check "indicators --definition cbs names it in every row" test "$(tail -n +2 "$work/out" | awk -F, '$NF != "cbs"' | wc -l)" -eq 0
check "indicators --definition cbs counts other persons than the monitor" test "$(cut -d, -f6 <<<"$nl_cbs_row")" != "$nl_monitor"
run --db "$gdb" indicators --period 2021H1 --indicator P1 --definition bogus
check "unknown definition exits 1" test "$rc" -eq 1
check "unknown definition is named" grep -q "bogus" "$work/err"
check "unknown definition lists the valid ones" grep -q "monitor, ethos-1-3, cbs, ethos-light" "$work/err"
run --db "$gdb" indicators --period 2021H1 --indicator X9
check "unknown indicator exits 1" test "$rc" -eq 1
check "unknown indicator is named" grep -q "X9" "$work/err"
run --db "$gdb" indicators --period 2021H1 --format xlsx
check "xlsx without --out exits 1" test "$rc" -eq 1
run --db "$gdb" indicators --period 2021Q3
check "bad period exits 1" test "$rc" -eq 1

# export for a statistics agency (docs/export-cbs.md): one region, person-level, audited;
# the region with the most persons in the period (not every region delivers)
run --db "$gdb" indicators --period 2021H1 --indicator P1 --format csv
read -r in_period xr < <(awk -F, '$10 == "persons_in_period" && $5 == "total" && $2 != "NL" {print $6, $2}' "$work/out" | sort -rn | head -1)
run --db "$gdb" export --format cbs --region "$xr" --period 2021H1 --out "$work/cbs.csv"
check "export exits 0" test "$rc" -eq 0
check "export has the documented columns" test "$(head -1 "$work/cbs.csv")" = \
  "region,period,definition,pseudonym,organisation,delivery_period,record_id,birth_year,age,gender,household,nationality_group,municipality_of_origin,episode_kind,ethos,service_type,start_date,end_date,exit_destination"
check "export has episodes" test "$(tail -n +2 "$work/cbs.csv" | wc -l)" -gt 5
check "export holds the region's monitor scope only" \
  test "$(tail -n +2 "$work/cbs.csv" | awk -F, -v r="$xr" '$1 != r || $2 != "2021H1" || $3 != "monitor" || ($15 != 2 && $15 != 3)' | wc -l)" -eq 0
check "export names persons by pseudonym only" \
  test "$(tail -n +2 "$work/cbs.csv" | cut -d, -f4 | grep -cv '^[bl]:[0-9a-f]\{64\}$')" -eq 0
check "export's persons are P1's persons in the period" \
  test "$(tail -n +2 "$work/cbs.csv" | cut -d, -f4 | sort -u | wc -l)" = "${in_period:-none}"
run --db "$gdb" audit list
check "export is audited" grep -q "export.cbs.*region:$xr" "$work/out"
cp "$work/cbs.csv" "$work/cbs-before.csv"
run --db "$gdb" export --format cbs --region "$xr" --period 2021H1 --out "$work/cbs.csv"
check "export refuses an existing file" test "$rc" -eq 1
check "export leaves the existing file" cmp -s "$work/cbs.csv" "$work/cbs-before.csv"
run --db "$gdb" export --format cbs --region "$xr" --period 2021H1 --definition cbs --out "$work/cbs-cbs.csv"
check "export --definition cbs keeps ages 18 to 64" \
  test "$(tail -n +2 "$work/cbs-cbs.csv" | awk -F, '$3 != "cbs" || $9 == "" || $9 < 18 || $9 > 64' | wc -l)" -eq 0
run --db "$gdb" export --format spss --region "$xr" --period 2021H1 --out "$work/x.csv"
check "export of an unknown layout exits 1" test "$rc" -eq 1 -a ! -e "$work/x.csv"
run --db "$gdb" export --format cbs --region GM0362 --period 2021H1 --out "$work/x.csv"
check "export for a municipality that is not a region exits 1" test "$rc" -eq 1 -a ! -e "$work/x.csv"
check "export names the bad region" grep -q "GM0362 is not a region" "$work/err"
run --db "$gdb" export --format cbs --region "" --period 2021H1 --out "$work/x.csv"
check "export with an empty region exports nothing (never the whole nation)" \
  test "$rc" -eq 1 -a ! -e "$work/x.csv"

# estimate on the imported deliveries: organisations as lists, linked by pseudonym
run --db "$gdb" estimate --region GM0363 --period 2021H1
if grep -q "delivered no\|at least two" "$work/err"; then est_region=GM0518; else est_region=GM0363; fi
run --db "$gdb" estimate --region "$est_region" --period 2021H1
check "estimate on deliveries exits 0" test "$rc" -eq 0
check "estimate on deliveries links the organisations" grep -q "^# capture histories: [2-8] lists" "$work/out"
check "estimate on deliveries reports N-hat" grep -q "^estimated N-hat: *[0-9]" "$work/out"
run --db "$gdb" estimate --region "$est_region" --period 2021H1 --lists NOPE,OTHER
check "estimate with unknown lists exits 1" test "$rc" -eq 1
check "estimate names the unknown list" grep -q "'NOPE' delivered no episodes" "$work/err"
run --db "$gdb" estimate --region GM9999 --date 2021-03-01
check "estimate for an unknown region exits 1" test "$rc" -eq 1

# generate --single-delivery-episodes: one large delivery, for the import benchmark
run generate --single-delivery-episodes 1000 --out "$work/single"
check "single delivery generates" test "$rc" -eq 0
check "single delivery reports 1000 episodes" grep -q "^generated one delivery in .*: 1000 service episodes of [0-9]* persons$" "$work/out"
run --db "$gdb" import "$work/single"
check "single delivery imports" test "$rc" -eq 0
check "single delivery holds 1,000 service episodes" grep -q "^  service_episodes: 1,000 rows$" "$work/out"
single_id=$(sed -n 's/^imported .* as delivery \([0-9]*\): .* version 1$/\1/p' "$work/out")
run --db "$gdb" deliveries show "${single_id:-0}"
check "the database holds the 1000 episodes" grep -q "^    service_episodes: 1000$" "$work/out"
run generate --single-delivery-episodes 0 --out "$work/single0"
check "--single-delivery-episodes 0 exits 1" test "$rc" -eq 1
run generate --single-delivery-episodes 10 --persons 5 --out "$work/single1"
check "--single-delivery-episodes with --persons exits 1" test "$rc" -eq 1
check "the combination is explained" grep -q "cannot be combined with --persons" "$work/err"

# demo: serves the page on a free port
"$bin" --db "sqlite:$work/demo.db" demo --port 0 --no-demo-data >"$work/demo.out" 2>"$work/demo.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/demo.out" 2>/dev/null | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
check "demo prints its address" test -n "$url"
if [ -n "$url" ]; then
  check "demo regions page has 43 regions" test "$(curl -fsS "$url/regios" | grep -c '<tr data-region=')" -eq 43
  check "demo home page is the overview" grep -q 'Landelijk overzicht' <(curl -fsS "$url/")
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

# accounts, API tokens and the audit log (issue 7, ADR 0012). stdin is never a terminal
# here: passwords come from the environment or one line on stdin.
adb="sqlite:$work/acc.db"
apw='Admin-pw-for-the-test-9f3k2'
upw='Uploader-pw-for-the-test-7q8w1'
run_in() {  # run_in STDIN-LINE ARGS...: run with one line on stdin; CSV's \r removed from out
  "$bin" "${@:2}" <<<"$1" >"$work/out" 2>"$work/err"
  rc=$?
}
csv() {  # csv ARGS...: run with --format csv, out without \r
  run "$@" --format csv </dev/null
  tr -d '\r' <"$work/out" >"$work/out.csv"
}
check "help lists users" grep -q "^  users " "$work/help"
check "help lists audit" grep -q "^  audit " "$work/help"
(unset ONDERDAK_ADMIN_PASSWORD ONDERDAK_USER_PASSWORD; run --db "$adb" init </dev/null; exit "$rc")
rc=$?
check "init without ONDERDAK_ADMIN_PASSWORD exits 0" test "$rc" -eq 0
check "init without a password says how to add an administrator" \
  grep -q "^administrator: none yet. Add one with 'onderdak users add admin --role administrator'" "$work/out"
csv --db "$adb" users list
check "init without a password creates no user" test "$(wc -l <"$work/out.csv")" -eq 1
ONDERDAK_ADMIN_PASSWORD=too-short run --db "$adb" init </dev/null
check "init with a short admin password exits 1" test "$rc" -eq 1
check "init names the password rule" grep -q "creating administrator 'admin': password: must be at least 12 characters long" "$work/err"
ONDERDAK_ADMIN_PASSWORD="$apw" ONDERDAK_LOG=debug run --db "$adb" init </dev/null
cat "$work/err" >>"$work/acc-debug.log"
check "init with ONDERDAK_ADMIN_PASSWORD exits 0" test "$rc" -eq 0
check "init creates the administrator" grep -q "^created administrator admin$" "$work/out"
ONDERDAK_ADMIN_PASSWORD="$apw" run --db "$adb" init </dev/null
check "init again keeps the one administrator" grep -q "^administrator: present" "$work/out"
ONDERDAK_ADMIN_PASSWORD="$apw" run --db "sqlite:$work/acc2.db" init --admin-user beheer </dev/null
check "init --admin-user names the administrator" grep -q "^created administrator beheer$" "$work/out"

ONDERDAK_USER_PASSWORD="$upw" ONDERDAK_LOG=debug run --db "$adb" users add upl --role provider_uploader \
  --region GM0363 --organisation KVK-12345678 </dev/null
cat "$work/err" >>"$work/acc-debug.log"
check "users add exits 0" test "$rc" -eq 0
check "users add reports the user" \
  grep -q "^added user upl (provider_uploader, aanleveraar), regions GM0363, organisation KVK-12345678$" "$work/out"
run_in "$upw" --db "$adb" users add rita --role regiobeheerder --region GM0363,GM0599
check "users add reads the password from stdin and takes Dutch role names" test "$rc" -eq 0
run_in "$upw" --db "$adb" users add sam --role region_steward
check "a steward without a region exits 1" test "$rc" -eq 1
check "a steward without a region names the rule" grep -q "region: role region_steward needs at least one region" "$work/err"
run_in "$upw" --db "$adb" users add sam --role region_steward --region GM9999
check "an unknown region is named" grep -q "region: 'GM9999' is not a region in force" "$work/err"
run_in "$upw" --db "$adb" users add sam --role provider_uploader --region GM0363
check "an uploader without an organisation names the rule" grep -q "organisation: role provider_uploader needs" "$work/err"
run_in "$upw" --db "$adb" users add sam --role king
check "an unknown role is named" grep -q "role: 'king' is not one of administrator, national_analyst" "$work/err"
run_in "short" --db "$adb" users add sam --role national_analyst
check "a short password exits 1" test "$rc" -eq 1
check "a short password names the rule" grep -q "password: must be at least 12 characters long" "$work/err"
run_in "samsamsamsam" --db "$adb" users add samsamsamsam --role national_analyst
check "the username as password is refused" grep -q "password: must not be the username" "$work/err"
run --db "$adb" users add sam --role national_analyst </dev/null
check "no password at all exits 1" test "$rc" -eq 1
check "no password says where to give one" grep -q "password: .*ONDERDAK_USER_PASSWORD" "$work/err"
run_in "$upw" --db "$adb" users add upl --role national_analyst
check "a duplicate user is named" grep -q "user 'upl' already exists" "$work/err"
run_in "$upw" --db "$adb" users add sam --role national_analyst --password "$upw"
check "there is no --password option" test "$rc" -eq 1
csv --db "$adb" users list
check "users list shows the three users" test "$(grep -c ',active,' "$work/out.csv")" -eq 3
check "users list shows rita's regions" grep -q '^rita,region_steward,"GM0363,GM0599",,active,' "$work/out.csv"
run --db "$adb" users list --format json </dev/null
check "users list as json" grep -q '"organisation": "KVK-12345678"' "$work/out"

ONDERDAK_LOG=debug run --db "$adb" users token create upl --label "upload server" </dev/null
cat "$work/err" >>"$work/acc-debug.log"
token=$(cat "$work/out")
check "token create exits 0" test "$rc" -eq 0
check "the token alone is printed, in the odk_ format" grep -Eqx 'odk_[A-Za-z0-9_-]{43}' "$work/out"
check "token create says it is shown once" grep -q "shown only now" "$work/err"
check "token create does not print the token on stderr" lacks "${token#odk_}" "$work/err"
run --db "$adb" users token list </dev/null
check "token list shows the label" grep -q "upload server" "$work/out"
check "token list never shows the token" lacks "${token#odk_}" "$work/out"
run --db "$adb" users token revoke 1 </dev/null
check "token revoke exits 0" test "$rc" -eq 0
run --db "$adb" users token revoke 1 </dev/null
check "revoking twice exits 1" test "$rc" -eq 1
check "revoking twice says so" grep -q "token 1 is already revoked" "$work/err"
csv --db "$adb" users token list
check "token list shows the revocation" grep -Eq '^1,upl,upload server,provider_uploader,GM0363,[0-9TZ:-]+,[0-9TZ:-]+$' "$work/out.csv"
run --db "$adb" users disable rita </dev/null
check "users disable exits 0" test "$rc" -eq 0
csv --db "$adb" users list
check "rita is disabled" grep -q '^rita,.*,disabled,' "$work/out.csv"
run --db "$adb" users token create rita --label x </dev/null
check "a disabled user gets no token" grep -q "user 'rita' is disabled" "$work/err"
newpw="a new password for rita"
run_in "$newpw" --db "$adb" users password rita
check "users password exits 0" test "$rc" -eq 0
check "users password says the sessions ended" grep -q "^set a new password for rita; its sessions were ended$" "$work/out"
run_in "short" --db "$adb" users password rita
check "users password refuses a short one" test "$rc" -eq 1
check "users password names the rule" grep -q "password: must be at least 12 characters long" "$work/err"
run_in "$newpw" --db "$adb" users password nobody
check "users password of an unknown user exits 1" test "$rc" -eq 1
check "users password of an unknown user says so" grep -q "user 'nobody' does not exist" "$work/err"
run --db "$adb" users enable rita </dev/null
check "users enable exits 0" test "$rc" -eq 0
csv --db "$adb" users list
check "rita is enabled again" grep -q '^rita,.*,active,' "$work/out.csv"
run --db "$adb" users enable rita </dev/null
check "enabling an enabled user exits 1" test "$rc" -eq 1
check "enabling an enabled user says so" grep -q "user 'rita' is not disabled" "$work/err"

csv --db "$adb" audit list
check "audit list exits 0" test "$rc" -eq 0
check "audit list holds the key binding and eight changes, and no refused one" test "$(wc -l <"$work/out.csv")" -eq 10
check "audit list names actions in order" test "$(cut -d, -f4 "$work/out.csv" | tr '\n' ' ')" = \
  "action key.bind user.add user.add user.add token.create token.revoke user.disable user.password user.enable "
csv --db "$adb" audit list --limit 2
check "audit list --limit 2" test "$(cut -d, -f1 "$work/out.csv" | tr '\n' ' ')" = "seq 8 9 "
run --db "$adb" audit verify </dev/null
check "audit verify passes on an intact log" test "$rc" -eq 0
check "audit verify counts the entries" grep -q "^audit log intact: 9 entries, last hash [0-9a-f]\{64\}$" "$work/out"

check "the debug log has debug lines" grep -q "\[debug\] added user upl" "$work/acc-debug.log"
check "the password is not in the debug log" lacks "$upw" "$work/acc-debug.log"
check "the admin password is not in the debug log" lacks "$apw" "$work/acc-debug.log"
check "the token is not in the debug log" lacks "${token#odk_}" "$work/acc-debug.log"
check "the database file exists" test -s "$work/acc.db"
check "the password is not in the database" lacks "$upw" "$work"/acc.db*
check "the admin password is not in the database" lacks "$apw" "$work"/acc.db*
check "the reset password is not in the database" lacks "$newpw" "$work"/acc.db*
check "the token is not in the database" lacks "${token#odk_}" "$work"/acc.db*

# Tampering: the triggers refuse; with them dropped, audit verify names the broken entry.
sqlite3 "$work/acc.db" "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3" 2>"$work/sqlerr"
check "sqlite3 cannot edit the audit log" grep -q "audit_log is append-only" "$work/sqlerr"
sqlite3 "$work/acc.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"
run --db "$adb" audit verify </dev/null
check "audit verify exits 1 after an edit" test "$rc" -eq 1
check "audit verify names the edited entry" grep -q "audit log is not intact: entry 3 was changed" "$work/err"
sqlite3 "$work/acc.db" "UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE seq = 2) WHERE seq = 3;
  DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4"
run --db "$adb" audit verify </dev/null
check "audit verify exits 1 after a deletion" test "$rc" -eq 1
check "audit verify names the missing entry" grep -q "entry 4 is missing" "$work/err"

# Targets and reference series (ADR 0024): init loaded the shipped lists; a bad file is
# refused naming file:line and changes nothing.
run --db "$db" targets list
check "targets list exits 0" test "$rc" -eq 0
check "targets list shows the 10,000 places with their deadline" grep -q "a2-extra-woonplekken-2021 .*10000 .*2021-12-31" "$work/out"
check "targets list shows zero homelessness in 2030" grep -q "p1-nul-dakloos-2030" "$work/out"
check "targets list counts the shipped targets" grep -q "^9 targets$" "$work/out"
printf 'id,indicator,measure,scope,comparison,value,unit,deadline,source,label_nl,label_en\nx,A2,places_realised,NL,at_least,5,places,2021-12-31,s,n,e\ny,A2,places_realised,NL,at_least,5,places,2021-13-31,s,n,e\n' >"$work/bad_targets.csv"
run --db "$db" targets import "$work/bad_targets.csv"
check "targets import of a bad file exits 1" test "$rc" -eq 1
check "targets import names file:line: column: rule" grep -q "bad_targets.csv:3: deadline: '2021-13-31' is not a date YYYY-MM-DD" "$work/err"
run --db "$db" targets versions --format csv
check "a refused targets file stores no version" test "$(grep -c '^[0-9]' "$work/out")" -eq 1
run --db "$db" series list
check "series list shows the CBS estimate for 2023" grep -q "CBS StatLine 80799ned .*2023-01-01 .*30600" "$work/out"
check "series list has no 2019 CBS figure" lacks "2019-01-01" "$work/out"
printf 'source,series,definition,unit,region,period,date,value\nCBS,d,def,persons,GM9999,2023,,1\n' >"$work/bad_series.csv"
run --db "$db" series import "$work/bad_series.csv"
check "series import of a bad region exits 1" test "$rc" -eq 1
check "series import names file:line" grep -q "bad_series.csv:2: region: 'GM9999'" "$work/err"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

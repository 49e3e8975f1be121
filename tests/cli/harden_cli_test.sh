#!/usr/bin/env bash
# Issue 16, the command line: hostile or careless input and a broken environment give a
# clear exit 1 naming what to do, never a crash (exit 2 or a signal), and change nothing.
# Usage: harden_cli_test.sh PATH/TO/onderdak
#
# The full and read-only disks are real: a small tmpfs mounted in a private user and mount
# namespace (`unshare -rm`, util-linux), which works as root and, where unprivileged user
# namespaces are allowed, without root. `chmod` cannot make a file read-only for root.
set -uo pipefail
bin=$1
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
db="sqlite:$work/o.db"
export ONDERDAK_KEY_FILE="$work/o.key"
# shellcheck source=tests/cli/test_lib.sh
source "$(dirname "$0")/test_lib.sh"

count_deliveries() {  # the number of stored versions in DB
  "$bin" --db "$1" deliveries list --all --format csv | tail -n +2 | wc -l
}

# --- 5. A mistyped --db creates nothing: only init creates a database.
for cmd in "regions list" "deliveries list" "import $work/none" "serve --port 0" "estimate --region GM0363 --period 2021H1"; do
  # shellcheck disable=SC2086  # cmd: words on purpose
  run --db "sqlite:$work/nonexistent/x.db" $cmd
  check "$cmd on a missing database exits 1" test "$rc" -eq 1
  check "$cmd on a missing database says to run init" \
    grep -q -F "no database at $work/nonexistent/x.db; run 'onderdak init' first" "$work/err"
done
check "no folder was created for the mistyped database" test ! -e "$work/nonexistent"
run --db "sqlite:$work/var/o.db" init
check "init creates the database and its folder (make demo's var/)" test "$rc" -eq 0 -a -f "$work/var/o.db"
rm -rf "$work/var"

run --db "$db" init
check "init exits 0" test "$rc" -eq 0

# --- 1. A manifest that overflowed std::regex's stack (exit 139) is refused, even with --check.
write_delivery "$work/frac" KVK-1
manifest KVK-1 "2021-07-01T00:00:00.$(head -c 40000 /dev/zero | tr '\0' 1)Z" >"$work/frac/manifest.json"
run --db "$db" import --check "$work/frac"
check "a 40,000-digit fraction with --check exits 1" test "$rc" -eq 1
check "a 40,000-digit fraction names the field" grep -q "manifest.json: created: is 40021 bytes, at most 35" "$work/err"
run --db "$db" import "$work/frac"
check "a 40,000-digit fraction exits 1" test "$rc" -eq 1
write_delivery "$work/ver" KVK-1
printf '{"format_version": %s, "region": "GM0363", "organisation": "KVK-1", "period": "2021H1", "created": "2021-07-01T00:00:00Z"}' \
  "$(head -c 400 /dev/zero | tr '\0' 9)" >"$work/ver/manifest.json"
run --db "$db" import "$work/ver"
check "a 400-digit format_version exits 1" test "$rc" -eq 1
check "a 400-digit format_version is explained" grep -q "number too large to read (format_version must be 1)" "$work/err"
write_delivery "$work/num" KVK-1
sed -i 's/"region": "GM0363"/"region": 363/' "$work/num/manifest.json"
run --db "$db" import "$work/num"
check "a numeric region exits 1" test "$rc" -eq 1
check "a numeric region names file and field" grep -q "manifest.json: region: must be a string" "$work/err"
write_delivery "$work/empty-org" ""
run --db "$db" import "$work/empty-org"
check "an empty organisation exits 1" test "$rc" -eq 1
check "an empty organisation names file and field" grep -q "manifest.json: organisation: must not be empty" "$work/err"
check "none of these stored anything" test "$(count_deliveries "$db")" -eq 0

# --- 2. Temporary folders: none left after an import, stale ones removed, a missing TMPDIR explained.
sh -c 'exit 0' &
dead_pid=$!
wait "$dead_pid"
mkdir -p "$TMPDIR/onderdak-upload-$dead_pid-AbCdEf" "$TMPDIR/onderdak-upload-$$-GhIjKl"
echo "PK" >"$TMPDIR/onderdak-upload-$dead_pid-AbCdEf/upload.zip"
write_delivery "$work/d1" KVK-1
run --db "$db" import "$work/d1"
check "import exits 0" test "$rc" -eq 0
check "the stale folder of a killed process is removed" test ! -e "$TMPDIR/onderdak-upload-$dead_pid-AbCdEf"
check "a running process's folder is kept" test -d "$TMPDIR/onderdak-upload-$$-GhIjKl"
rmdir "$TMPDIR/onderdak-upload-$$-GhIjKl"
check "import leaves nothing in TMPDIR" test -z "$(ls -A "$TMPDIR")"
write_delivery "$work/d2" KVK-2
TMPDIR="$work/no-such-tmp" run --db "$db" import "$work/d2"
check "a missing TMPDIR exits 1" test "$rc" -eq 1
check "a missing TMPDIR says what to do" grep -q "set TMPDIR to a writable folder" "$work/err"

# --- 3. The key is bound to the database.
ONDERDAK_KEY_FILE="$work/other.key" "$bin" --db "sqlite:$work/other.db" init >/dev/null 2>&1
check "a second deployment has its own key" test -f "$work/other.key"
before=$(count_deliveries "$db")
for cmd in "import $work/d2" "estimate --region GM0363 --period 2021H1" "deliveries archive 1 --out $work/x.zip" \
  "serve --port 0" "init"; do
  # shellcheck disable=SC2086
  ONDERDAK_KEY_FILE="$work/other.key" run --db "$db" $cmd
  check "$cmd with another key exits 1" test "$rc" -eq 1
  check "$cmd with another key says so" grep -q "is not this database's pseudonymisation key" "$work/err"
done
check "nothing was imported with the other key" test "$(count_deliveries "$db")" -eq "$before"
check "no archive was written with the other key" test ! -e "$work/x.zip"
run --db "$db" deliveries archive 1 --out "$work/x.zip"
check "with the right key the archive is written" test "$rc" -eq 0 -a -f "$work/x.zip"

# --- 6. Three concurrent imports of one new delivery: one version.
write_delivery "$work/c" KVK-C
for i in 1 2 3; do "$bin" --db "$db" import "$work/c" >"$work/c$i.out" 2>&1 & done
wait
check "three concurrent imports store one version" \
  test "$("$bin" --db "$db" deliveries list --all --format csv | grep -c ',KVK-C,')" -eq 1
check "the other two say unchanged" test "$(cat "$work"/c?.out | grep -c '^unchanged: ')" -eq 2

# --- 4. The environment: a file that is not a database, a folder, a full disk, a read-only disk.
head -c 16384 /dev/urandom >"$work/junk.db"
cp "$work/junk.db" "$work/junk.before"
run --db "sqlite:$work/junk.db" regions list
check "a file that is not a database exits 1" test "$rc" -eq 1
check "a file that is not a database is explained" grep -q "is not an onderdak database or is damaged" "$work/err"
check "the file is left as it was" cmp -s "$work/junk.db" "$work/junk.before"
run --db "sqlite:$work" regions list
check "a folder as database exits 1" test "$rc" -eq 1
check "a folder as database is explained" grep -q "is a folder, not a database file" "$work/err"

# A delivery large enough not to fit on a small disk: 20,000 persons.
mkdir -p "$work/big"
manifest KVK-BIG >"$work/big/manifest.json"
{
  echo "$persons_header"
  seq 1 20000 | awk '{printf "P-%d,,AB,1990-01-01,1990-01,M,NL,alleenstaand,GM0363\n", $1}'
} >"$work/big/persons.csv"
mkdir -p "$work/mnt"
db_kb=$(( $(stat -c %s "$work/o.db") / 1024 + 200 ))
in_namespace() {  # in_namespace SCRIPT: runs SCRIPT as root in a private mount namespace
  unshare -rm bash -c "$1" >"$work/out" 2>"$work/err"
  rc=$?
}
in_namespace "mount -t tmpfs -o size=${db_kb}k tmpfs '$work/mnt' && cp '$work/o.db' '$work/mnt/' &&
  '$bin' --db 'sqlite:$work/mnt/o.db' import '$work/big'"
check "a full disk exits 1" test "$rc" -eq 1
check "a full disk is explained" grep -q "is full; free space and try again" "$work/err"
in_namespace "mount -t tmpfs -o size=8m tmpfs '$work/mnt' && cp '$work/o.db' '$work/mnt/' &&
  mount -o remount,ro '$work/mnt' && '$bin' --db 'sqlite:$work/mnt/o.db' import '$work/d2'"
check "a read-only disk exits 1" test "$rc" -eq 1
check "a read-only disk is explained" grep -q "its folder is read-only or not writable for this user" "$work/err"
check "no temporary folder is left by the failures" test -z "$(ls -A "$TMPDIR")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

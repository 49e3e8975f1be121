#!/usr/bin/env bash
# End-to-end tests of `onderdak geo import|versions`. Usage: geo_cli_test.sh PATH/TO/onderdak SHARED.topo.json
# The shared boundary file is third-party data read in place (../shared/data/); when it is
# missing the test fails. Bad inputs are small files written here.
# Prints "N passed, N failed" and exits non-zero when any check failed.
set -uo pipefail
bin=$1
shared=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/o.db"
export ONDERDAK_KEY_FILE="$work/o.key"
# shellcheck source=tests/cli/test_lib.sh
source "$(dirname "$0")/test_lib.sh"

run() {  # run ARGS... on $db (replaces test_lib.sh's): sets rc, out, err
  "$bin" --db "$db" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}

has() { grep -q -F -- "$1" <<<"$2"; }

versions() {  # the number of stored boundary versions
  "$bin" --db "$db" geo versions --format csv | tail -n +2 | grep -c . || true
}

if [ ! -f "$shared" ]; then
  echo "FAIL: the shared boundary file $shared is missing (expected in ../shared/data/ beside the repository)" >&2
  exit 1
fi

run init
check "init" test "$rc" -eq 0
# init loads the shipped map (data/reference/municipalities_2023.topo.json): version 1.
check "init loads the shipped map" has "loaded the map: boundaries of 342 municipalities" "$out"
check "the shipped map: one version" test "$(versions)" -eq 1

run --help
check "help lists geo" grep -q "^  geo " "$work/out"
run geo import --help
check "geo import help names --code-property" has "--code-property" "$out"

# Bad inputs: exit 1, a message naming file, feature, property and rule; nothing stored.
printf '{"type": "Topology", ' >"$work/broken.json"
run geo import "$work/broken.json"
check "not JSON: exit 1" test "$rc" -eq 1
check "not JSON: message" has "broken.json: not valid JSON" "$err"

printf '[1, 2, 3]' >"$work/list.json"
run geo import "$work/list.json"
check "neither: exit 1" test "$rc" -eq 1
check "neither: message" has "list.json: neither a TopoJSON Topology nor a GeoJSON FeatureCollection" "$err"

sq() {  # sq X Y: a closed square ring around (X, Y) as JSON
  python3 -c "import json,sys; x,y=float(sys.argv[1]),float(sys.argv[2]); r=0.01 if abs(x)<1000 else 500;\
print(json.dumps([[x-r,y-r],[x+r,y-r],[x+r,y+r],[x-r,y+r],[x-r,y-r]]))" "$1" "$2"
}
feature() {  # feature PROPERTIES-JSON GEOMETRY-JSON
  printf '{"type":"Feature","properties":%s,"geometry":%s}' "$1" "$2"
}
poly() { printf '{"type":"Polygon","coordinates":[%s]}' "$(sq "$1" "$2")"; }
collection() {  # collection FEATURE...
  local IFS=,
  printf '{"type":"FeatureCollection","features":[%s]}' "$*"
}

collection "$(feature '{"code":"GM0363"}' "$(poly 4.9 52.37)")" "$(feature '{"name":"Utrecht"}' "$(poly 5.1 52.1)")" \
  >"$work/nocode.geojson"
run geo import "$work/nocode.geojson"
check "no code: exit 1" test "$rc" -eq 1
check "no code: message" has "nocode.geojson: features[1]: property 'code': missing" "$err"

collection "$(feature '{"code":"GM0363"}' "$(poly 4.9 52.37)")" "$(feature '{"code":"363"}' "$(poly 5.1 52.1)")" \
  >"$work/dup.geojson"
run geo import "$work/dup.geojson"
check "duplicate: exit 1" test "$rc" -eq 1
check "duplicate: message" has "dup.geojson: features[1] (GM0363): property 'code': duplicate code, already used by features[0]" "$err"

collection "$(feature '{"code":"GM0363"}' "$(poly 4.9 52.37)")" \
  "$(feature '{"code":"GM0344"}' '{"type":"LineString","coordinates":[[5.1,52.1],[5.2,52.2]]}')" >"$work/line.geojson"
run geo import "$work/line.geojson"
check "non-polygon: exit 1" test "$rc" -eq 1
check "non-polygon: message" has "line.geojson: features[1] (GM0344): geometry: must be a Polygon or MultiPolygon (it is a LineString)" "$err"

collection "$(feature '{"code":"GM0363"}' "$(poly 140.0 35.7)")" >"$work/tokyo.geojson"
run geo import "$work/tokyo.geojson"
check "absurd coordinates: exit 1" test "$rc" -eq 1
check "absurd coordinates: message" has "tokyo.geojson: features[0] (GM0363): coordinate (139.99, 35.69) is neither WGS84" "$err"

printf '{"type":"Topology","arcs":[],"objects":{"vr":{"type":"GeometryCollection","geometries":[{"type":"Polygon","properties":{"code":"VR01"},"arcs":[[0]]}]}}}' \
  >"$work/vr.topo.json"
run geo import "$work/vr.topo.json"
check "no municipality object: exit 1" test "$rc" -eq 1
check "no municipality object: message" has "vr.topo.json: no municipality object" "$err"

run geo import "$shared" --object nl_features
check "--object without codes: exit 1" test "$rc" -eq 1
check "--object without codes: message" has "nl-vr-gm.topo.json: no feature has a municipality code property" "$err"

run geo import "$work/absent.json"
check "absent file: exit 1" test "$rc" -eq 1

check "nothing stored after the bad files" test "$(versions)" -eq 1
run geo versions
check "versions" test "$rc" -eq 0

# The shared 2023 file: 342 municipalities, and every municipality in force is in it.
run geo import "$shared"
check "import: exit 0" test "$rc" -eq 0
check "import: summary" has "imported boundary version 2 from nl-vr-gm.topo.json" "$out"
check "import: format" has "TopoJSON, object gm_features, code property code" "$out"
check "import: coordinate system" has "WGS84 (lon/lat degrees)" "$out"
check "import: count" has "municipalities:    342" "$out"
check "import: complete" has "every municipality in force is in the file" "$out"
check "a second version" test "$(versions)" -eq 2

# The same bytes again: a no-op that says so.
run geo import "$shared"
check "re-import: exit 0" test "$rc" -eq 0
check "re-import: says so" has "nothing imported: " "$out"
check "re-import: still two versions" test "$(versions)" -eq 2

# A file that lacks municipalities and has one not in force: warnings, not refused (RD New).
collection "$(feature '{"statcode":"GM0363"}' "$(poly 121000 487000)")" \
  "$(feature '{"statcode":"GM9999"}' "$(poly 136000 455000)")" >"$work/rd.geojson"
run geo import "$work/rd.geojson"
check "partial file: exit 0" test "$rc" -eq 0
check "partial file: RD New" has "RD New (EPSG:28992, metres)" "$out"
check "partial file: missing warned" has "warning: municipalities in force missing from the file (not drawn on the map): 341 (GM" "$out"
check "partial file: unknown warned" has "warning: codes in the file that are not municipalities in force (ignored by the map): 1 (GM9999)" "$out"
check "three versions" test "$(versions)" -eq 3

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

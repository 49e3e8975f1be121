#!/usr/bin/env bash
# The projection to 2030 (issue 17): all 43 regions plus the nation, 1,000 bootstrap
# replicates each, to 2030, whole process (`onderdak projection --region all`), against the
# same command with --replicates 0 in the same run (loading, spells, point fits and the pace
# searches): the difference is the bootstrap, whose goal is at most 1 s on this machine. And
# a scenario change on the page: /projectie with a new scenario after the first request has
# fitted the units (goal: at most 200 ms).
# The plain baseline: the same model written with numpy (bench/projection_numpy.py, on the
# spells bench/projection_spells writes from the same database), timed in the same run; its
# expected paths and pace must equal onderdak's (the method is deterministic; the bands use
# different generators and are not compared). Installs Debian's python3-numpy when missing.
# The database: the generator's national dataset, 2019-2023, PERSONS (default 35,000).
#
# Usage: bench/projection_bench.sh [BUILD_DIR]   (after `make release`; default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(readlink -f "${1:-build/release}")
runs=${RUNS:-5}
persons=${PERSONS:-35000}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export ONDERDAK_KEY_FILE="$work/key" ONDERDAK_DB="sqlite:$work/nl.db"
bin="$build/bin/onderdak"
# Debian's python3, where apt-get installs numpy (not another python3 first on PATH).
py=${PYTHON:-/usr/bin/python3}
source bench/whole_process.sh
national_db "$bin" "$persons"

if ! "$py" -c 'import numpy' 2>/dev/null; then
  echo "projection_bench: installing python3-numpy" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-numpy
fi

full=$(best "$bin" projection --region all --replicates 1000 --format json)
zero=$(best "$bin" projection --region all --replicates 0 --format json)
boot=$((full - zero))
ratio=$(awk -v a="$full" -v b="$zero" 'BEGIN { printf "%.2f", a / b }')
echo "projection, 43 regions + NL: 1,000 replicates ${full} ms, none ${zero} ms, bootstrap ${boot} ms"
echo "BENCHROW|projection / all units x 1000 replicates ms|$full|$zero|$ratio|-|-"
echo "BENCHROW|projection / bootstrap of all units ms|$boot|-|-|<=1000 ms|$( ((boot <= 1000)) && echo yes || echo no)"

# numpy: the spells once, then the model (its own timing: fitting, bootstrap and pace, as
# the difference full - zero above plus the point fits).
"$build/bench/projection_spells" "$ONDERDAK_DB" "$work"
"$bin" projection --region all --replicates 0 --format json >"$work/cpp.json"
"$py" bench/projection_numpy.py "$work" 1000 "$work/numpy.json"
"$py" - "$work/cpp.json" "$work/numpy.json" <<'PY'
import json, sys
cpp = {u["unit"]: u for u in json.load(open(sys.argv[1]))}
py = json.load(open(sys.argv[2]))["units"]
assert set(cpp) == set(py), (sorted(cpp), sorted(py))
worst = 0.0
for code, u in cpp.items():
    a = [p["median"] for p in u["projection"]]  # without replicates: the expected path, unrounded
    b = py[code]["expected"]
    assert len(a) == len(b), code
    for x, y in zip(a, b):
        worst = max(worst, abs(x - y) / max(1.0, abs(y)))
    for k, j in (("needed_for_zero_per_half_year", "needed_zero"),
                 ("needed_for_functional_zero_per_half_year", "needed_functional_zero")):
        assert abs(u["pace"][k] - py[code][j]) <= 0.05 + 1e-3 * abs(py[code][j]), (code, k, u["pace"][k], py[code][j])
assert worst < 1e-9, worst
print(f"numpy and onderdak agree: {len(cpp)} units, largest relative difference of an expected value {worst:.1e}")
PY
numpy_ms=$("$py" -c "import json; print(int(json.load(open('$work/numpy.json'))['seconds'] * 1000))")
ratio=$(awk -v a="$full" -v b="$numpy_ms" 'BEGIN { printf "%.3f", a / b }')
echo "BENCHROW|projection / all units x 1000 replicates vs numpy ms|$full|$numpy_ms|$ratio|-|-"

# The page: fit once (first request), then a changed scenario.
"$bin" serve --port 0 >"$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q 'serves http' "$work/serve.out" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
first_s=$(ms)
curl -sf -o /dev/null "$base/projectie"
first=$((($(ms) - first_s) / 1000000))
page=$(best curl -sf -o /dev/null "$base/projectie?preventie=20&extra=50&wonen_eerst=10&terugval=25")
echo "page: first request (fits every unit) ${first} ms, a changed scenario ${page} ms"
echo "BENCHROW|projection / page, first request ms|$first|-|-|-|-"
echo "BENCHROW|projection / page, scenario change ms|$page|-|-|<=200 ms|$( ((page <= 200)) && echo yes || echo no)"

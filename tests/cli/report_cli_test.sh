#!/usr/bin/env bash
# `onderdak report` (issue 18, ADR 0038): a region's yearly report as HTML and as PDF
# printed by Debian's headless Chromium. The PDF is A4, tagged, with embedded fonts, page
# numbers and onderdak's metadata; every key figure in its text (pdftotext) equals the
# public figure `onderdak indicators --public` gives for the same region and half-year; the
# same database and arguments give the same HTML; bad arguments are refused, writing
# nothing. The PDF's pages are rendered (pdftoppm) into the screenshot folder for a person
# to look at. Usage: report_cli_test.sh PATH/TO/onderdak
set -uo pipefail
bin=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots=${ONDERDAK_SCREENSHOT_DIR:-$(dirname "$bin")/../test-output}
mkdir -p "$shots"
source "$(dirname "$0")/test_lib.sh"
export ONDERDAK_KEY_FILE="$work/o.key" ONDERDAK_DB="sqlite:$work/o.db"

"$bin" init >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }
"$bin" generate --out "$work/gen" --persons 3000 --from 2020 --to 2021 --seed 11 >/dev/null 2>&1 &&
  "$bin" import --quiet "$work/gen" >/dev/null 2>&1 || { echo "generate/import failed" >&2; exit 1; }

# --- HTML: self-contained, reproducible ---
run report --region GM0363 --year 2021 --out "$work/r1.html"
check "html: written" test "$rc" -eq 0 -a -s "$work/r1.html"
check "html: says what it wrote" grep -q "wrote $work/r1.html (region GM0363, 2021" "$work/out"
run report --region GM0363 --year 2021 --out "$work/r2.html"
check "html: the same database and arguments give the same bytes" cmp -s "$work/r1.html" "$work/r2.html"
check "html: no script" bash -c "! grep -qi '<script' '$work/r1.html'"
check "html: nothing fetched (no src or stylesheet link)" bash -c "! grep -Eqi '(src=|<link )' '$work/r1.html'"
check "html: states the deliveries' version" grep -q 'name="onderdak:deliveries-version" content="[0-9]' "$work/r1.html"
check "html: synthetic data said so" grep -q 'id="synthetic-data"' "$work/r1.html"
run report --region GM0363 --year 2021 --lang en --out "$work/en.html"
check "html: English on request" grep -q '<html lang="en">' "$work/en.html"

# --- PDF ---
start=$(date +%s%N)
run report --region GM0363 --year 2021 --out "$work/r.pdf"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "pdf: written" test "$rc" -eq 0 -a -s "$work/r.pdf"
echo "report pdf in ${ms} ms (debug build; bench/report_bench.sh measures the release build)"
pdfinfo "$work/r.pdf" >"$work/info" 2>&1
check "pdf: A4" grep -q 'Page size: *594.96 x 841.92 pts (A4)' "$work/info"
check "pdf: tagged for screen readers" grep -q '^Tagged: *yes' "$work/info"
check "pdf: title" grep -q '^Title: *Dakloosheid en Wonen Eerst in de regio Amsterdam, 2021' "$work/info"
check "pdf: author and creator" bash -c "grep -q '^Author: *onderdak' '$work/info' && grep -q '^Creator: *onderdak ' '$work/info'"
check "pdf: the deliveries' version in the keywords" grep -q '^Keywords: *region=GM0363; period=2021; definition=monitor; deliveries-version=[0-9]' "$work/info"
pages=$(awk '/^Pages:/ { print $2 }' "$work/info")
check "pdf: a report of several pages ($pages)" test "${pages:-0}" -ge 5
pdffonts "$work/r.pdf" >"$work/fonts" 2>&1
check "pdf: fonts listed" test "$(tail -n +3 "$work/fonts" | wc -l)" -ge 1
check "pdf: every font embedded" bash -c "tail -n +3 '$work/fonts' | awk '{ if (\$(NF-4) != \"yes\") bad = 1 } END { exit bad }'"
pdftotext -layout "$work/r.pdf" "$work/r.txt"
check "pdf: page numbers" grep -q "Pagina 1 van $pages" "$work/r.txt"
check "pdf: chapters" bash -c "grep -q 'Wonen Eerst en woonplekken' '$work/r.txt' && grep -q 'Bijlage A. Definities' '$work/r.txt'"

# Every key figure (the first page's table) equals the public figure for the same request.
"$bin" indicators --public --region GM0363 --period 2021H2 --format json >"$work/api.json" 2>"$work/err"
python3 - "$work/r1.html" "$work/api.json" "$work/r.txt" >"$work/compare" 2>&1 <<'PY'
import html, json, re, sys
page, api, text = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
figures = {(f["indicator"], f["measure"]): f for f in api if f["breakdown"] == "total"}
rows = re.findall(r'<tr data-indicator="(\w+)" data-measure="([\w.]+)"><th scope="row">[^<]*</th><td class="num" data-value="([^"]*)">(.*?)</td>', page)
rows = [(i, m, v, re.sub(r"<[^>]+>", "", re.sub(r"<small>.*?</small>", "", s))) for i, m, v, s in rows]
assert len(rows) >= 6, rows
def dutch(v, unit):
    if unit == "share":
        return ("%.1f" % (v * 100)).replace(".", ",") + " %"
    whole = abs(v - round(v)) < 1e-9
    s = "{:,.0f}".format(v) if whole else "{:,.1f}".format(v)
    s = s.replace(",", "X").replace(".", ",").replace("X", ".")
    return s + (" dagen" if unit == "days" else "")
compared = 0
for indicator, measure, value, shown in rows:
    f = figures.get((indicator, measure))
    assert f is not None, (indicator, measure)
    if f["value"] is None:
        assert html.unescape(shown).strip() in ("x", "n.g.", "n.v.t.", "o.g."), (indicator, measure, shown)
        continue
    assert value != "" and abs(float(value) - f["value"]) < 1e-9, (indicator, measure, value, f["value"])
    expected = dutch(f["value"], f["unit"])
    assert html.unescape(shown).strip() == expected, (indicator, measure, shown, expected)
    assert expected in text, ("not in the PDF", indicator, measure, expected)
    compared += 1
assert compared >= 4, compared
# A2 per funding line (the housing chapter) equals the public figure of each line.
lines = {f["breakdown"][len("funding_line="):]: f["value"] for f in api
         if f["indicator"] == "A2" and f["measure"] == "lines_gross_places_realised" and f["breakdown"] != "total"}
shown_lines = re.findall(r'<tr data-line="(\w+)"><th scope="row">[^<]*</th><td class="num" data-value="([^"]*)">', page)
assert len(shown_lines) >= 3, shown_lines
for line, value in shown_lines:
    expected = lines.get(line)
    assert (value == "") == (expected is None), (line, value, expected)
    if expected is not None:
        assert abs(float(value) - expected) < 1e-9, (line, value, expected)
        compared += 1
print("compared", compared, "key figures and funding lines")
PY
check "pdf: every key figure equals the public figure ($(tail -1 "$work/compare"))" grep -q '^compared' "$work/compare"

# The pages as pictures, for a person to look at.
rm -f "$shots"/report-GM0363-2021-*.png
pdftoppm -r 50 -png "$work/r.pdf" "$shots/report-GM0363-2021" 2>/dev/null
check "pdf: pages rendered to pictures" test "$(ls "$shots"/report-GM0363-2021-*.png 2>/dev/null | wc -l)" -eq "$pages"

# --- The national half-year report ---
run report --national --period 2021H2 --out "$work/nl.html"
check "national html: written" test "$rc" -eq 0 -a -s "$work/nl.html"
run report --national --period 2021H2 --out "$work/nl.pdf"
check "national pdf: written" test "$rc" -eq 0 -a -s "$work/nl.pdf"
pdfinfo "$work/nl.pdf" >"$work/nlinfo" 2>&1
check "national pdf: title" grep -q '^Title: *Dakloosheid en Wonen Eerst in Nederland, 2e halfjaar 2021' "$work/nlinfo"
check "national pdf: keywords" grep -q '^Keywords: *region=NL; period=2021H2; definition=monitor; deliveries-version=[0-9]' "$work/nlinfo"
check "national pdf: tagged" grep -q '^Tagged: *yes' "$work/nlinfo"
pdftotext -layout "$work/nl.pdf" "$work/nl.txt"
nlpages=$(awk '/^Pages:/ { print $2 }' "$work/nlinfo")
rm -f "$shots"/report-NL-2021H2-*.png
pdftoppm -r 50 -png "$work/nl.pdf" "$shots/report-NL-2021H2" 2>/dev/null
check "national pdf: pages rendered to pictures" test "$(ls "$shots"/report-NL-2021H2-*.png 2>/dev/null | wc -l)" -eq "${nlpages:-0}"
check "national pdf: coverage, map and all regions" bash -c "grep -q 'De landelijke cijfers van deze periode gaan over' '$work/nl.txt' && grep -q 'Kaart' '$work/nl.txt' && grep -q \"Alle regio's\" '$work/nl.txt'"
# Every cell of the regions table (each region and the nation) equals the public figure.
"$bin" indicators --public --period 2021H2 --format json >"$work/all.json" 2>"$work/err"
python3 - "$work/nl.html" "$work/all.json" >"$work/nlcompare" 2>&1 <<'PY'
import json, re, sys
page, api = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
table = page[page.index('<table id="regions">'):]
table = table[:table.index("</table>")]
measures = re.findall(r'<th scope="col" class="num" data-measure="([^"]+)">', table)
assert len(measures) >= 4, measures
# A region that did not deliver has no figure in the report ("n.g."); the API may carry its
# latest delivered A2 state forward (carried_from), which the report does not show as current.
figures = {(f["region"], f["indicator"] + "." + f["measure"]): (None if f.get("carried_from") else f["value"])
           for f in api if f["breakdown"] == "total"}
rows = re.findall(r'<tr data-region="(\w+)">(.*?)</tr>', table)
assert len(rows) >= 40, len(rows)
compared = 0
# A region that did not deliver for the half-year (A7: no organisation) shows "n.g." throughout.
absent = {r for (r, k), v in figures.items() if k == "A7.organisations_delivered" and v == 0}
for region, cells in rows:
    values = re.findall(r'<td class="num" data-value="([^"]*)">', cells)
    assert len(values) == len(measures), (region, values)
    if region in absent:
        assert all(v == "" for v in values), (region, values)
        continue
    for key, value in zip(measures, values):
        if region == "NL" and key == "A7.organisations_delivered":
            key = "A7.regions_delivered"  # nationally A7 counts regions (its national measure)
        expected = figures.get((region, key))
        if expected is None:
            assert value == "", (region, key, value)
        else:
            assert value != "" and abs(float(value) - expected) < 1e-9, (region, key, value, expected)
            compared += 1
assert compared >= 100, compared
print("compared", compared, "cells")
PY
check "national: every region's figures equal the public figures ($(tail -1 "$work/nlcompare"))" grep -q '^compared' "$work/nlcompare"
run report --national --period 2019H2 --out "$work/bad.html"
check "national: a half-year without deliveries refused" bash -c "[ $rc -eq 1 ] && grep -q 'no deliveries for 2019H2; half-years with deliveries: 2020H1, 2020H2, 2021H1, 2021H2' '$work/err'"
run report --national --period 2021 --out "$work/bad.html"
check "national: a year is not a half-year" bash -c "[ $rc -eq 1 ] && grep -q \"'2021' is not a half-year\" '$work/err'"
run report --national --region GM0363 --period 2021H2 --out "$work/bad.html"
check "region and national together refused" bash -c "[ $rc -eq 1 ] && grep -q 'give either --region' '$work/err' && [ ! -e '$work/bad.html' ]"

# --- Bad arguments: a clear message, nothing written ---
run report --region GM9999 --year 2021 --out "$work/bad.html"
check "unknown region refused" bash -c "[ $rc -eq 1 ] && grep -q \"'GM9999' is not a region\" '$work/err' && [ ! -e '$work/bad.html' ]"
run report --region GM0363 --year 2019 --out "$work/bad.html"
check "year without deliveries refused, naming the years with some" bash -c "[ $rc -eq 1 ] && grep -q 'no deliveries for 2019; years with deliveries: 2020, 2021' '$work/err'"
run report --region GM0363 --year 2021 --out "$work/bad.txt"
check "unknown output type refused" bash -c "[ $rc -eq 1 ] && grep -q 'must end in .html or .pdf' '$work/err' && [ ! -e '$work/bad.txt' ]"
run report --region GM0363 --year 2021 --definition ruim --out "$work/bad.html"
check "unknown definition refused" bash -c "[ $rc -eq 1 ] && grep -q 'ruim' '$work/err' && [ ! -e '$work/bad.html' ]"
ONDERDAK_CHROMIUM="$work/no-browser" run report --region GM0363 --year 2021 --out "$work/bad.pdf"
check "no browser: says what to install, writes nothing" bash -c "[ $rc -ne 0 ] && grep -q 'chromium-headless-shell' '$work/err' && [ ! -e '$work/bad.pdf' ]"

echo "report: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

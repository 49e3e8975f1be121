// Browser test: after `onderdak population import` of a file in CBS's StatLine layout, the
// map (/kaart) colours a count of persons per 10,000 inhabitants (ADR 0037): the legend
// has colour classes, no circles are drawn, each region's rate in the table is its count
// times 10,000 over its inhabitants, and the note names the population's date and file.
// Choosing "aantal (cirkels)" gives the circles back; a share is shown as it is. axe-core
// finds no violation of any impact in either view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, shots, generatedYear, axeViolations } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const referenceCsv = join(here, '..', '..', '..', 'data', 'reference', 'regions_2023_approximate.csv');
const allImpacts = ['minor', 'moderate', 'serious', 'critical'];

// Synthetic inhabitants per municipality (not CBS's figures): 20,000 to 119,999.
// Code (first column) and centrumgemeente (the sixth, counted from the end: a name may hold
// a quoted comma, "Nuenen, Gerwen en Nederwetten").
const rowsOfReference = readFileSync(referenceCsv, 'utf8').trim().split('\n').slice(1).map((l) => {
  const f = l.split(',');
  return [f[0], f[f.length - 2]];
});
const codes = rowsOfReference.map((f) => f[0]);
const inhabitants = new Map(codes.map((c, i) => [c, 20000 + ((i * 7919) % 100000)]));
// Region (its centrumgemeente's code) -> its inhabitants, as the test expects them.
const regionTotals = new Map();
for (const [code, region] of rowsOfReference) regionTotals.set(region, (regionTotals.get(region) ?? 0) + inhabitants.get(code));

let web;

before(async () => {
  web = await startServer(['serve'], (run, dir) => {
    generatedYear(run, dir);
    const lines = ['"ID";"RegioS";"Perioden";"TotaleBevolking_1"', '"0";"NL01  ";"2021JJ00";"17475415"'];
    codes.forEach((c, i) => lines.push(`"${i + 1}";"${c}    ";"2021JJ00";"${inhabitants.get(c)}"`));
    const file = join(dir, 'bevolking.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    run('population', 'import', file);
  });
});

after(async () => { await web?.stop(); });

// "1.234,5" -> 1234.5
const dutch = (text) => Number(text.trim().replace(/\./g, '').replace(',', '.'));

test('persons are coloured per 10,000 inhabitants, with the count and inhabitants beside', async () => {
  const { page, res, problems } = await web.openPage('/kaart?period=2021H2');
  assert.equal(res.status(), 200);
  await page.waitForFunction(() => document.getElementById('map-view').dataset.drawn === 'boundaries');
  assert.equal(await page.getAttribute('#map-view', 'data-scale'), 'per10k');
  assert.equal(await page.locator('#map-symbols circle').count(), 0, 'no circles');
  assert.equal(await page.locator('#map-legend li[data-class="0"]').count(), 1, 'colour classes');
  assert.match(await page.textContent('#map-caption'), /per 10\.000 inwoners, 2e halfjaar 2021/);
  assert.match(await page.textContent('#map-population'), /op 1 januari 2021 \(bestand bevolking\.csv\)/);
  const rows = await page.locator('#map-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    region: tr.dataset.region, state: tr.dataset.state, cells: [...tr.querySelectorAll('td.num')].map((td) => td.textContent) })));
  assert.equal(rows.length, 43);
  let checked = 0;
  for (const r of rows) {
    const total = regionTotals.get(r.region);
    assert.equal(dutch(r.cells[1]), total, `inhabitants of ${r.region}`);
    if (r.state !== 'value') continue;
    const rate = (dutch(r.cells[0]) * 10000) / total;
    assert.equal(r.cells[2].trim(), rate.toFixed(1).replace('.', ','), `rate of ${r.region}`);
    ++checked;
  }
  assert.ok(checked >= 10, `regions with a value: ${checked}`);
  // The tile's shape is coloured by its class, as the legend says.
  const classes = await page.locator('#map a.tile path').evaluateAll((ps) => ps.map((p) => p.dataset.class));
  assert.equal(classes.filter((c) => /^[0-4]$/.test(c)).length, checked);
  assert.deepEqual(await axeViolations(page, allImpacts), []);
  await page.screenshot({ path: join(shots, 'map-per10k-nl.png'), fullPage: true });

  await page.selectOption('#scale', 'count');
  await page.waitForFunction(() => {
    const view = document.getElementById('map-view');
    return view.dataset.scale === 'own' && view.dataset.drawn === 'boundaries';
  });
  assert.equal(await page.locator('#map-symbols circle').count(), checked, 'one circle per count');
  assert.equal(await page.locator('#map-population').count(), 0);
  assert.match(page.url(), /scale=count/);
  assert.deepEqual(await axeViolations(page, allImpacts), []);

  await page.selectOption('#scale', 'rate');
  await page.selectOption('#measure', 'P6.to_housing_share');
  await page.waitForFunction(() => document.getElementById('map-view').dataset.measure === 'P6.to_housing_share');
  assert.equal(await page.getAttribute('#map-view', 'data-scale'), 'own');
  assert.match(await page.textContent('#map-population'), /alleen voor aantallen personen en plekken/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a scale that is neither rate nor count is refused with the Dutch error page', async () => {
  const { page, res } = await web.openPage('/kaart?scale=ratio');
  assert.equal(res.status(), 400);
  assert.match(await page.textContent('main'), /scale/);
  await page.close();
});

// Browser test: the map (/kaart), a region's page (/regio/{code}) and the comparison
// table (/vergelijk) on generated, imported data, in Debian's chromium-headless-shell
// driven by playwright-core. Any console error or uncaught exception fails a test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, shots, generatedYear } from './harness.mjs';

let web, baseUrl;

before(async () => {
  web = await startServer(['serve'], generatedYear);
  baseUrl = web.baseUrl;
});

after(async () => { await web?.stop(); });

// The map is drawn with the shipped boundaries (`onderdak init` loads them): each tile's
// square becomes its region's shape.
const drawn = (page, measure) => page.waitForFunction((m) => {
  const view = document.getElementById('map-view');
  return view.dataset.drawn === 'boundaries' && (!m || view.dataset.measure === m);
}, measure);
const fills = (page) => page.locator('#map a.tile path').evaluateAll((shapes) => shapes.map((r) => r.getAttribute('fill')));

test('the map shows 43 regions, counts as circles, and choosing a share colours them in place', async () => {
  const { page, res, problems } = await web.openPage('/kaart?period=2021H2');
  assert.equal(res.status(), 200);
  await drawn(page);
  assert.equal(await page.locator('#map a.tile').count(), 43);
  assert.equal(await page.locator('#map-table tbody tr').count(), 43);
  // P1 is a count: a circle per region with a value, on a neutral ground (issue 21 item 5).
  const before = await fills(page);
  const counted = await page.locator('#map-table tbody tr[data-state="value"]').count();
  assert.ok(counted >= 10, 'regions with a value');
  assert.equal(await page.locator('#map circle.symbol').count(), counted);
  assert.equal(before.filter((f) => f === '#f1f4f8').length, counted);
  // Suppressed values are marked as such, never drawn as a zero.
  for (const row of await page.locator('#map-table tbody tr[data-state="suppressed"] td.num').allTextContents()) {
    assert.equal(row.trim(), 'x');
  }
  await page.screenshot({ path: join(shots, 'map-nl.png'), fullPage: true });
  const url = page.url();
  await page.selectOption('#measure', 'P6.to_housing_share');
  await drawn(page, 'P6.to_housing_share');
  assert.equal(page.url().includes('measure=P6.to_housing_share'), true, 'the URL follows the choice');
  assert.notEqual(url, page.url());
  const after = await fills(page);
  assert.equal(after.length, 43);
  assert.notDeepEqual(after, before, 'the tiles are coloured');
  assert.equal(await page.locator('#map circle.symbol').count(), 0, 'a share is a colour, not a circle');
  assert.match(await page.textContent('#map-caption'), /Uitstroom naar wonen, 2e halfjaar 2021/);
  // The table alternative follows too, and agrees with the API.
  const api = await (await fetch(`${baseUrl}/api/v1/indicators?period=2021H2&indicator=P6`)).json();
  const shown = page.locator('#map-table tr[data-state="value"]').first();
  const code = await shown.getAttribute('data-region');
  const figure = api.figures.find((f) => f.region === code && f.measure === 'to_housing_share' && f.breakdown === 'total');
  assert.equal(Number(await shown.locator('td.num').getAttribute('data-value')), figure.value);
  assert.match(await page.getAttribute(`#map a.tile[data-region="${code}"] path`, 'data-class'), /^[0-4]$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a tile is a keyboard-reachable link, and clicking it opens the region page with its figures', async () => {
  const { page, problems } = await web.openPage('/kaart?period=2021H2');
  await page.focus('#map a.tile[data-region="GM0599"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.region), 'GM0599');
  assert.match(await page.textContent('#map a.tile[data-region="GM0599"] > title'), /^Rotterdam \(GM0599\): /);
  // The keyboard opens a region: focus its link, press Enter.
  await page.focus('#map a.tile[data-region="GM0363"]');
  await Promise.all([page.waitForURL(/\/regio\/GM0363/), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('#region-title'), /Amsterdam/);
  assert.equal(await page.locator('section.trend').count(), 20);  // one per headline measure (web/dashboard.cc)
  // Every trend is drawn by chart.js (served locally) and also given as a table.
  await page.waitForFunction(() => [...document.querySelectorAll('section.trend canvas')].every((c) => Chart.getChart(c)));
  const api = await (await fetch(`${baseUrl}/api/v1/indicators?period=2021H2&indicator=P1`)).json();
  const region = api.figures.find((f) => f.region === 'GM0363' && f.measure === 'persons_on_date' && f.breakdown === 'total');
  const national = api.figures.find((f) => f.region === 'NL' && f.measure === 'persons_on_date' && f.breakdown === 'total');
  const row = page.locator('table[data-indicator="P1"] tr[data-period="2021H2"]');
  assert.equal(await row.locator('td.region').getAttribute('data-value'), region.value === null ? '' : String(region.value));
  assert.equal(Number(await row.locator('td.national').getAttribute('data-value')), national.value);
  assert.equal(await page.locator('#completeness-table tbody tr').count(), 2);
  await page.screenshot({ path: join(shots, 'region-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CSV downloaded from the region page is the API CSV', async () => {
  const { page, problems } = await web.openPage('/regio/GM0363?lang=en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a.download-csv[data-period="2021H2"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'indicatoren-2021H2-GM0363.csv');
  const downloaded = readFileSync(await download.path(), 'utf8');
  const api = await (await fetch(`${baseUrl}/api/v1/indicators?period=2021H2&region=GM0363&format=csv`)).text();
  assert.equal(downloaded, api);
  // ... and holds the figure the page shows.
  const shown = await page.getAttribute('table[data-indicator="A2"] tr[data-period="2021H2"] td.region', 'data-value');
  const row = api.split('\n').map((l) => l.split(','))
    .find((f) => f[0] === 'A2' && f[1] === 'GM0363' && f[4] === 'total' && f[9] === 'places_realised');
  assert.ok(row, 'the CSV has A2 places_realised for Amsterdam');
  assert.equal(row[5], shown);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the comparison table sorts by a column with the keyboard, and says so with aria-sort', async () => {
  const { page, problems } = await web.openPage('/vergelijk?period=2021H2');
  assert.equal(await page.locator('#compare tbody tr').count(), 43);
  const header = page.locator('#compare thead th[data-measure="P1.persons_on_date"]');
  const column = Number(await header.locator('button').getAttribute('data-column'));
  const values = () => page.locator('#compare tbody tr').evaluateAll(
    (rows, c) => rows.map((r) => r.cells[c].dataset.value).filter((v) => v !== '').map(Number), column);
  await header.locator('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.equal(await page.getAttribute('#compare thead th:first-child', 'aria-sort'), 'none');
  const up = await values();
  assert.ok(up.length > 10);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const down = await values();
  assert.deepEqual(down, [...up].sort((a, b) => b - a));
  // Regions without a published value stay at the bottom.
  const last = await page.locator('#compare tbody tr:last-child').evaluate((r, c) => r.cells[c].dataset.value, column);
  if (up.length < 43) assert.equal(last, '');
  await page.screenshot({ path: join(shots, 'compare-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

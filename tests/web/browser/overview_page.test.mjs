// Browser test: the national overview (/overzicht) on generated, imported data, in Debian's
// chromium-headless-shell driven by playwright-core. The test makes its own database:
// init, generate (one year, small), import, then serve on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer, shots, generatedYear } from './harness.mjs';

// After the generated year, one provider of one region uploads two persons for 2022H1
// (issue 22): that early upload must not become the home page, nor show as a national 0.
function withEarlyUpload(run, dir) {
  generatedYear(run, dir);
  const early = join(dir, 'early');
  mkdirSync(early);
  writeFileSync(join(early, 'manifest.json'), JSON.stringify({
    format_version: 1, region: 'GM0363', organisation: 'KVK-99999999', organisation_name: 'Vroeg',
    period: '2022H1', created: '2022-02-01T00:00:00Z' }));
  writeFileSync(join(early, 'persons.csv'),
    'record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n' +
    'P-1,111222333,,,1990-04,M,NL,alleenstaand,GM0363\nP-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n');
  writeFileSync(join(early, 'service_episodes.csv'),
    'record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n' +
    'S-1,P-1,24uursopvang,,GM0363,2022-01-01,,\nS-2,P-2,nachtopvang,,GM0363,2021-12-01,,\n');
  run('import', '--quiet', early);
}

let web, baseUrl;
const openPage = (path) => web.openPage(path);

before(async () => {
  web = await startServer(['serve'], withEarlyUpload);
  baseUrl = web.baseUrl;
});

after(async () => { await web?.stop(); });

// "12.345" (Dutch thousands) -> 12345
const dutchNumber = (text) => Number(text.trim().replaceAll('.', '').replace(',', '.'));

test('the overview shows the key figures against their targets, in Dutch', async () => {
  const { page, res, problems } = await openPage('/overzicht');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.match(await page.textContent('#overview-title'), /Landelijk overzicht 2e halfjaar 2021/);
  // Where the figures come from, and the date counts on one day hold on.
  assert.match(await page.textContent('#source'),
    /^Bron: de registraties .* Periode: 2e halfjaar 2021; aantallen op één dag gelden op de peildatum 1 juli 2021\./);
  // Housing places: a progress bar against the 10,000 ambition, its number beside it.
  assert.equal(await page.getAttribute('#housing-progress', 'max'), '10000');
  const realised = dutchNumber(await page.textContent('#housing-distinct'));
  assert.ok(realised > 0, 'realised places');
  assert.equal(Number(await page.getAttribute('#housing-progress', 'value')), Math.min(realised, 10000));
  // Each funding line's gross count; together they exceed the distinct total (lines overlap).
  const lines = await page.locator('#funding-lines tbody tr td').allTextContents();
  assert.equal(lines.length, 5);
  assert.ok(lines.map(dutchNumber).reduce((a, b) => a + b, 0) > realised);
  assert.match(await page.textContent('#regions-delivered .value'), /^\d+ van 43$/);
  assert.match(await page.textContent('#plans-adopted .value'), /^\d+ van 43$/);
  assert.match(await page.textContent('#stays-over-90 .value'), /^\d+,\d %$/);
  // The national figures name the regions they cover.
  assert.match(await page.textContent('#coverage'), /\d+ van 43 regio's/);
  assert.equal(await page.locator('#coverage-insufficient').count(), 0);
  // Homeless persons per half-year: the comparable series as a chart (a bar for each
  // half-year with enough regions, a mark for the early one), and the table with the
  // comparable and the not comparable counts.
  assert.equal(await page.locator('#homeless tbody tr').count(), 3);
  assert.equal(await page.locator('svg rect.bar').count(), 2);
  assert.equal(await page.locator('svg text.no-bar[data-period="2022H1"]').count(), 1);
  assert.match(await page.textContent('#comparable-regions'), /dezelfde regio's/);
  assert.equal((await page.textContent('#homeless tr[data-period="2022H1"] td.comparable')).trim(), 'o.g.');
  // The reference date as Dutch readers write it, the machine-readable one beside it.
  assert.equal((await page.textContent('#homeless tr[data-period="2021H1"] time')).trim(), '1 januari 2021');
  assert.equal(await page.getAttribute('#homeless tr[data-period="2021H1"] time', 'datetime'), '2021-01-01');
  assert.equal((await page.textContent('#homeless tr[data-period="2021H1"] th')).trim(), '1e halfjaar 2021');
  await page.screenshot({ path: join(shots, 'overview-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('an early upload for a new half-year is not the home page and never a national 0', async () => {
  const home = await openPage('/');
  assert.match(await home.page.textContent('#overview-title'), /Landelijk overzicht 2e halfjaar 2021/);
  assert.ok((await home.page.locator('#period option').allTextContents()).includes('1e halfjaar 2022'));
  assert.equal(await home.page.locator('#period option[value="2022H1"]').count(), 1);
  await home.page.close();
  const { page, problems } = await openPage('/?period=2022H1');
  assert.match(await page.textContent('#overview-title'), /1e halfjaar 2022/);
  assert.match(await page.textContent('#coverage-insufficient'), /Onvoldoende gegevens voor landelijke cijfers: 1 van 43/);
  assert.equal((await page.textContent('#hidden-counted')).trim(), 'o.g.');
  assert.equal((await page.textContent('#stays-over-90 .value')).trim(), 'o.g.');
  assert.equal(await page.getAttribute('#hidden-counted abbr', 'title'),
    "onvoldoende gegevens: te weinig regio's leverden om een landelijk cijfer te tonen");
  assert.match(await page.textContent('#marks-legend'), /o\.g\./);
  await page.screenshot({ path: join(shots, 'overview-early-upload.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CSV download holds the same national count as the page', async () => {
  const { page } = await openPage('/overzicht?period=2021H1');
  const onPage = dutchNumber(await page.textContent('#homeless tr[data-period="2021H1"] td.all-regions'));
  const href = await page.getAttribute('#download-csv', 'href');
  const csv = await (await page.request.get(baseUrl + href)).text();
  const header = csv.split('\n')[0].split(',');
  assert.deepEqual(header.slice(0, 9),
    ['indicator', 'region', 'period', 'reference_date', 'breakdown', 'value', 'numerator', 'denominator', 'status']);
  const row = csv.split('\n').map((l) => l.split(','))
    .find((f) => f[0] === 'P1' && f[1] === 'NL' && f[4] === 'total' && f[9] === 'persons_on_date');
  assert.ok(row, 'the CSV has the national P1 count on the reference date');
  assert.equal(Number(row[5]), onPage);
  await page.close();
});

test('the period can be chosen with the keyboard and the English switch keeps it', async () => {
  const { page, problems } = await openPage('/overzicht');
  await page.focus('#period');
  await page.selectOption('#period', '2021H1');
  await page.keyboard.press('Tab');  // to the "Toon" button
  await Promise.all([page.waitForURL(/period=2021H1/, { timeout: 60000 }), page.keyboard.press('Enter')]);
  assert.match(await page.textContent('#overview-title'), /1e halfjaar 2021/);
  await page.focus('#lang-switch');
  await Promise.all([page.waitForURL(/lang=en/, { timeout: 60000 }), page.keyboard.press('Enter')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#overview-title'), /National overview 1st half of 2021/);
  assert.match(await page.textContent('#regions-delivered .value'), /^\d+ of 43$/);
  await page.screenshot({ path: join(shots, 'overview-en.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

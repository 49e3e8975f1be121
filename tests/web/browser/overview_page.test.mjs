// Browser test: the national overview (/overzicht) on generated, imported data, in Debian's
// chromium-headless-shell driven by playwright-core. The test makes its own database:
// init, generate (one year, small), import, then serve on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, shots, generatedYear } from './harness.mjs';

let web, baseUrl;
const openPage = (path) => web.openPage(path);

before(async () => {
  web = await startServer(['serve'], generatedYear);
  baseUrl = web.baseUrl;
});

after(async () => { await web?.stop(); });

// "12.345" (Dutch thousands) -> 12345
const dutchNumber = (text) => Number(text.trim().replaceAll('.', '').replace(',', '.'));

test('the overview shows the key figures against their targets, in Dutch', async () => {
  const { page, res, problems } = await openPage('/overzicht');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.match(await page.textContent('#overview-title'), /Landelijk overzicht 2021H2/);
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
  // Homeless persons per half-year: the chart and the table with both kinds of count.
  assert.equal(await page.locator('#homeless tbody tr').count(), 2);
  assert.equal(await page.locator('svg rect.bar').count(), 2);
  assert.equal((await page.textContent('#homeless tr[data-period="2021H1"] time')).trim(), '2021-01-01');
  await page.screenshot({ path: join(shots, 'overview-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the CSV download holds the same national count as the page', async () => {
  const { page } = await openPage('/overzicht?period=2021H1');
  const onPage = dutchNumber(await page.textContent('#homeless tr[data-period="2021H1"] td:nth-of-type(2)'));
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
  assert.match(await page.textContent('#overview-title'), /2021H1/);
  await page.focus('#lang-switch');
  await Promise.all([page.waitForURL(/lang=en/, { timeout: 60000 }), page.keyboard.press('Enter')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#overview-title'), /National overview 2021H1/);
  assert.match(await page.textContent('#regions-delivered .value'), /^\d+ of 43$/);
  await page.screenshot({ path: join(shots, 'overview-en.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

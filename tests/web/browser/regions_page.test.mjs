// Browser test: the regions page in Debian's chromium-headless-shell, driven by
// playwright-core, against `onderdak demo` started by this test on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, shots } from './harness.mjs';

let web, baseUrl;
const openPage = (path) => web.openPage(path);

before(async () => {
  web = await startServer(['demo', '--no-demo-data']);
  baseUrl = web.baseUrl;
});

after(async () => { await web?.stop(); });

test('the Dutch regions page lists the 43 regions and warns about the approximation', async () => {
  const { page, res, problems } = await openPage('/regios');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.equal(await page.locator('#regions tbody tr').count(), 43);
  assert.equal((await page.textContent('#region-count')).trim(), '43');
  assert.equal((await page.textContent('#municipality-count')).trim(), '342');
  assert.match(await page.textContent('#approximate'), /benadering/);
  const amsterdam = page.locator('tr[data-region="GM0363"] th');
  assert.equal((await amsterdam.textContent()).trim(), 'Amsterdam');
  await page.screenshot({ path: join(shots, 'regions-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the language switch shows the page in English, reachable by keyboard', async () => {
  const { page, problems } = await openPage('/regios');
  await page.focus('#lang-switch');
  await Promise.all([page.waitForURL(/lang=en/), page.keyboard.press('Enter')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('caption'), /member municipalities/);
  await page.screenshot({ path: join(shots, 'regions-en.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page and the JSON API agree on the regions', async () => {
  const { page, problems } = await openPage('/regios');
  const api = await (await fetch(baseUrl + '/api/v1/regions')).json();
  const codes = await page.locator('#regions tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.region));
  assert.deepEqual([...codes].sort(), api.regions.map((r) => r.code).sort());
  assert.deepEqual(problems, []);
  await page.close();
});

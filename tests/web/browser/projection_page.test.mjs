// Browser test of "Op weg naar 2030" (/projectie, issue 17): the national fan chart (band,
// expected line, counted line, zero line and the target) with its table; changing the
// scenario in the form and pressing "Bereken" lowers the expected number in 2030 and the
// table says so; the region's page links to its projection; the English switch; a bad
// scenario value is a Dutch 400 page; axe-core finds no violation of any impact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, shots, axeViolations } from './harness.mjs';

const allImpacts = ['minor', 'moderate', 'serious', 'critical'];
let web;

before(async () => {
  web = await startServer(['serve'], (run, dir) => {
    run('init');
    run('generate', '--out', join(dir, 'gen'), '--persons', '3000', '--from', '2021', '--to', '2022', '--trajectories');
    run('import', '--quiet', join(dir, 'gen'));
  });
});

after(async () => { await web?.stop(); });

const lastExpected = (page) => page.$eval('#projection-table tr.projected:last-child', (tr) => Number(tr.dataset.expected));

test('the national projection: fan chart, table, pace; a scenario lowers 2030', async () => {
  const { page, res, problems } = await web.openPage('/projectie');
  assert.equal(res.status(), 200);
  assert.match(await page.textContent('h2'), /Op weg naar 2030: Nederland/);
  assert.match(await page.textContent('#projection-coverage'), /de \d+ regio's die het laatste halfjaar leverden/);
  for (const sel of ['path[data-band="90"]', 'path[data-band="50"]', 'path[data-line="expected"]',
                     'path[data-line="observed"]', 'line[data-line="zero"]', 'circle[data-target="zero"]']) {
    assert.equal(await page.locator(`#fan-chart ${sel}`).count(), 1, sel);
  }
  const last = await page.getAttribute('#projection-table tr.projected:last-child', 'data-date');
  assert.equal(last, '2030-12-31');
  assert.match(await page.textContent('#projection-summary'), /31 december 2030/);
  const before = await lastExpected(page);
  assert.ok(before > 0);
  const pace = await page.textContent('#pace-zero');
  assert.match(pace.trim(), /^[\d.]+$/, 'a Dutch whole number');
  await page.screenshot({ path: join(shots, 'projection-nl.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page, allImpacts), []);

  // The scenario: 30 % prevention and 50 extra placements per half-year.
  await page.fill('#preventie', '30');
  await page.fill('#extra', '50');
  const t0 = Date.now();
  await Promise.all([page.waitForURL(/preventie=30/), page.click('#projection-form button[type=submit]')]);
  console.log(`scenario change answered in ${Date.now() - t0} ms (debug build, browser included)`);
  const after = await lastExpected(page);
  assert.ok(after < before, `expected ${after} < ${before}`);
  assert.equal(await page.inputValue('#preventie'), '30', 'the form keeps the scenario');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a region: reached from its page, English on request', async () => {
  const { page } = await web.openPage('/regio/GM0363');
  await Promise.all([page.waitForURL(/\/projectie\?regio=GM0363/), page.click('#projection-link a')]);
  assert.match(await page.textContent('h2'), /Amsterdam/);
  assert.equal(await page.inputValue('#regio'), 'GM0363');
  await page.close();
  const en = await web.openPage('/projectie?regio=GM0363&lang=en');
  assert.match(await en.page.textContent('h2'), /^Towards 2030/);
  assert.equal(await en.page.getAttribute('html', 'lang'), 'en');
  await en.page.close();
});

test('a bad scenario value is refused with a Dutch message', async () => {
  const { page, res } = await web.openPage('/projectie?preventie=95');
  assert.equal(res.status(), 400);
  assert.match(await page.textContent('body'), /preventie/);
  await page.close();
  const api = await fetch(`${web.baseUrl}/api/v1/projection?region=NL&extra=-1`);
  assert.equal(api.status, 400);
  const ok = await (await fetch(`${web.baseUrl}/api/v1/projection?region=NL&prevention=10`)).json();
  assert.equal(ok.projection.at(-1).date, '2030-12-31');
  assert.equal(ok.scenario.prevention_share, 0.1);
});

// A provider's own figures (issue 19 items 1 and 4): a provider delivers a folder's files
// in the browser (packed into one .zip in the page), then finds its figures per location
// in the header, reads them in Dutch formats, follows a location to its stays (pseudonyms,
// never the BSN), and switches to English. Both pages and the delivery page have no
// serious or critical axe-core violation, and the figures page does not scroll sideways
// on a 390 px screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, shots, axeViolations } from './harness.mjs';

const password = 'browser test password 4';

// Location F-1 with 10 places all half-year. S-1 open from 10 January (172 nights, there on
// 30 June); S-2 1 March - 30 April to a home (60 nights, 61 days). Bed-nights 232 of 1,810
// place-nights: 12,8 %; occupancy on 30 June 1 of 10: 10,0 %.
const delivery = {
  'manifest.json':
    '{"format_version": 1, "region": "GM0363", "organisation": "KVK-1", "organisation_name": "Stichting Dak", ' +
    '"period": "2021H1", "created": "2021-07-01T06:00:00+02:00"}',
  'persons.csv':
    'record_id,bsn,initials,birth_date,birth_year_month,gender,nationality_group,household,municipality_of_origin\n' +
    'P-1,111222333,,,1992-07,M,NL,alleenstaand,GM0363\n' +
    'P-2,,J.P.,1985-02-03,1985-02,V,EU,paar,\n',
  'facilities.csv': 'record_id,name,municipality,service_type\nF-1,Hoofdlocatie,GM0363,nachtopvang\n',
  'capacity.csv': 'record_id,facility_id,valid_from,room_size,rooms,places\nK-1,F-1,2021-01-01,eenpersoons,10,10\n',
  'service_episodes.csv':
    'record_id,person_id,service_type,facility_id,municipality,start_date,end_date,exit_destination\n' +
    'S-1,P-1,nachtopvang,F-1,GM0363,2021-01-10,,\n' +
    'S-2,P-2,nachtopvang,F-1,GM0363,2021-03-01,2021-04-30,zelfstandige_woning\n',
};

test('a provider delivers a folder and reads its own figures per location', { timeout: 200000 }, async () => {
  process.env.ONDERDAK_USER_PASSWORD = password;
  const dir = mkdtempSync(join(tmpdir(), 'onderdak-provider-'));
  const folder = join(dir, 'levering-2021H1');
  mkdirSync(folder);
  for (const [name, content] of Object.entries(delivery)) writeFileSync(join(folder, name), content);
  const srv = await startServer(['serve'], (run) => {
    run('init');
    run('users', 'add', 'pia', '--role', 'provider_uploader', '--region', 'GM0363', '--organisation', 'KVK-1');
  });
  try {
    const { page, problems } = await srv.logIn('pia', password, '/leveringen');
    assert.deepEqual(await axeViolations(page), [], 'the delivery page');

    // --- A folder's files, packed in the page, checked and imported ---
    await page.setInputFiles('#delivery-folder', folder);
    await page.click('#check-button');
    await page.waitForSelector('#upload-valid, #upload-errors, #upload-failed');
    assert.equal(await page.locator('#upload-valid').count(), 1, await page.locator('#upload-result').textContent());
    await page.click('#import-button');
    await page.waitForSelector('#upload-imported');
    await page.waitForSelector('#deliveries');
    assert.match(await page.locator('#deliveries tbody tr').first().textContent(), /upload:pia\/levering-2021H1\.zip/);
    // A .zip chosen with the folder's files beside it is not sent: separate files are packed.
    await page.setInputFiles('#delivery-file', Object.keys(delivery).map((f) => join(folder, f)));
    await page.click('#check-button');
    await page.waitForSelector('#upload-valid, #upload-errors, #upload-failed');
    assert.equal(await page.locator('#upload-valid').count(), 1, 'the same files chosen one by one');

    // --- The figures, found in the header ---
    await Promise.all([page.waitForURL((u) => u.pathname === '/mijn-cijfers'),
      page.click('#account a[href="/mijn-cijfers"]')]);
    assert.equal(await page.locator('h2').first().textContent(), 'Cijfers van uw organisatie');
    assert.match(await page.locator('#provider-organisation').textContent(), /KVK-1 \(Stichting Dak\).*1e halfjaar 2021/);
    const row = page.locator('#provider-locations tbody tr[data-facility="F-1"]');
    assert.equal(await row.count(), 1);
    const cells = await row.locator('th, td').allTextContents();
    assert.deepEqual(cells.slice(0, 10),
      ['Hoofdlocatie (F-1)', 'GM0363', 'GM0363', 'nachtopvang', '10', '1', '10,0 %', '232', '12,8 %', '2']);
    assert.equal(cells[12], '61', 'median length of the ended stay');
    assert.equal(cells[14], '1', 'exits');
    assert.equal(cells[15], '1 (100,0 %)', 'exits to housing');
    assert.equal(cells[16], '0', 'at another provider at the same time');
    assert.deepEqual(await axeViolations(page), [], 'the figures page');
    await page.screenshot({ path: join(shots, 'provider-figures.png'), fullPage: true });

    // On a phone the page does not scroll sideways: wide tables scroll in their own box.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'no sideways scrolling at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    // --- The stays of the location: pseudonyms, never the BSN ---
    await Promise.all([page.waitForURL((u) => u.pathname === '/mijn-cijfers/verblijven'),
      row.locator('a').click()]);
    const stays = page.locator('#provider-stays tbody tr');
    assert.equal(await stays.count(), 2);
    const first = await stays.first().locator('th, td').allTextContents();
    assert.equal(first[0], 'S-1');
    assert.match(first[1], /^b:[0-9a-f]+$/);
    assert.equal(first[2], '10 januari 2021');
    assert.equal(first[3], 'loopt nog, bekend tot 30 juni 2021');
    assert.ok(!(await page.content()).includes('111222333'), 'no BSN on the page');
    assert.deepEqual(await axeViolations(page), [], 'the stays page');

    // --- In English ---
    await page.goto(srv.baseUrl + '/mijn-cijfers?lang=en');
    assert.equal(await page.locator('h2').first().textContent(), "Your organisation's figures");
    assert.match(await page.locator('#provider-organisation').textContent(), /1st half of 2021/);
    assert.equal(await page.locator('#provider-locations tbody tr[data-facility="F-1"] td.bed-nights').textContent(),
      '232');
    assert.deepEqual(problems, []);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

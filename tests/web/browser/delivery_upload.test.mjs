// Delivering in the browser (issue 19, items 1 and 2): a provider logs in, finds the page
// in the header, checks the sloppy first delivery of the issue and sees every problem in
// one attempt (grouped per file and check, each with its Dutch fix, a suggestion, a CSV
// download), nothing stored; then checks the corrected delivery, imports it, and sees it
// in the list of deliveries as version 1, in force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, shots } from './harness.mjs';
import { zipOf, sloppy, corrected } from './deliveries.mjs';

const password = 'browser test password 3';

test('delivering in the browser: every error at once, then a corrected delivery imported', { timeout: 200000 },
  async () => {
    process.env.ONDERDAK_USER_PASSWORD = password;
    const dir = mkdtempSync(join(tmpdir(), 'onderdak-upload-'));
    const srv = await startServer(['serve'], (run) => {
      run('init');
      run('users', 'add', 'pia', '--role', 'provider_uploader', '--region', 'GM0363', '--organisation', 'KVK-1');
    });
    try {
      const { page, problems } = await srv.logIn('pia', password, '/leveringen');
      // The header leads a provider here; the page says for whom it delivers.
      assert.equal(await page.locator('#account a[href="/leveringen"]').textContent(), 'Gegevens aanleveren');
      assert.equal(await page.locator('#deliver-organisation').textContent(), 'KVK-1');
      assert.equal(await page.locator('#no-deliveries').count(), 1);
      assert.equal(await page.locator('#upload-form').isVisible(), true, 'the script shows the form');
      assert.equal(await page.locator('#import-button').isDisabled(), true, 'nothing to import before a check');

      // --- The sloppy delivery: every problem in one attempt, nothing stored ---
      await page.setInputFiles('#delivery-file', zipOf(dir, 'sloppy', sloppy));
      await page.click('#check-button');
      await page.waitForSelector('#upload-errors');
      assert.match(await page.locator('#upload-errors').textContent(), /Aantal fouten: 8$/);
      const details = await page.locator('#error-details tbody tr').allTextContents();
      assert.equal(details.length, 8, details.join('\n'));
      const all = details.join('\n');
      for (const expected of ["created: '2021-07-01 06:00'", "column 'notitie' is not a column",
        "gender: 'Man'", "service_type: 'Nachtopvang'", 'bsn: (value withheld)', 'birth_date: (value withheld)']) {
        assert.ok(all.includes(expected), `${expected} in\n${all}`);
      }
      assert.ok(!all.includes('1992-07-14'), 'a birth date is never suggested');
      assert.ok(!all.includes('no row with this record_id'), 'no false reference error');
      // Suggestions beside the errors.
      const suggestions = await page.locator('#error-details tbody td:nth-child(5)').allTextContents();
      assert.deepEqual(suggestions.filter((s) => s !== '').sort(), ['GM0363', 'GM0363', 'M', 'nachtopvang']);
      // Grouped per file and check, each with its Dutch fix.
      const groups = await page.locator('#error-groups tbody tr').allTextContents();
      assert.ok(groups.some((g) => g.includes('service_episodes.csv') && g.includes('Gemeentecode') &&
        g.includes('bijvoorbeeld GM0363 voor Amsterdam')), groups.join('\n'));
      // The errors as CSV, to download.
      const link = page.locator('#errors-csv');
      assert.equal(await link.getAttribute('download'), 'sloppy-fouten.csv');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'sloppy-fouten.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('file,line,column,rule,rule_title,message,suggestion,fix\n'), csv);
      assert.equal(csv.trim().split('\n').length, 9, csv);
      assert.equal(await page.locator('#import-button').isDisabled(), true, 'a refused delivery cannot be imported');
      await page.screenshot({ path: join(shots, 'delivery-upload-errors.png'), fullPage: true });
      assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
      problems.length = 0;

      // --- The corrected delivery: checked, imported, listed ---
      await page.setInputFiles('#delivery-file', zipOf(dir, 'corrected', corrected));
      await page.click('#check-button');
      await page.waitForSelector('#upload-valid');
      assert.equal(await page.locator('#no-deliveries').count(), 1, 'a check stores nothing');
      // The data-quality report beside it: a delivery made after the deadline is flagged
      // (a warning, not a refusal), first in the table.
      const quality = page.locator('#upload-quality tbody tr');
      assert.ok(await quality.count() >= 5, 'one row per check');
      assert.equal(await quality.first().getAttribute('data-flagged'), 'true');
      assert.match(await quality.first().textContent(), /Tijdigheid van de aanlevering.*Bekijken/);
      assert.equal(await page.locator('#import-button').isDisabled(), false);
      await page.click('#import-button');
      await page.waitForSelector('#upload-imported');
      assert.match(await page.locator('#upload-imported').textContent(), /^Geïmporteerd als aanlevering \d+, 2021H1, GM0363, v1\.$/);
      assert.equal(await page.locator('#upload-quality').count(), 1, 'one quality report after the import');
      await page.waitForSelector('#deliveries');
      const rows = page.locator('#deliveries tbody tr');
      assert.equal(await rows.count(), 1);
      assert.equal(await rows.first().locator('[data-current]').getAttribute('data-current'), 'true');
      assert.match(await rows.first().textContent(), /upload:pia\/corrected\.zip/);
      // The quality report is kept with the delivery: its flagged checks in the history.
      const kept = rows.first().locator('td.quality');
      assert.notEqual(await kept.getAttribute('data-flagged'), '0');
      assert.match(await kept.locator('summary').textContent(), /^\d+ signa(al|len)$/);
      await kept.locator('summary').click();
      assert.match(await kept.locator('li[data-check="timeliness"]').textContent(), /^Tijdigheid van de aanlevering \(manifest\.json\): created on /);
      await page.screenshot({ path: join(shots, 'delivery-upload-imported.png'), fullPage: true });
      assert.deepEqual(problems, []);

      // In English, the same page and fixes.
      await page.goto(srv.baseUrl + '/leveringen?lang=en');
      assert.equal(await page.locator('h2').first().textContent(), 'Deliver data');
      assert.equal(await page.locator('#deliveries tbody tr').count(), 1);
      assert.match(await page.locator('#deliveries td.quality summary').textContent(), /^\d+ flags?$/);
      await page.setInputFiles('#delivery-file', zipOf(dir, 'sloppy-en', sloppy));
      await page.click('#check-button');
      await page.waitForSelector('#upload-errors');
      const enGroups = (await page.locator('#error-groups tbody tr').allTextContents()).join('\n');
      assert.ok(enGroups.includes('e.g. GM0363 for Amsterdam'), enGroups);
    } finally {
      await srv.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

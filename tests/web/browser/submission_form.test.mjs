// The online submission of a region's figures A1-A6 in the browser (issue 7): a region
// steward fills the form, sees a finding beside the field it is about (nothing saved),
// saves a draft and submits it; a national analyst sees "1 of 43" delivered, returns it
// with a comment; the steward sees the comment, uploads the XLSX template back (and a
// broken file, whose finding is listed), and submits again; the analyst accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, shots } from './harness.mjs';

const password = 'browser test password 2';
const form = '/aanlevering/GM0363/2024H2';

const login = (srv, username, back) => srv.logIn(username, password, back);

async function logout(page) {
  await Promise.all([page.waitForURL(/\/$/), page.click('form[action="/uitloggen"] button')]);
  await page.close();
}

// Clicks `selector` (a submit button) and waits for the page it leads to.
async function submitAndLoad(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

const statusOf = (page) => page.locator('#status').getAttribute('data-status');

// One row per table: the example of docs/exchange-format.md for Amsterdam.
const rows = {
  'facilities[0]': { record_id: 'F-1', name: 'Opvang De Brug', municipality: 'GM0363', service_type: 'nachtopvang' },
  'capacity[0]': {
    record_id: 'K-1', facility_id: 'F-1', valid_from: '2024-01-01', room_size: 'eenpersoons', rooms: '10',
    places: '-1',  // a finding first; corrected below
  },
  'housing_projects[0]': {
    record_id: 'H-1', municipality: 'GM0384', housing_kind: 'flexwoning', places: '24', status: 'gerealiseerd',
    status_date: '2024-03-31', owner: 'Woonstichting X',
  },
  'funding_lines[0]': { record_id: 'HF-1', project_id: 'H-1', funding_line: 'bzk_regeling', places_counted: '24' },
  'plans[0]': {
    record_id: 'PL-GM0363', plan_status: 'vastgesteld', adopted_date: '2021-03-01', aligned_with_action_plan: 'ja',
    contains_wonen_eerst: 'ja', shelter_in_municipality_of_origin: 'nee', made_with_lived_experience: 'ja',
    lived_experience_policy: '2', lived_experience_execution: '1', target_extra_places: '120',
  },
};

async function fill(page) {
  for (const [row, fields] of Object.entries(rows)) {
    for (const [column, value] of Object.entries(fields)) {
      const field = page.locator(`[name="${row}.${column}"]`);
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }
}

test('submission form: draft, finding, submit, return, XLSX round trip, accept', { timeout: 280000 }, async () => {
  process.env.ONDERDAK_USER_PASSWORD = password;
  const srv = await startServer(['serve'], (run) => {
    run('init');
    run('users', 'add', 'rita', '--role', 'region_steward', '--region', 'GM0363');
    run('users', 'add', 'ana', '--role', 'national_analyst');
  });
  try {
    // --- The steward: a finding beside its field, nothing saved ---
    let { page, problems } = await login(srv, 'rita', form);
    // Every page's header says who is logged in, links what the role may open, and logs out.
    assert.equal(await page.locator('#account-user').textContent(), 'rita');
    assert.equal(await page.locator('#account [data-role]').getAttribute('data-role'), 'region_steward');
    assert.equal(await page.locator('#account a[href="/aanlevering"]').count(), 1);
    assert.equal(await page.locator('#account a[href="/beheer/audit"]').count(), 0);
    assert.equal(await statusOf(page), 'none');
    assert.equal(await page.locator('#submit').count(), 0, 'nothing to submit before a draft is saved');
    await fill(page);
    let res = await submitAndLoad(page, '#save');
    assert.equal(res.status(), 400);
    const places = page.locator('[name="capacity[0].places"]');
    assert.equal(await places.getAttribute('aria-invalid'), 'true');
    // Beside the field, in Dutch, the numbers it takes; the server's English message folded above.
    assert.equal(await page.locator('#err-capacity\\[0\\]\\.places').textContent(),
      'Vul een heel getal in van 0 of meer, zonder punten of spaties.');
    assert.match(await page.locator('#errors-technical').textContent(), /capacity\[0\]\.places: '-1': must be a whole number/);
    assert.equal(await places.inputValue(), '-1', 'what was typed is shown again');
    assert.equal(await page.locator('[name="facilities[0].name"]').inputValue(), 'Opvang De Brug');
    await page.screenshot({ path: join(shots, 'submission-finding.png'), fullPage: true });
    assert.deepEqual(problems, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    problems.length = 0;
    await page.goto(srv.baseUrl + form);
    assert.equal(await statusOf(page), 'none', 'the refused save stored nothing');

    // --- Saved as a draft, then submitted ---
    await fill(page);
    await places.fill('10');
    res = await submitAndLoad(page, '#save');
    assert.match(page.url(), /msg=saved/);
    assert.equal(await statusOf(page), 'draft');
    assert.equal(await page.locator('#message').textContent(), 'Het concept is opgeslagen.');
    assert.equal(await page.locator('[name="capacity[0].places"]').inputValue(), '10');
    await submitAndLoad(page, '#submit');
    assert.equal(await statusOf(page), 'submitted');
    assert.equal(await page.locator('#save').count(), 0, 'a submitted form is read-only');
    assert.equal(await page.locator('[name="facilities[0].name"]').isDisabled(), true);
    assert.deepEqual(problems, []);
    await logout(page);

    // --- The analyst: completeness, a return needs a comment ---
    const visitor = await srv.openPage('/kaart');
    assert.equal(await visitor.page.locator('#account a').getAttribute('href'), '/inloggen?terug=/kaart');
    await visitor.page.close();
    ({ page, problems } = await login(srv, 'ana', '/aanlevering'));
    assert.equal(await page.locator('#account-user').textContent(), 'ana');
    await page.goto(srv.baseUrl + '/aanlevering?period=2024H2');
    assert.equal(await page.locator('#completeness .value').textContent(), '1');
    assert.match(await page.locator('#completeness').textContent(), /1 van 43 regio's aangeleverd/);
    assert.equal(await page.locator('#submissions tr[data-region="GM0363"]').getAttribute('data-status'), 'submitted');
    await page.screenshot({ path: join(shots, 'submission-overview.png'), fullPage: true });
    await page.click('#submissions tr[data-region="GM0363"] a');
    await page.waitForURL((u) => u.pathname === form);
    assert.equal(await page.locator('#save').count(), 0, 'an analyst does not edit a region\'s figures');
    res = await submitAndLoad(page, '#return');
    assert.equal(res.status(), 400);
    assert.match(await page.locator('#errors').textContent(), /comment is required/);
    problems.length = 0;  // the 400 above, reported on the console
    await page.fill('#review-comment', 'Het aantal plekken van K-1 klopt niet met het jaarverslag.');
    await submitAndLoad(page, '#return');
    assert.equal(await statusOf(page), 'returned');
    assert.deepEqual(problems, []);
    await logout(page);

    // --- The steward: the comment, the XLSX template back, a broken file, submit again ---
    ({ page, problems } = await login(srv, 'rita', form));
    assert.equal(await statusOf(page), 'returned');
    assert.match(await page.locator('#comment').textContent(), /klopt niet met het jaarverslag/);
    const template = await page.request.get(srv.baseUrl + '/api/v1/submissions/GM0363/2024H2/template.xlsx');
    assert.equal(template.status(), 200);
    const workbook = await template.body();
    assert.equal(workbook.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) workbook');

    await page.setInputFiles('#file', { name: 'kapot.xlsx', mimeType: 'application/octet-stream',
                                        buffer: Buffer.from('not a workbook') });
    await page.click('#xlsx-upload button');
    await page.locator('#xlsx-result p').waitFor();
    assert.match(await page.locator('#xlsx-result').textContent(), /xlsx|workbook|zip/i);
    assert.equal(await statusOf(page), 'returned', 'the broken file changed nothing');
    assert.equal(problems.length, 1, `one refused upload on the console: ${problems}`);
    problems.length = 0;

    const version = Number(await page.locator('#version').textContent());
    await page.setInputFiles('#file', { name: 'GM0363-2024H2.xlsx', buffer: workbook,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await Promise.all([page.waitForURL(/msg=saved/), page.click('#xlsx-upload button')]);
    assert.equal(await statusOf(page), 'draft');
    assert.equal(Number(await page.locator('#version').textContent()), version + 1);
    assert.equal(await page.locator('[name="housing_projects[0].owner"]').inputValue(), 'Woonstichting X',
                 'the workbook brought the same figures back');
    await submitAndLoad(page, '#submit');
    assert.equal(await statusOf(page), 'submitted');
    assert.deepEqual(problems, []);
    await logout(page);

    // --- The analyst accepts ---
    ({ page, problems } = await login(srv, 'ana', form));
    await submitAndLoad(page, '#accept');
    assert.equal(await statusOf(page), 'accepted');
    assert.equal(await page.locator('#message').textContent(), 'De aanlevering is geaccepteerd en ingelezen.');
    await page.screenshot({ path: join(shots, 'submission-accepted.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await srv.stop();
  }
});

// Every page at a phone's and a desktop's width (issue 21 items 4 and 8): no sideways
// scrolling at either (wide tables scroll in their own box, which the keyboard can reach),
// no axe-core violation of any impact at the phone's width (where more boxes scroll, so
// more rules apply; axe takes most of this test's time), and a screenshot of each in the
// test output folder.
// Public pages, then those of a region steward and of an administrator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, generatedYear, shots, axeViolations } from './harness.mjs';

const password = 'browser test password 5';
const widths = [360, 1440];
const all = ['critical', 'serious', 'moderate', 'minor'];

const publicPages = ['/', '/kaart', '/regio/GM0363', '/vergelijk', '/herkomst', '/regios', '/methode', '/inloggen',
  '/regio/GM0363?lang=en'];
const stewardPages = ['/aanlevering', '/aanlevering/GM0363/2021H2', '/leveringen', '/mijn-cijfers', '/wachtwoord'];
const adminPages = ['/beheer/audit'];

async function check(srv, page, path, problems) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    const res = await page.goto(srv.baseUrl + path);
    assert.equal(res.status(), 200, `${path} answers`);
    if (width < 1000) assert.deepEqual(await axeViolations(page, all), [], `axe on ${path} at ${width} px`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `${path} at ${width} px scrolls sideways by ${wide} px`);
    const slug = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overzicht';
    // The whole page on a desktop; on a phone the first screen (a whole phone page is
    // ten thousand pixels tall and slow to capture).
    await page.screenshot({ path: join(shots, `page-${slug}-${width}.png`), fullPage: width > 1000 });
  }
  assert.deepEqual(problems, [], `no console errors on ${path}`);
}

test('every page: accessible and without sideways scrolling at 360 and 1,440 px', { timeout: 400000 }, async () => {
  process.env.ONDERDAK_USER_PASSWORD = password;
  const srv = await startServer(['serve'], (run, dir) => {
    generatedYear(run, dir);
    run('users', 'add', 'rita', '--role', 'region_steward', '--region', 'GM0363');
    run('users', 'add', 'adam', '--role', 'administrator');
  });
  try {
    const anonymous = await srv.openPage('/');
    // The generated year is said to be synthetic, at the top of the page.
    assert.match(await anonymous.page.textContent('#synthetic-data'), /^Let op: synthetische voorbeelddata/);
    for (const path of publicPages) await check(srv, anonymous.page, path, anonymous.problems);
    const steward = await srv.logIn('rita', password, '/aanlevering');
    for (const path of stewardPages) await check(srv, steward.page, path, steward.problems);
    const admin = await srv.logIn('adam', password, '/beheer/audit');
    for (const path of adminPages) await check(srv, admin.page, path, admin.problems);
  } finally {
    await srv.stop();
  }
});

// Every page at a phone's and a desktop's width (issue 21 items 3, 4 and 8): no sideways
// scrolling at either (wide tables scroll in their own box, which the keyboard can reach),
// no axe-core violation of any impact at the phone's width (where more boxes scroll, so
// more rules apply; axe takes most of this test's time), no English on a Dutch page
// (tests/web/english_words.txt, outside elements marked lang="en"), and a screenshot of
// each in the test output folder. Error pages too.
// Public pages, then those of a region steward and of an administrator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startServer, generatedYear, shots, axeViolations } from './harness.mjs';

const password = 'browser test password 5';
const widths = [360, 1440];
const all = ['critical', 'serious', 'moderate', 'minor'];

const englishWords = new Set(readFileSync(new URL('../english_words.txt', import.meta.url), 'utf8')
  .split('\n').filter((line) => line && !line.startsWith('#')));

// Path, or [path, status] for an error page.
const publicPages = ['/', '/kaart', '/regio/GM0363', '/vergelijk', '/herkomst', '/regios', '/methode', '/begrippen', '/projectie', '/inloggen', '/regio/GM0363/rapport?jaar=2021', '/rapport?periode=2021H2',
  '/regio/GM0363?lang=en', ['/regio/GM9999', 404], ['/bestaat-niet', 404]];
const stewardPages = ['/aanlevering', '/aanlevering/GM0363/2021H2', '/leveringen', '/mijn-cijfers', '/wachtwoord',
  ['/beheer/audit', 403]];
const adminPages = ['/beheer/audit'];

// The English words of englishWords in what a reader sees or hears: the text and the
// names screen readers read, outside elements marked lang="en".
async function englishOn(page) {
  const texts = await page.evaluate(() => {
    const out = [];
    const body = document.body.cloneNode(true);
    body.querySelectorAll('[lang="en"], script, style, noscript').forEach((e) => e.remove());
    out.push(body.textContent);
    for (const e of body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) if (e.hasAttribute(a)) out.push(e.getAttribute(a));
    }
    out.push(document.title);
    return out;
  });
  const found = [];
  for (const text of texts) {
    // A token with a digit, an underscore or a dot inside is a name (a file, a code), not a word.
    for (const m of text.matchAll(/[\w./-]+/g)) {
      const word = m[0].replace(/^[./-]+|[./-]+$/g, '');
      if (/^[A-Za-z]+$/.test(word) && englishWords.has(word.toLowerCase())) {
        found.push(`${word} in "${text.slice(Math.max(0, m.index - 30), m.index + 40).trim()}"`);
      }
    }
  }
  return found;
}

async function check(srv, page, entry, problems) {
  const [path, status] = Array.isArray(entry) ? entry : [entry, 200];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    const res = await page.goto(srv.baseUrl + path);
    assert.equal(res.status(), status, `${path} answers`);
    if (width < 1000) {
      assert.deepEqual(await axeViolations(page, all), [], `axe on ${path} at ${width} px`);
      if (!path.includes('lang=en')) assert.deepEqual(await englishOn(page), [], `English on the Dutch page ${path}`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 1, `${path} at ${width} px scrolls sideways by ${wide} px`);
    const slug = (path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overzicht') + (status === 200 ? '' : `-${status}`);
    // The whole page on a desktop; on a phone the first screen (a whole phone page is
    // ten thousand pixels tall and slow to capture).
    await page.screenshot({ path: join(shots, `page-${slug}-${width}.png`), fullPage: width > 1000 });
  }
  // A browser logs the status of an error page as a console error; that one is expected.
  const unexpected = problems.filter((p) => status === 200 || !p.includes(`status of ${status}`));
  problems.length = 0;
  assert.deepEqual(unexpected, [], `no console errors on ${path}`);
}

// The submission form with the keyboard only (issue 21 item 8): Tab reaches every field
// and button of the form, in order; a value is typed and a choice made with an arrow key;
// Enter in a field saves, and the finding beside the field says what to do.
async function keyboardOnly(srv, page) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(srv.baseUrl + '/aanlevering/GM0363/2021H2');
  const controls = await page.locator(
    // Fields and buttons, and each table's scroll box (which takes focus to scroll).
    '#submission-form :is(input, select, textarea, button, [tabindex="0"]):not([type=hidden]):not([disabled])').count();
  assert.ok(controls > 50, `the form has its fields (${controls})`);
  const reached = new Set();
  let inForm = false;
  for (let i = 0; i < controls + 80; ++i) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const e = document.activeElement;
      const form = document.getElementById('submission-form');
      return e && form.contains(e) ? [...form.querySelectorAll('*')].indexOf(e) : -1;
    });
    if (at >= 0) {
      inForm = true;
      reached.add(at);
    } else if (inForm) {
      break;
    }
  }
  assert.equal(reached.size, controls, 'Tab reaches every field and button of the form');
  const year = page.locator('[name="budgets[0].year"]');
  await year.focus();
  await page.keyboard.type('20xx');
  const theme = page.locator('[name="budgets[0].budget_theme"]');
  await theme.focus();
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await theme.inputValue(), '', 'a choice made with the arrow key');
  await year.focus();
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(res.status(), 400, 'Enter saved the form, which has findings');
  assert.match(await page.textContent('[id="err-budgets[0].year"]'), /^Vul een heel getal in van 2000 tot en met 2100\.$/);
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
    // Every page of figures says where they come from and their reference date (item 6).
    for (const path of ['/', '/kaart', '/vergelijk', '/herkomst', '/regio/GM0363']) {
      await anonymous.page.goto(srv.baseUrl + path);
      assert.match(await anonymous.page.locator('#source, #summary-source').first().textContent(),
        /^Bron: .*peildatum \d+ \S+ \d{4}/, `the source line of ${path}`);
    }
    const steward = await srv.logIn('rita', password, '/aanlevering');
    for (const path of stewardPages) await check(srv, steward.page, path, steward.problems);
    await keyboardOnly(srv, steward.page);
    steward.problems.length = 0;  // the 400 above, reported on the console
    const admin = await srv.logIn('adam', password, '/beheer/audit');
    for (const path of adminPages) await check(srv, admin.page, path, admin.problems);
  } finally {
    await srv.stop();
  }
});

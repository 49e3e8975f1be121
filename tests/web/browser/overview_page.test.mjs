// Browser test: the national overview (/overzicht) on generated, imported data, in Debian's
// chromium-headless-shell driven by playwright-core. The test makes its own database:
// init, generate (one year, small), import, then serve on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

const bin = process.env.ONDERDAK_BIN;
const shots = process.env.ONDERDAK_SCREENSHOT_DIR ?? join(tmpdir(), 'onderdak-screenshots');
const chromiumPath = process.env.ONDERDAK_CHROMIUM ?? '/usr/lib/chromium/chromium-headless-shell';
let dir, server, baseUrl, browser;

before(async () => {
  assert.ok(bin, 'ONDERDAK_BIN must point at the onderdak executable');
  dir = mkdtempSync(join(tmpdir(), 'onderdak-overview-'));
  mkdirSync(shots, { recursive: true });
  const env = { ...process.env, ONDERDAK_KEY_FILE: join(dir, 'o.key') };
  const db = `sqlite:${join(dir, 'o.db')}`;
  const run = (...args) => execFileSync(bin, ['--db', db, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  run('init');
  run('generate', '--out', join(dir, 'gen'), '--persons', '800', '--from', '2021', '--to', '2021');
  run('import', '--quiet', join(dir, 'gen'));
  server = spawn(bin, ['--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serves (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('pageerror', (err) => problems.push(err.message));
  const res = await page.goto(baseUrl + path, { timeout: 120000 });
  return { page, res, problems };
}

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

// Browser test: the regions page in Debian's chromium-headless-shell, driven by
// playwright-core, against `onderdak demo` started by this test on a free port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
  dir = mkdtempSync(join(tmpdir(), 'onderdak-web-'));
  mkdirSync(shots, { recursive: true });
  server = spawn(bin, ['--db', `sqlite:${join(dir, 'o.db')}`, 'demo', '--port', '0', '--no-demo-data'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ONDERDAK_KEY_FILE: join(dir, 'o.key') },
  });
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
  const res = await page.goto(baseUrl + path);
  return { page, res, problems };
}

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

// Shared by the browser tests: starts an onderdak server on a free port in a temporary
// folder, launches Debian's chromium-headless-shell through playwright-core, opens pages
// while collecting console errors, and cleans everything up.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

// axe-core (npm, a devDependency): the accessibility rules the pages are held to.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The violations of axe-core's rules on the page as it is now, of the given impacts, as
// "rule (impact): first targets" lines (empty when none). Evaluated through the DevTools
// protocol, so the page's Content-Security-Policy need not allow it.
export async function axeViolations(page, impacts = ['critical', 'serious']) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => impacts.includes(v.impact)).map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

export const shots = process.env.ONDERDAK_SCREENSHOT_DIR ?? join(tmpdir(), 'onderdak-screenshots');
const chromiumPath = process.env.ONDERDAK_CHROMIUM ?? '/usr/lib/chromium/chromium-headless-shell';

// A setup for startServer: the reference data and a small generated year (2021) imported.
export function generatedYear(run, dir) {
  run('init');
  run('generate', '--out', join(dir, 'gen'), '--persons', '800', '--from', '2021', '--to', '2021');
  run('import', '--quiet', join(dir, 'gen'));
}

// Prepares a database with `setup(run)` (run(...args) calls the onderdak binary on it),
// then starts `onderdak <serveArgs> --port 0` and the browser.
export async function startServer(serveArgs, setup = () => {}) {
  const bin = process.env.ONDERDAK_BIN;
  assert.ok(bin, 'ONDERDAK_BIN must point at the onderdak executable');
  const dir = mkdtempSync(join(tmpdir(), 'onderdak-web-'));
  mkdirSync(shots, { recursive: true });
  const env = { ...process.env, ONDERDAK_KEY_FILE: join(dir, 'o.key') };
  const db = `sqlite:${join(dir, 'o.db')}`;
  const run = (...args) => execFileSync(bin, ['--db', db, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  setup(run, dir);
  const server = spawn(bin, ['--db', db, ...serveArgs, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serves (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    baseUrl,
    // Opens `path`; `problems` collects console errors and uncaught exceptions.
    async openPage(path) {
      const page = await browser.newPage();
      const problems = [];
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
      page.on('pageerror', (err) => problems.push(err.message));
      const res = await page.goto(baseUrl + path, { timeout: 120000 });
      return { page, res, problems };
    },
    // Opens the login page, logs `username` in and waits for the page `back` (a path).
    async logIn(username, password, back) {
      const { page, problems } = await this.openPage('/inloggen?terug=' + back);
      await page.fill('#username', username);
      await page.fill('#password', password);
      await Promise.all([page.waitForURL((u) => u.pathname === back), page.click('#login-form button[type=submit]')]);
      return { page, problems };
    },
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.on('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

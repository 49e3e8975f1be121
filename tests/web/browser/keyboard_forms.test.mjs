// Keyboard only (issue 21 item 8): logging in, changing the password and delivering a
// file are done with Tab, typing, Space and Enter alone; Tab reaches each form's fields
// and buttons in reading order. (The submission form's keyboard test is in every_page.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, shots } from './harness.mjs';
import { zipOf, corrected } from './deliveries.mjs';

const password = 'keyboard test password 7';
let srv, dir;

before(async () => {
  process.env.ONDERDAK_USER_PASSWORD = password;
  dir = mkdtempSync(join(tmpdir(), 'onderdak-keys-'));
  srv = await startServer(['serve'], (run) => {
    run('init');
    run('users', 'add', 'rita', '--role', 'region_steward', '--region', 'GM0363');
    run('users', 'add', 'pia', '--role', 'provider_uploader', '--region', 'GM0363', '--organisation', 'KVK-1');
  });
});

after(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

// Presses Tab until the element with `id` has focus (at most `limit` times); returns the
// ids of what took focus on the way.
async function tabTo(page, id, limit = 60) {
  const passed = [];
  for (let i = 0; i < limit; ++i) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    passed.push(at);
    if (at === id) return passed;
  }
  assert.fail(`Tab never reached #${id}; it passed ${passed.join(', ')}`);
}

// The login form from a fresh page: Tab to the name, type, Tab to the password, type,
// Tab to the button, Enter.
async function logInByKeyboard(page, username, secret, back) {
  await page.goto(`${srv.baseUrl}/inloggen?terug=${back}`);
  await tabTo(page, 'username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'password', 'Tab goes from the name to the password');
  await page.keyboard.type(secret);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('form')?.id), 'login-form');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'submit', 'then to the button');
  await Promise.all([page.waitForURL((u) => u.pathname === back), page.keyboard.press('Enter')]);
}

test('logging in and changing the password with the keyboard only', async () => {
  const { page, problems } = await srv.openPage('/');
  await logInByKeyboard(page, 'rita', password, '/wachtwoord');
  assert.match(await page.textContent('#account'), /rita/);
  await tabTo(page, 'current');
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'new');
  await page.keyboard.type('a new keyboard password 8');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'repeat');
  await page.keyboard.type('a new keyboard password 8');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('#password-done').count(), 1, await page.textContent('main'));
  await page.screenshot({ path: join(shots, 'keyboard-password-done.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
  // The new password works, typed by keyboard again.
  const again = await srv.openPage('/');
  await logInByKeyboard(again.page, 'rita', 'a new keyboard password 8', '/aanlevering');
  await again.page.close();
});

test('delivering a file with the keyboard only: choose, check, import', async () => {
  const { page, problems } = await srv.openPage('/');
  await logInByKeyboard(page, 'pia', password, '/leveringen');
  await tabTo(page, 'delivery-file');
  // Space on the file field opens the file chooser, as for a person; the test answers it.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(zipOf(dir, 'corrected', corrected));
  const order = await tabTo(page, 'check-button', 5);
  assert.deepEqual(order, ['delivery-folder', 'check-button'], 'then the folder field, then the check button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#upload-valid');
  await tabTo(page, 'import-button', 40);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#upload-imported');
  assert.match(await page.textContent('#upload-imported'), /^Geïmporteerd als aanlevering \d+, 2021H1, GM0363, v1\.$/);
  await page.screenshot({ path: join(shots, 'keyboard-upload-imported.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

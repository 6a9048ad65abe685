// The passphrase lock on a shared phone: turning it on (and the checks
// before), the lock screen after a reload, a wrong passphrase, unlocking,
// leaving quickly and idle/hidden auto-lock, changing the passphrase,
// turning it off, a forgotten passphrase, and a backup file protected with
// a passphrase restored after a wipe. Also measures how long unlocking
// takes, with and without a 4x CPU slowdown (tests/e2e/artifacts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch,
  openApp,
  appReady,
  answerWelcome,
  expectAccessible,
  screenshot,
  storedData,
  ARTIFACTS,
  BASE,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const PASS = 'tea at four, always';
const MARK = 'Lantern evening 4471';

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function gotoData(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
}

// In-app navigation: a reload would show the lock screen.
async function gotoPractice(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('main').getByRole('link', { name: new RegExp(`^${name}`) }).first().click();
}

async function writeJournal(page, title) {
  await gotoPractice(page, 'Journal');
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByLabel("What's on your mind?").fill(`${MARK}: the walk home was quiet and kind.`);
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
}

async function turnLockOn(page, passphrase = PASS) {
  await gotoData(page);
  const card = page.locator('.vault-card');
  await card.getByLabel('New passphrase').fill(passphrase);
  await card.getByLabel('Type it again').fill(passphrase);
  await card.getByRole('checkbox', { name: /forgotten passphrase/ }).check();
  await card.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByRole('heading', { level: 2, name: 'Locked with a passphrase' }).waitFor({ timeout: 20000 });
}

async function unlock(page, passphrase = PASS) {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await lockScreen(page).waitFor({ state: 'detached', timeout: 30000 });
  await appReady(page);
}

const lockScreen = (page) => page.getByRole('heading', { level: 1, name: 'Locked' });

function assertNothingReadable(stored) {
  const keys = Object.keys(stored);
  assert.ok(keys.length > 1, 'something is stored');
  for (const [k, v] of Object.entries(stored)) {
    assert.match(k, /^gw-vault:(meta|e-[0-9a-f]{32})$/, `a readable key: ${k}`);
    assert.doesNotMatch(v, /Lantern|journal|walk home|profile/i, `readable text under ${k}`);
  }
  const meta = JSON.parse(stored['gw-vault:meta']);
  assert.equal(meta.kdf.name, 'PBKDF2');
  assert.equal(meta.kdf.hash, 'SHA-256');
  assert.equal(meta.kdf.iterations, 600000);
  assert.equal(Buffer.from(meta.kdf.salt, 'base64').length, 16);
}

test('turn the lock on, reload, a wrong passphrase changes nothing, the right one brings everything back', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'A breakup, or a relationship ending');
  await writeJournal(page, 'Before the lock');
  await gotoData(page);
  const card = page.locator('.vault-card');
  await card.getByRole('heading', { name: 'Lock with a passphrase' }).waitFor();
  await expectAccessible(page, 'data page with the lock card');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'vault-card-off');

  // Each check says what is missing and changes nothing.
  const before = await storedData(page);
  await card.getByLabel('New passphrase').fill('short');
  await card.getByLabel('Type it again').fill('short');
  await card.getByRole('button', { name: 'Turn on the lock' }).click();
  await card.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();
  await card.getByLabel('New passphrase').fill(PASS);
  await card.getByLabel('Type it again').fill(`${PASS}!`);
  await card.getByRole('button', { name: 'Turn on the lock' }).click();
  await card.getByRole('alert').filter({ hasText: 'not the same' }).waitFor();
  await card.getByLabel('Type it again').fill(PASS);
  await card.getByRole('button', { name: 'Turn on the lock' }).click();
  await card.getByRole('alert').filter({ hasText: 'tick the box' }).waitFor();
  assert.deepEqual(await storedData(page), before);

  await card.getByRole('checkbox', { name: /forgotten passphrase/ }).check();
  await card.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByRole('heading', { level: 2, name: 'Locked with a passphrase' }).waitFor({ timeout: 20000 });
  await page.getByText('The lock is on.').waitFor();
  assertNothingReadable(await storedData(page));
  // The app carries on unlocked: a new entry is sealed too.
  await writeJournal(page, 'After the lock');
  assertNothingReadable(await storedData(page));

  await page.reload();
  await lockScreen(page).waitFor();
  await page.getByRole('link', { name: /^Get help now/ }).waitFor();
  await page.getByRole('button', { name: 'Leave quickly' }).waitFor();
  await page.getByRole('link', { name: 'Call 14416' }).waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /Before the lock|Lantern/);
  await expectAccessible(page, 'lock screen');
  await shot(page, 'vault-lock-screen');
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await expectAccessible(page, 'lock screen, dark');
  await shot(page, 'vault-lock-screen-dark');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });

  const locked = await storedData(page);
  await page.getByLabel('Passphrase', { exact: true }).fill('tea at five, always');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').filter({ hasText: "That passphrase doesn't open it. Nothing has changed." }).waitFor({ timeout: 20000 });
  assert.deepEqual(await storedData(page), locked);
  await expectAccessible(page, 'lock screen with the wrong-passphrase message');

  await page.goto(new URL('journal', BASE).href);
  await lockScreen(page).waitFor();
  await unlock(page);
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.getByText('Before the lock').waitFor();
  await page.getByText('After the lock').waitFor();
  await app.done();
});

test('lock settings this version cannot read: the lock screen says so under its plain name and changes nothing', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Something else');
  // As a newer version might have written them.
  await page.evaluate(() => {
    localStorage.setItem('gw-vault:meta', JSON.stringify({ v: 2, plain_name: 'planner', kdf: { name: 'Argon2id' } }));
  });
  const before = await storedData(page);
  await page.reload();
  await lockScreen(page).waitFor();
  // The name is read at once, before the settings are read whole.
  await page.locator('header .brand-name').filter({ hasText: /^Planner$/ }).waitFor();
  assert.equal(await page.title(), 'Planner');
  await page.getByRole('alert').filter({ hasText: "The lock's settings here can't be read" }).waitFor();
  assert.equal(await page.getByLabel('Passphrase', { exact: true }).count(), 0);
  await page.getByRole('link', { name: 'Call 14416' }).waitFor();
  await expectAccessible(page, 'lock screen with unreadable settings');
  assert.deepEqual(await storedData(page), before);
  await app.done();
});

test('leaving quickly, "Lock now", idle time and hiding the app all lock it, and nothing typed is lost', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await turnLockOn(page);

  // Leave quickly while typing: the draft is sealed, the app locked.
  await gotoPractice(page, 'Journal');
  await page.getByLabel("What's on your mind?").fill(`${MARK} typed just before leaving`);
  await page.getByRole('button', { name: 'Leave quickly' }).click();
  await page.waitForURL(/\/away\.html$/);
  assertNothingReadable(await storedData(page));
  await page.goto(new URL('journal', BASE).href);
  await lockScreen(page).waitFor();
  await unlock(page);
  await page.getByText(/typed just before leaving/).waitFor();

  // "Lock now" on the data page.
  await gotoData(page);
  await page.getByRole('button', { name: 'Lock now' }).click();
  await lockScreen(page).waitFor();
  await unlock(page);

  // After the chosen idle time.
  await gotoData(page);
  await page.getByRole('radio', { name: '1 minute' }).check();
  await page.clock.runFor(30_000);
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  await page.clock.runFor(45_000);
  await lockScreen(page).waitFor();
  await unlock(page);
  await gotoData(page);
  assert.equal(await page.getByRole('radio', { name: '1 minute' }).isChecked(), true, 'the idle time is kept');

  // When the app is hidden (another app, the screen off).
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await lockScreen(page).waitFor();
  await app.done();
});

test('change the passphrase, then turn the lock off; a forgotten passphrase can start over', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await writeJournal(page, 'Kept through it all');
  await turnLockOn(page);

  const card = page.locator('.vault-card');
  await card.getByText('Change the passphrase').click();
  await card.getByLabel('Current passphrase').first().fill('not my passphrase');
  await card.getByLabel('New passphrase').fill('a brand new one');
  await card.getByLabel('Type it again').fill('a brand new one');
  await card.getByRole('button', { name: 'Change passphrase' }).click();
  await card.getByRole('alert').filter({ hasText: "That isn't the current passphrase" }).waitFor({ timeout: 20000 });
  await card.getByLabel('Current passphrase').first().fill(PASS);
  await card.getByRole('button', { name: 'Change passphrase' }).click();
  await card.getByText('Use the new passphrase from now on.').waitFor({ timeout: 30000 });
  assertNothingReadable(await storedData(page));
  // From the top, as a person arrives: the fixed navigation bar then covers
  // nothing axe measures.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectAccessible(page, 'data page with the lock on');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'vault-card-on');

  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').filter({ hasText: "doesn't open it" }).waitFor({ timeout: 20000 });
  await unlock(page, 'a brand new one');

  await gotoData(page);
  await card.getByText('Turn the lock off').click();
  await card.getByLabel('Current passphrase').last().fill('a brand new one');
  await card.getByRole('button', { name: 'Turn off the lock' }).click();
  await page.getByText('The lock is off.').waitFor({ timeout: 20000 });
  const plain = await storedData(page);
  assert.ok(Object.keys(plain).every((k) => !k.startsWith('gw-vault:')), 'the lock is gone');
  assert.ok(Object.values(plain).some((v) => v.includes(MARK)), 'readable again');
  await page.goto(new URL('journal', BASE).href);
  await page.getByText('Kept through it all').waitFor();

  // Forgotten: start over from the lock screen.
  await turnLockOn(page, 'one I will forget');
  await page.reload();
  await lockScreen(page).waitFor();
  await page.getByText('Forgot your passphrase?').click();
  await page.getByRole('button', { name: 'Delete the locked data and start again' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.getByRole('button', { name: 'Delete the locked data and start again' }).click();
  await page.getByRole('button', { name: 'Yes, delete it all' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).waitFor();
  assert.deepEqual(await storedData(page), {});
  await app.done();
});

test('a backup protected with a passphrase: download, wipe, restore with the passphrase', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Losing a job, or work falling apart');
  await writeJournal(page, 'Worth keeping');
  await gotoData(page);
  await page.getByRole('checkbox', { name: 'Protect the file with a passphrase' }).check();
  await page.getByLabel('Passphrase for this file').fill('file passphrase 1');
  await page.locator('#backup-again').fill('file passphrase 1');
  await expectAccessible(page, 'export with a passphrase');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20000 }),
    page.getByRole('button', { name: 'Download backup file' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^groundwork-backup-\d{4}-\d{2}-\d{2}-protected\.json$/);
  const path = join(ARTIFACTS, 'backup-protected.json');
  await download.saveAs(path);
  const file = (await import('node:fs')).readFileSync(path, 'utf8');
  const parsed = JSON.parse(file);
  assert.equal(parsed.groundwork_protected_backup, 1);
  assert.equal(parsed.kdf.iterations, 600000);
  assert.doesNotMatch(file, /Lantern|Worth keeping|journal/);

  await page.getByRole('button', { name: 'Delete everything…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByText('Everything has been deleted from this browser.').waitFor();

  await page.getByLabel('Backup file').setInputFiles({
    name: 'backup-protected.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await page.getByText('This backup is protected with a passphrase.').waitFor();
  const before = await storedData(page);
  await page.getByLabel("The file's passphrase").fill('not the one');
  await page.getByRole('button', { name: 'Open the file' }).click();
  await page.getByRole('alert').filter({ hasText: "That passphrase doesn't open this file. Nothing has changed." }).waitFor({ timeout: 20000 });
  assert.deepEqual(await storedData(page), before);
  await page.getByLabel("The file's passphrase").fill('file passphrase 1');
  await page.getByRole('button', { name: 'Open the file' }).click();
  await page.getByRole('heading', { name: 'This file holds' }).waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText(/^Restored\./).waitFor();
  await page.goto(new URL('journal', BASE).href);
  await page.getByText('Worth keeping').waitFor();

  // A damaged protected file is refused whole.
  await gotoData(page);
  const damaged = JSON.stringify({ ...parsed, iv: 'short' });
  await page.getByLabel('Backup file').setInputFiles({ name: 'd.json', mimeType: 'application/json', buffer: Buffer.from(damaged) });
  await page.getByRole('alert').filter({ hasText: 'That protected file is damaged' }).waitFor();
  await app.done();
});

test('two unlocked tabs follow each other; deleting everything removes the lock in both', async () => {
  const app = await openApp(browser);
  const { page, context } = app;
  await answerWelcome(page, null);
  await turnLockOn(page);
  const other = await context.newPage();
  await other.goto(new URL('journal', BASE).href);
  await lockScreen(other).waitFor();
  await unlock(other);
  await other.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();

  // A sealed entry written in the first tab shows in the second at once.
  await writeJournal(page, 'Written in the first tab');
  await other.getByText('Written in the first tab').waitFor();
  assertNothingReadable(await storedData(page));

  // Deleting everything in the first tab: the lock goes, the second tab
  // follows (its entry list empties, then it starts again without a lock).
  await gotoData(page);
  await page.getByRole('button', { name: 'Delete everything…' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByText('Everything has been deleted from this browser.').waitFor();
  assert.deepEqual(await storedData(page), {});
  await page.locator('.vault-card').getByRole('heading', { name: 'Lock with a passphrase' }).waitFor();
  await other.getByText('Written in the first tab').waitFor({ state: 'detached' });
  await lockScreen(other).waitFor({ state: 'detached' });
  await appReady(other);
  await other.close();
  await app.done();
});

test('how long unlocking takes, with and without a 4x CPU slowdown', async () => {
  const app = await openApp(browser);
  const { page, context } = app;
  await answerWelcome(page, null);
  await writeJournal(page, 'Timing');
  await turnLockOn(page);
  const cdp = await context.newCDPSession(page);
  const times = {};
  for (const rate of [1, 4]) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await lockScreen(page).waitFor();
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
      const start = Date.now();
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor({ timeout: 60000 });
      runs.push(Date.now() - start);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    runs.sort((a, b) => a - b);
    times[`cpu_x${rate}_ms`] = { runs, median: runs[1] };
  }
  writeFileSync(join(ARTIFACTS, 'unlock-timing.json'), JSON.stringify(times, null, 2));
  console.log('unlock timing', JSON.stringify(times));
  await app.done();
});

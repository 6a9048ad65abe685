// Shared-phone privacy and keeping data safe: leaving quickly (button and
// Escape three times) for a neutral page that the back button doesn't undo,
// the plain name, persistent storage, installing, and the backup reminder.
// date-sweep: the backup reminder counts local days, so this runs at every instant of tests/dates.txt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch,
  openApp,
  appReady,
  settled,
  answerWelcome,
  expectAccessible,
  screenshot,
  storedData,
  BASE,
  SUB_BASE,
  PHONE,
  pinnedContext,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function gotoData(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
}

async function expectAway(page) {
  await page.waitForURL(/\/away\.html$/);
  await page.getByRole('heading', { level: 1, name: 'Masala chai for two' }).waitFor();
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /Groundwork|Leave quickly|Get help|Your data/);
  assert.equal(await page.title(), 'Masala chai for two');
}

const DAY = 24 * 60 * 60 * 1000;

test('"Leave quickly" swaps in a neutral page, and back does not bring the app back', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  // The header holds both buttons at phone width, each a full tap target.
  const exit = page.getByRole('button', { name: 'Leave quickly' });
  const help = page.getByRole('link', { name: /^Get help now/ });
  for (const control of [exit, help, page.getByRole('link', { name: 'Groundwork' })]) {
    const box = await control.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, 'a 44px target');
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, 'inside the screen');
  }
  await expectAccessible(page, 'home with the quick-exit button');
  await shot(page, 'privacy-header-home');

  await gotoData(page);
  await exit.click();
  await expectAway(page);
  await expectAccessible(page, 'the neutral page');
  await shot(page, 'privacy-away');

  // Back lands on an app address, which goes straight back to the neutral page.
  await page.goBack().catch(() => {});
  await expectAway(page);

  // Opening the app on purpose starts it as usual.
  await page.goto(BASE);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await app.done();
});

test('Escape three times leaves too, after saving what was being typed', async () => {
  const app = await openApp(browser, { path: 'movement' });
  const { page } = app;
  const note = page.getByLabel('Anything to remember? (optional)');
  // Two presses, then a pause: nothing happens.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1700);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  assert.doesNotMatch(page.url(), /away\.html/);

  await note.pressSequentially('Walked by the lake');
  // Straight away, well inside the autosave pause.
  await note.press('Escape');
  await note.press('Escape');
  await note.press('Escape');
  await expectAway(page);
  const stored = Object.values(await storedData(page)).join('\n');
  assert.match(stored, /Walked by the lake/);

  await page.goto(new URL('movement', BASE).href);
  await appReady(page);
  assert.equal(await page.getByLabel('Anything to remember? (optional)').inputValue(), 'Walked by the lake');
  await app.done();
});

test('a plain name replaces "Groundwork" in the title and header, and stays after a reload', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  assert.equal(await page.title(), 'Groundwork');
  await gotoData(page);
  await page.getByRole('heading', { name: 'If someone else uses this phone' }).waitFor();
  await page.getByRole('checkbox', { name: /Call the app something ordinary/ }).check();
  await page.waitForFunction(() => document.title === 'Notes');
  await page.getByRole('radio', { name: 'Planner' }).check();
  await page.waitForFunction(() => document.title === 'Planner');
  await page.getByRole('link', { name: 'Planner' }).waitFor();
  await page.getByText(/grey notebook called "Notes"/).waitFor();
  const manifest = await page.locator('link[rel=manifest]').getAttribute('href');
  assert.match(manifest, /manifest-neutral\.webmanifest$/);
  const named = await page.evaluate(async (href) => (await (await fetch(href)).json()).name, manifest);
  assert.equal(named, 'Notes');
  await expectAccessible(page, 'data page with the privacy card');
  await page.getByRole('heading', { name: 'If someone else uses this phone' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'privacy-data-page');

  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.title === 'Planner');
  assert.ok(await page.getByRole('checkbox', { name: /Call the app something ordinary/ }).isChecked());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(await page.title(), 'Planner');

  await gotoData(page);
  await page.getByRole('checkbox', { name: /Call the app something ordinary/ }).uncheck();
  await page.waitForFunction(() => document.title === 'Groundwork');
  assert.match(await page.locator('link[rel=manifest]').getAttribute('href'), /\/manifest\.webmanifest$/);
  await app.done();
});

test('the data page says whether storage is kept, asks again, and offers to install', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  // This browser's own answer, whatever it is, is shown.
  await gotoData(page);
  await page
    .getByRole('status')
    .filter({ hasText: /has agreed to keep|hasn't promised|doesn't say/ })
    .waitFor();

  // A browser that says "not yet" until asked.
  await app.context.addInitScript(() => {
    if (!navigator.storage) return;
    let granted = false;
    navigator.storage.persisted = async () => granted;
    navigator.storage.persist = async () => {
      granted = true;
      return true;
    };
  });
  await page.reload();
  await appReady(page);
  await page.getByRole('status').filter({ hasText: "hasn't promised to keep" }).waitFor();
  await page.getByText('Groundwork is open in the browser.', { exact: false }).waitFor();
  await page.getByText('A private or incognito window forgets everything', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Install Groundwork' }).count(), 0, 'no offer yet');

  // The browser offers to install: a button, and the dialog only after a tap.
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    window.__prompted = 0;
    offer.prompt = async () => {
      window.__prompted += 1;
    };
    offer.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(offer);
  });
  const install = page.getByRole('button', { name: 'Install Groundwork' });
  await install.waitFor();
  assert.equal(await page.evaluate(() => window.__prompted), 0);
  await expectAccessible(page, 'keeping your data safe');
  await page.getByRole('heading', { name: 'Keeping your data safe' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'privacy-keep-safe');

  await page.getByRole('button', { name: 'Ask the browser again' }).click();
  await page.getByRole('status').filter({ hasText: 'has agreed to keep' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ask the browser again' }).count(), 0);

  await install.click();
  await install.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__prompted), 1);
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await page.getByText('Installed. You can open Groundwork from your home screen').waitFor();
  await app.done();
});

test('Safari on an iPhone gets Home Screen steps', async () => {
  const context = await pinnedContext(browser, {
    viewport: PHONE,
    deviceScaleFactor: 1,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  });
  const page = await context.newPage();
  await page.goto(BASE);
  await appReady(page);
  await answerWelcome(page, null);
  const how = page.getByRole('link', { name: 'Show me how' });
  await how.waitFor();
  await expectAccessible(page, 'home with the iPhone hint');
  await shot(page, 'privacy-home-iphone');
  await how.click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  await page.getByRole('heading', { name: 'On an iPhone or iPad' }).waitFor();
  await page.getByText('"Add to Home Screen"', { exact: false }).waitFor();
  await context.close();
});

test('a gentle backup reminder once the chosen weeks have passed', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  const card = page.getByRole('region', { name: "It's been a while since your last backup" });
  const home = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' });
  const later = async (days) => {
    const now = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(now + days * DAY);
  };

  await gotoData(page);
  await page.getByText("You haven't downloaded a backup yet.").waitFor();
  await page.getByRole('radio', { name: 'Every 2 weeks' }).check();
  await page.waitForFunction(() => (localStorage.getItem('gw:settings_backup/me') ?? '').includes('"every_weeks":2'));
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download backup file' }).click(),
  ]);
  await page.getByText(/^Your last backup was downloaded on \d+ \w+ \d{4}\.$/).waitFor();

  // 13 days on: nothing yet.
  await later(13);
  await home.click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await settled(page);
  assert.equal(await card.count(), 0);

  // 15 days on: the reminder, with a download right there.
  await later(2);
  await gotoData(page);
  await home.click();
  await card.waitFor();
  await expectAccessible(page, 'home with the backup reminder');
  await shot(page, 'privacy-backup-reminder');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Download a backup now' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^groundwork-backup-/);
  await page.getByRole('status').filter({ hasText: 'Thank you. Your backup file is downloaded' }).waitFor();
  const stored = JSON.parse((await storedData(page))['gw:settings_backup/me']).body;
  assert.equal(stored.every_weeks, 2);
  const pageNow = await page.evaluate(() => Date.now());
  assert.ok(Math.abs(Date.parse(stored.last_export) - pageNow) < 60_000, 'the backup time is recorded');

  // Another 15 days: "Not now" quiets it, and the choice survives a reload.
  await later(15);
  await gotoData(page);
  await home.click();
  await card.waitFor();
  await card.getByRole('button', { name: 'Not now' }).click();
  await card.waitFor({ state: 'detached' });
  await page.reload();
  await appReady(page);
  assert.equal(await card.count(), 0);
  await gotoData(page);
  assert.ok(await page.getByRole('radio', { name: 'Every 2 weeks' }).isChecked());
  await app.done();
});

test('offline, and under a sub-path, the neutral page still opens and the plain manifest keeps the prefix', { skip: !SUB_BASE }, async () => {
  const app = await openApp(browser, { base: SUB_BASE });
  const { page, context } = app;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  await context.setOffline(true);
  await answerWelcome(page, null);
  await gotoData(page);
  await page.getByRole('checkbox', { name: /Call the app something ordinary/ }).check();
  await page.waitForFunction(() => document.title === 'Notes');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const prefix = new URL(SUB_BASE).pathname;
  assert.equal(href, `${prefix.replace(/\/$/, '')}/manifest-neutral.webmanifest`);
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.start_url, prefix.endsWith('/') ? prefix : `${prefix}/`);
  assert.ok(manifest.icons.every((i) => i.src.startsWith(prefix)));

  await page.getByRole('button', { name: 'Leave quickly' }).click();
  await expectAway(page);
  assert.ok(page.url().startsWith(SUB_BASE), 'the neutral page under the same prefix');
  await context.setOffline(false);
  await app.done();
});

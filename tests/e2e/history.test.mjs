// Years of history: with three years of heavy use stored, home comes first
// and the cards that look across the history follow once it is read (in
// steps, after home is painted). A page opened and a win saved before the
// reading is done see and keep everything, and a reload loses nothing.
// date-sweep: three years ending now (today's cards, this week's wins), so this runs at every instant of tests/dates.txt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, appReady, expectAccessible, storedData, NOW } from './helpers.mjs';
import { bigStore } from './bench.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

/** Notes, when home's heading first appears, whether the history cards were there. */
function watchFirstHeading() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('main h1')) {
      observer.disconnect();
      window.__cardsWithHeading = !!document.querySelector('.next-thing');
      window.__placeHeld = !!document.querySelector('.next-thing-waiting');
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

test('with three years of history, home comes first, then its cards; nothing waits or goes missing', async () => {
  const app = await openApp(browser);
  const { page, context } = app;
  // Three years ending at the journey's own (pinned) now.
  const store = bigStore(NOW.getTime());
  const stored = Object.keys(store).length;
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, store);
  await context.addInitScript(watchFirstHeading);
  // A slow phone: reading the history then takes a good while.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  assert.equal(await page.evaluate(() => window.__cardsWithHeading), false, 'home waited for the history');
  assert.equal(await page.evaluate(() => window.__placeHeld), true, "the card's place is held meanwhile");
  // The cards come once it is read, and the storage notice has nothing to say.
  await page.locator('.next-thing').getByRole('heading', { name: 'One thing for today' }).waitFor();
  assert.equal(await page.locator('.next-thing-waiting').count(), 0);
  assert.equal(await page.locator('.notices').textContent(), '');
  await expectAccessible(page, 'home with years of history');

  // Straight after a reload, before the reading is done: a win saved and
  // the whole journal opened.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  assert.equal(await page.evaluate(() => window.__cardsWithHeading), false);
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^Small steps/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Small steps' }).waitFor();
  await page.getByLabel('Log a win').fill('Opened the app after a long day');
  await page.getByRole('button', { name: 'Add win' }).click();
  await page.getByText('Opened the app after a long day').first().waitFor();
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^Journal/ }).click();
  await page.getByRole('link', { name: 'All entries' }).click();
  await page.getByText('Day 1095', { exact: false }).first().waitFor();

  // Unthrottled, once more: everything is still there, the new win too.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.reload();
  await appReady(page);
  const data = await storedData(page);
  assert.equal(Object.keys(data).filter((k) => k.startsWith('gw:')).length, stored + 1);
  assert.equal(Object.keys(data).filter((k) => k.startsWith('gw-aside:')).length, 0);
  const wins = Object.entries(data).filter(([k, v]) => k.startsWith('gw:win/') && v.includes('Opened the app after a long day'));
  assert.equal(wins.length, 1);
  await page.getByText('Day 1095', { exact: false }).first().waitFor();
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await page.locator('.next-thing').waitFor();
  await app.done();
});

// Nothing lost, ever: two tabs writing at once, the same entry edited in
// both, deleting in one tab, closing mid-typing, and an older app meeting
// data from a newer one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openApp, appReady, answerWelcome, expectAccessible, screenshot, storedData } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const journalValues = async (page) =>
  Object.entries(await storedData(page))
    .filter(([k]) => k.startsWith('gw:journal/'))
    .map(([, v]) => JSON.parse(v).body.body);

const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved$/ });
const body = (page) => page.getByLabel("What's on your mind?");
const entryLink = (page, name) => page.locator('.journal-entries').getByRole('link', { name });

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** A second tab of the same browser profile, open at `path`. */
async function secondTab(app, path) {
  const page = await app.context.newPage();
  await page.goto(new URL(path, BASE).href);
  await appReady(page);
  return page;
}

async function writeNewEntry(page, text) {
  await page.goto(new URL('journal/new', BASE).href);
  await page.waitForURL(/\/journal\/\d{8}-\d{6}-[0-9a-f]{8}$/);
  await body(page).fill(text);
  await saved(page).waitFor();
  return page.url();
}

test('two tabs writing at once: every entry is kept and each tab shows the other\'s without a reload', async () => {
  const app = await openApp(browser);
  const a = app.page;
  await answerWelcome(a, null);
  const b = await secondTab(app, 'journal');
  await b.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await b.getByText('Nothing written yet.', { exact: false }).waitFor();

  await writeNewEntry(a, 'Written in the first tab.');
  // Tab B is still on its list and was never reloaded.
  await entryLink(b, 'Written in the first tab.').waitFor();

  await a.getByRole('button', { name: 'Done' }).click();
  await a.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await writeNewEntry(b, 'Written in the second tab.');
  await entryLink(a, 'Written in the second tab.').waitFor();
  await entryLink(a, 'Written in the first tab.').waitFor();
  await shot(a, 'tabs-both-entries');
  assert.equal(await a.getByText(/open in more than one tab/).count(), 0);

  // Reopening shows both, exactly once each.
  const c = await secondTab(app, 'journal');
  await entryLink(c, 'Written in the second tab.').waitFor();
  assert.equal(await c.locator('.journal-entries').getByRole('link').count(), 2);
  assert.deepEqual((await journalValues(c)).sort(), ['Written in the first tab.', 'Written in the second tab.']);
  await app.done();
});

test('the same entry edited in two tabs: both texts are kept, the other one as a copy', async () => {
  const app = await openApp(browser);
  const a = app.page;
  await answerWelcome(a, null);
  const url = await writeNewEntry(a, 'First draft from tab A.');

  // Tab B opens the same entry and rewrites it.
  const b = await secondTab(app, url);
  assert.equal(await body(b).inputValue(), 'First draft from tab A.');
  await body(b).fill('A different version from tab B.');
  await saved(b).waitFor();
  await expectAccessible(b, 'journal editor in a second tab');

  // Tab A's editor keeps what the person typed there; typing goes on.
  assert.equal(await body(a).inputValue(), 'First draft from tab A.');
  // Tab A kept its own version and says so.
  const kept = a.getByText(/open in more than one tab, and two of them saved the same thing/);
  await kept.waitFor();
  await expectAccessible(a, 'editor with the two-versions notice');
  await shot(a, 'tabs-versions-kept');
  await body(a).press('End');
  await body(a).pressSequentially(' More from A.');
  await a.waitForTimeout(900);
  await saved(a).waitFor();

  const texts = await journalValues(a);
  assert.ok(texts.includes('First draft from tab A. More from A.'), JSON.stringify(texts));
  assert.ok(texts.includes('A different version from tab B.'), JSON.stringify(texts));
  // Exactly two: A's earlier words live on inside its new text.
  assert.equal(texts.length, 2, JSON.stringify(texts));

  // The entry itself holds the latest save; the list shows the other version too.
  const c = await secondTab(app, 'journal');
  await entryLink(c, 'A different version from tab B.').waitFor();
  await entryLink(c, 'First draft from tab A. More from A.').waitFor();
  await c.goto(url);
  await appReady(c);
  assert.equal(await body(c).inputValue(), 'First draft from tab A. More from A.');
  await shot(c, 'tabs-same-entry');
  // Dismissed, it stays away until another version is kept.
  await a.getByRole('button', { name: 'Dismiss' }).click();
  await kept.waitFor({ state: 'detached' });
  await app.done();
});

test('deleting everything in one tab empties the other, and a draft typed before closing comes back', async () => {
  const app = await openApp(browser);
  const a = app.page;
  await answerWelcome(a, null);
  await writeNewEntry(a, 'Something to delete later.');
  const b = await secondTab(app, 'journal');
  await entryLink(b, 'Something to delete later.').waitFor();

  await a.goto(new URL('data', BASE).href);
  await a.getByRole('button', { name: 'Delete everything…' }).click();
  await a
    .getByRole('alertdialog', { name: 'Delete everything Groundwork has kept?' })
    .getByRole('button', { name: 'Yes, delete everything' })
    .click();
  await a.getByRole('status').filter({ hasText: 'Everything has been deleted' }).waitFor();
  await b.getByText('Nothing written yet.', { exact: false }).waitFor();
  assert.deepEqual(await storedData(b), {});

  // Closing a tab mid-sentence, just after the pause that saves.
  const url = await writeNewEntry(b, 'Half a thought');
  await body(b).press('End');
  await body(b).pressSequentially(', and the rest of it');
  await b.waitForTimeout(700);
  await b.close();
  const again = await secondTab(app, url);
  assert.equal(await body(again).inputValue(), 'Half a thought, and the rest of it');
  await app.done();
});

test('an older app meeting data from a newer one says so and never overwrites or deletes it', async () => {
  const app = await openApp(browser);
  const { page } = app;
  const entryKey = 'gw:journal/20270501-090000-00010001';
  const newerEntry = JSON.stringify({
    v: 999,
    saved: '2027-05-01T09:00:00+05:30',
    body: { blocks: [{ text: 'Written with a newer Groundwork.' }] },
  });
  const newerProfile = JSON.stringify({ v: 999, saved: '2027-05-01T09:00:00+05:30', body: { shape: 'new' } });
  await page.evaluate(
    ([k, v, p]) => {
      localStorage.setItem(k, v);
      localStorage.setItem('gw:profile/me', p);
    },
    [entryKey, newerEntry, newerProfile]
  );
  await page.reload();
  await appReady(page);
  const notice = page.getByText(/saved by a newer version of Groundwork\. This version leaves it untouched/);
  await notice.waitFor();
  await expectAccessible(page, 'home with data from a newer version');
  await shot(page, 'tabs-newer-data');

  // The person can still use the app: answer, write, delete what this version made.
  await answerWelcome(page, null);
  await writeNewEntry(page, 'Written with this older version.');
  await page.getByRole('button', { name: 'Done' }).click();
  await entryLink(page, 'Written with this older version.').waitFor();
  await page.getByRole('button', { name: 'Delete the entry Written with this older version.' }).click();
  await page.getByText('Entry deleted.').waitFor();
  // A second tab saving meanwhile changes nothing either.
  const b = await secondTab(app, 'journal');
  await writeNewEntry(b, 'And one from another tab.');
  await page.reload();
  await appReady(page);
  await notice.waitFor();

  const stored = await storedData(page);
  assert.equal(stored[entryKey], newerEntry);
  assert.equal(stored['gw:profile/me'], newerProfile);
  await app.done();
});

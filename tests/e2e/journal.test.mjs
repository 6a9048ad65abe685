// The journal: writing with autosave, prompts tailored to the setback,
// search, tag filters, and delete with undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch,
  openApp,
  appReady,
  answerWelcome,
  expectAccessible,
  screenshot,
  storedData,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const journalKeys = async (page) =>
  Object.keys(await storedData(page)).filter((k) => k.startsWith('gw:journal/'));

// Full-page screenshots from the top, so the sticky header sits where it belongs.
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved$/ });

test('write an entry with a tag; it survives a reload and closing the page mid-typing', async () => {
  const app = await openApp(browser);
  let { page } = app;
  await answerWelcome(page, null);
  await page.getByRole('heading', { name: 'Something small you could try' }).waitFor();
  await page.getByRole('link', { name: /^Journal/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.waitForURL(/\/journal\/\d{8}-\d{6}-[0-9a-f]{8}$/);
  const url = page.url();
  // Nothing typed, nothing kept.
  await page.getByRole('status').filter({ hasText: /^Saves as you type$/ }).waitFor();
  assert.deepEqual(await journalKeys(page), []);

  await page.getByLabel('Title (optional)').fill('A slow morning');
  const body = page.getByLabel("What's on your mind?");
  await body.fill('Woke up early and made tea. The result still stings, but less.');
  await page.getByText('12 words').waitFor();
  await saved(page).waitFor();
  await page.getByLabel('Add a tag').fill('  Sleep ');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Remove tag sleep' }).waitFor();
  await page.getByLabel('Add a tag').fill('sleep');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'This entry already has that tag.' }).waitFor();
  await saved(page).waitFor();
  const keys = await journalKeys(page);
  assert.equal(keys.length, 1);
  const stored = JSON.parse((await storedData(page))[keys[0]]);
  assert.equal(stored.body.title, 'A slow morning');
  assert.deepEqual(stored.body.tags, ['sleep']);
  await expectAccessible(page, 'journal editor');
  await shot(page, 'journal-editor');

  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('Title (optional)').inputValue(), 'A slow morning');
  assert.match(await body.inputValue(), /^Woke up early and made tea\./);
  await page.getByRole('button', { name: 'Remove tag sleep' }).waitFor();
  await saved(page).waitFor();

  // Keep typing, pause past the debounce, then close the tab.
  await body.press('End');
  await body.pressSequentially(' Later I walked to the market.');
  await page.waitForTimeout(1200);
  await page.close();
  page = await app.context.newPage();
  await page.goto(url);
  await appReady(page);
  const reopened = page.getByLabel("What's on your mind?");
  assert.match(await reopened.inputValue(), /but less\. Later I walked to the market\.$/);

  // Closing straight after typing, before the pause is over, keeps it too.
  await reopened.press('End');
  await reopened.pressSequentially(' Tea again.');
  await page.close({ runBeforeUnload: true });
  page = await app.context.newPage();
  await page.goto(url);
  await appReady(page);
  assert.match(await page.getByLabel("What's on your mind?").inputValue(), /market\. Tea again\.$/);

  // Done goes back to the list, which shows the entry.
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'A slow morning' }) });
  await entry.getByText('20 words').waitFor();
  await entry.getByText('#sleep').waitFor();
  await app.done();
});

test('an empty new entry is not kept (dark theme)', async () => {
  const app = await openApp(browser, { path: 'journal/new', colorScheme: 'dark' });
  const { page } = app;
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.waitForURL(/\/journal\/\d{8}-/);
  await expectAccessible(page, 'journal editor, dark');
  await shot(page, 'journal-editor-dark');
  await page.getByLabel("What's on your mind?").click();
  await page.getByRole('link', { name: 'All entries' }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.getByText('Nothing written yet.', { exact: false }).waitFor();
  assert.deepEqual(await journalKeys(page), []);
  await app.done();
});

test('a prompt tailored to the setback starts an entry that keeps its prompt', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Losing a job, or work falling apart');
  await page.goto(new URL('journal', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.getByRole('heading', { name: "For what you're going through" }).waitFor();
  await expectAccessible(page, 'journal list (empty)');
  await shot(page, 'journal-list-empty');

  await page.getByRole('link', { name: /What did that work give you/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.waitForURL(/\/journal\/\d{8}-.*\?prompt=job_1$/);
  await page.getByText('Your prompt').waitFor();
  const body = page.getByLabel("What's on your mind?");
  // The prompt is read out with the text area.
  assert.match(await body.getAttribute('aria-describedby'), /journal-prompt/);
  assert.deepEqual(await journalKeys(page), []);
  await body.fill('Mostly the people at lunch. I could call Meera this week.');
  await saved(page).waitFor();
  const [key] = await journalKeys(page);
  assert.match((await storedData(page))[key], /"prompt":"job_1"/);
  await shot(page, 'journal-editor-prompt');

  await page.reload();
  await appReady(page);
  await page.getByText(/What did that work give you/).waitFor();
  assert.match(await body.inputValue(), /call Meera/);

  await page.getByRole('link', { name: 'All entries' }).click();
  await page.getByRole('link', { name: /^Mostly the people at lunch/ }).waitFor();
  await app.done();
});

function doc(body) {
  return JSON.stringify({ v: 1, saved: body.updated, body });
}

const ENTRIES = {
  'gw:journal/20261101-090000-00010001': doc({
    title: 'Walk in the park',
    body: 'Went out after lunch. The park was quiet and I felt lighter.',
    tags: ['walk'],
    prompt: null,
    created: '2026-11-01T09:00:00+05:30',
    updated: '2026-11-01T09:10:00+05:30',
  }),
  'gw:journal/20261110-210000-00020002': doc({
    title: '',
    body: 'Call with Amma. She asked about the results and I told her the truth.\nIt went better than I feared.',
    tags: ['family'],
    prompt: 'exam_2',
    created: '2026-11-10T21:00:00+05:30',
    updated: '2026-11-10T21:20:00+05:30',
  }),
  'gw:journal/20261120-070000-00030003': doc({
    title: 'सुबह',
    body: 'आज सुबह पापा के साथ पार्क में टहलने गया। अच्छा लगा।',
    tags: ['family', 'walk'],
    prompt: null,
    created: '2026-11-20T07:00:00+05:30',
    updated: '2026-11-20T07:05:00+05:30',
  }),
};

test('entries are found by search and by tag, and a delete can be undone', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'An exam or studies that didn\'t go the way I hoped');
  await page.evaluate((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, ENTRIES);
  await page.goto(new URL('journal', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();

  const list = page.locator('.journal-entries');
  const titles = () => list.getByRole('link').allTextContents();
  await list.getByRole('link').first().waitFor();
  // Newest first; an entry without a title shows its first line.
  assert.deepEqual(await titles(), [
    'सुबह',
    'Call with Amma. She asked about the results and I told her the truth.',
    'Walk in the park',
  ]);
  await list.getByText('20 Nov 2026, 07:00 · 11 words').waitFor();
  await expectAccessible(page, 'journal list');
  await shot(page, 'journal-list');

  const search = page.getByRole('searchbox', { name: 'Search your entries' });
  await search.fill('QUIET park');
  await page.getByText('1 of 3 entries shown').waitFor();
  assert.deepEqual(await titles(), ['Walk in the park']);
  await search.fill('पार्क');
  await page.getByText('1 of 3 entries shown').waitFor();
  assert.deepEqual(await titles(), ['सुबह']);
  await search.fill('truth amma');
  await page.getByText('1 of 3 entries shown').waitFor();
  await expectAccessible(page, 'journal search results');
  await shot(page, 'journal-search');
  await search.fill('holiday');
  await page.getByText('No entries match.', { exact: false }).waitFor();
  await search.fill('');

  const tags = page.getByRole('group', { name: 'Show entries tagged' });
  await tags.getByRole('button', { name: '#family' }).click();
  assert.equal(await tags.getByRole('button', { name: '#family' }).getAttribute('aria-pressed'), 'true');
  await page.getByText('2 of 3 entries shown').waitFor();
  assert.deepEqual(await titles(), [
    'सुबह',
    'Call with Amma. She asked about the results and I told her the truth.',
  ]);
  await search.fill('truth');
  await page.getByText('1 of 3 entries shown').waitFor();
  await search.fill('park');
  await page.getByText('No entries match.', { exact: false }).waitFor();
  await search.fill('');
  await tags.getByRole('button', { name: 'All' }).click();
  await page.getByText('3 of 3 entries shown').waitFor({ state: 'detached' });

  // Delete, then undo: the entry is written back exactly.
  const key = 'gw:journal/20261101-090000-00010001';
  const before = (await storedData(page))[key];
  await page.getByRole('button', { name: 'Delete the entry Walk in the park' }).click();
  await page.getByRole('status').filter({ hasText: 'Entry deleted.' }).waitFor();
  assert.equal((await storedData(page))[key], undefined);
  assert.equal(await titles().then((t) => t.length), 2);
  const undo = page.getByRole('button', { name: 'Undo' });
  // The focus moves to Undo, so it is one key press away.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
  await undo.click();
  await page.getByRole('status').filter({ hasText: 'Entry restored.' }).waitFor();
  assert.equal(JSON.parse((await storedData(page))[key]).body.title, 'Walk in the park');
  assert.equal(JSON.parse((await storedData(page))[key]).body.body, JSON.parse(before).body.body);
  assert.equal(await titles().then((t) => t.length), 3);

  // Deleting without undo sticks across a reload.
  await page.getByRole('button', { name: 'Delete the entry सुबह' }).click();
  await page.getByRole('status').filter({ hasText: 'Entry deleted.' }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'Walk in the park' }).waitFor();
  assert.deepEqual(await titles(), [
    'Call with Amma. She asked about the results and I told her the truth.',
    'Walk in the park',
  ]);
  // Tag suggestions in the editor come from tags already used.
  await page.getByRole('link', { name: 'Walk in the park' }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.getByRole('button', { name: 'Add tag family' }).click();
  await page.getByRole('button', { name: 'Remove tag family' }).waitFor();
  await saved(page).waitFor();
  assert.deepEqual(JSON.parse((await storedData(page))[key]).body.tags, ['walk', 'family']);
  await app.done();
});

test('a long journal shows the newest entries first and older ones on request', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'An exam or studies that didn\'t go the way I hoped');
  // 120 entries, one a day: the list starts with the newest 50.
  const many = {};
  for (let i = 1; i <= 120; i++) {
    const day = new Date(Date.UTC(2026, 6, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const stamp = `${day}T08:00:00+05:30`;
    many[`gw:journal/${day.replaceAll('-', '')}-080000-0${String(i).padStart(3, '0')}0001`] = doc({
      title: `Morning page ${i}`,
      body: i === 3 ? 'The kettle sang while I wrote.' : 'A few lines about the day.',
      tags: [],
      prompt: null,
      created: stamp,
      updated: stamp,
    });
  }
  await page.evaluate((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, many);
  await page.goto(new URL('journal', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  const links = page.locator('.journal-entries').getByRole('link');
  await links.first().waitFor();
  assert.equal(await links.count(), 50);
  assert.equal(await links.first().textContent(), 'Morning page 120');
  assert.equal(await links.last().textContent(), 'Morning page 71');
  await page.getByText('Showing your newest 50 of 120 entries.').waitFor();
  await expectAccessible(page, 'long journal');
  await shot(page, 'journal-long');

  const more = page.getByRole('button', { name: 'Show older entries' });
  await more.click();
  await page.getByText('Showing your newest 100 of 120 entries.').waitFor();
  assert.equal(await links.count(), 100);
  await more.click();
  await page.getByText('Showing your newest', { exact: false }).waitFor({ state: 'detached' });
  assert.equal(await links.count(), 120);
  assert.equal(await links.last().textContent(), 'Morning page 1');
  assert.equal(await more.count(), 0);

  // Search still looks through every entry, not only those shown.
  await page.getByRole('searchbox', { name: 'Search your entries' }).fill('kettle');
  await page.getByText('1 of 120 entries shown').waitFor();
  assert.deepEqual(await links.allTextContents(), ['Morning page 3']);
  await app.done();
});

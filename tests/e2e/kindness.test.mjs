// Being kind to yourself: a self-compassion break (with its pause and its
// log), friend versus self, and a letter that is set aside, offered again
// once the clock has moved past its date, and marked reread.
// date-sweep: a letter's reread day is a local calendar day, so this runs at every instant of tests/dates.txt.
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
  BASE,
  SUB_BASE,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

// Full-page screenshots from the top, so the sticky header sits where it belongs.
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const stored = async (page, kind) =>
  Object.entries(await storedData(page))
    .filter(([k]) => k.startsWith(`gw:${kind}/`))
    .map(([k, v]) => [k, JSON.parse(v).body]);

const DAY = 24 * 60 * 60 * 1000;

test('a self-compassion break, with a pause, resumes after a reload and is logged with its words', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await page.getByRole('link', { name: /^Self-compassion break/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-compassion break' }).waitFor();
  await page.getByText('Nothing here yet.', { exact: false }).waitFor();
  await expectAccessible(page, 'self-compassion break start');
  await page.getByRole('button', { name: 'Begin' }).click();

  await page.getByText('Step 1 of 3').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Notice that this hurts' }).waitFor();
  // The pause is offered, never forced: start it, let it run out.
  await page.getByRole('button', { name: 'Start a 30-second pause' }).click();
  await page.getByRole('progressbar', { name: 'Time in this pause' }).waitFor();
  await page.getByText(/^\d+ seconds left\./).waitFor();
  await expectAccessible(page, 'break step with pause running');
  await shot(page, 'kindness-break-pause');
  await page.clock.fastForward(31_000);
  await page.getByRole('status').filter({ hasText: 'Move on whenever you\'re ready.' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Step 2 of 3').waitFor();
  await page.getByRole('heading', { level: 2, name: 'You are not the only one' }).waitFor();
  // Back works, and Next without the pause works too.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByText('Step 1 of 3').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Step 3 of 3').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Offer yourself some kindness' }).waitFor();
  const words = page.getByLabel('Your kind words');
  await words.fill("I'm allowed to find this hard.\nI am still here.");
  await expectAccessible(page, 'break kindness step');
  await shot(page, 'kindness-break-words');
  await page.waitForTimeout(1200);

  // A reload mid-break comes back to the same step with the words.
  await page.reload();
  await appReady(page);
  await page.getByText('Step 3 of 3').waitFor();
  assert.equal(await words.inputValue(), "I'm allowed to find this hard.\nI am still here.");

  await page.getByRole('button', { name: 'Finish and keep it' }).click();
  await page.getByRole('heading', { name: 'Thank you for taking this time' }).waitFor();
  const log = page.locator('.kindness-log li');
  await log.filter({ hasText: 'all three steps' }).waitFor();
  await log.getByText("I'm allowed to find this hard.").waitFor();
  const breaks = await stored(page, 'compassion_break');
  assert.equal(breaks.length, 1);
  assert.equal(breaks[0][1].steps_reached, 3);
  assert.equal(breaks[0][1].kind_words, "I'm allowed to find this hard.\nI am still here.");
  assert.deepEqual(await stored(page, 'compassion_break_draft'), []);
  await expectAccessible(page, 'break finished with log');
  await shot(page, 'kindness-break-log');

  // Ending early keeps what was reached.
  await page.getByRole('button', { name: 'Take another break' }).click();
  await page.getByText('Step 1 of 3').waitFor();
  await page.getByRole('button', { name: 'End here and keep what I have' }).click();
  await log.filter({ hasText: '1 of 3 steps' }).waitFor();

  await page.reload();
  await appReady(page);
  await log.getByText("I'm allowed to find this hard.").waitFor();
  assert.equal(await log.count(), 2);
  await app.done();
});

test('friend versus self: two answers, side by side, what would change; kept through reloads', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, "An exam or studies that didn't go the way I hoped");
  await page.getByRole('link', { name: /^Friend versus self/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Friend versus self' }).waitFor();
  await page.getByText('Step 1 of 3').waitFor();
  await expectAccessible(page, 'friend step 1');
  await page
    .getByLabel('What you would say to your friend')
    .fill('You worked for months. One result does not cancel that.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 3').waitFor();
  const selfTalk = page.getByLabel('What you have been telling yourself');
  await selfTalk.fill('I am a failure and everyone can see it.');
  await page.waitForTimeout(1200);

  await page.reload();
  await appReady(page);
  await page.getByText('Step 2 of 3').waitFor();
  assert.equal(await selfTalk.inputValue(), 'I am a failure and everyone can see it.');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('heading', { level: 2, name: 'Side by side' }).waitFor();
  const friendSide = page.getByRole('region', { name: 'To your friend' });
  const selfSide = page.getByRole('region', { name: 'To yourself' });
  await friendSide.getByText('You worked for months.', { exact: false }).waitFor();
  await selfSide.getByText('I am a failure', { exact: false }).waitFor();
  // On a phone the two are stacked: the friend's answer above.
  const [a, b] = [await friendSide.boundingBox(), await selfSide.boundingBox()];
  assert.ok(b.y >= a.y + a.height - 1, 'stacked on a phone');
  await page
    .getByLabel('What would change if you spoke to yourself the way you speak to your friend?')
    .fill('I would stop calling myself names and plan one small next step.');
  await expectAccessible(page, 'friend side by side');
  await shot(page, 'kindness-friend-compare');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.getByText('Step 1 of 3').waitFor();
  const history = page.locator('.kindness-log li');
  await history.getByText('plan one small next step', { exact: false }).waitFor();
  const entries = await stored(page, 'friend_view');
  assert.equal(entries.length, 1);
  assert.equal(entries[0][1].self_talk, 'I am a failure and everyone can see it.');
  assert.deepEqual(await stored(page, 'friend_view_draft'), []);

  await page.reload();
  await appReady(page);
  await history.getByText('You worked for months.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('What you would say to your friend').inputValue(), '');
  await expectAccessible(page, 'friend with history');
  await shot(page, 'kindness-friend-history');
  await app.done();
});

test('a letter is set aside, offered again after its date, and marked reread', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await page.getByRole('link', { name: /^A letter to yourself/ }).click();
  await page.getByRole('heading', { level: 1, name: 'A letter to yourself' }).waitFor();
  await page.getByText('No letters yet.', { exact: false }).waitFor();
  await expectAccessible(page, 'letters, empty');
  await page.getByRole('link', { name: 'Write a new letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Write your letter' }).waitFor();

  // Saving with nothing written says what is missing.
  await page.getByRole('button', { name: 'Save the letter' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write a few words first.' }).waitFor();

  const letter = page.getByRole('textbox', { name: 'Your letter', exact: true });
  const text = 'Dear me,\nI know this month has been heavy. You kept going anyway.\nWith love, me';
  await letter.fill(text);
  await page.getByRole('radio', { name: 'In 3 days' }).check();
  await page.getByRole('status').filter({ hasText: /^Draft saved$/ }).waitFor();
  await page.waitForTimeout(800);

  // The draft survives a reload, wait and all.
  await page.reload();
  await appReady(page);
  assert.equal(await letter.inputValue(), text);
  assert.ok(await page.getByRole('radio', { name: 'In 3 days' }).isChecked());
  await expectAccessible(page, 'letter writer');
  await shot(page, 'kindness-letter-write');

  await page.getByRole('button', { name: 'Save the letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your letter' }).waitFor();
  await page.getByText(/Your letter is saved\. It will be waiting for you on \d+ \w{3} \d{4}\./).waitFor();
  await page.getByText('I know this month has been heavy.', { exact: false }).waitFor();
  const letters = await stored(page, 'compassionate_letter');
  assert.equal(letters.length, 1);
  assert.equal(letters[0][1].reread_after_days, 3);
  assert.deepEqual(await stored(page, 'compassionate_letter_draft'), []);
  const letterUrl = page.url().replace(/\?.*$/, '');

  // Not yet offered on the home screen.
  await page.goto(BASE);
  await appReady(page);
  await page.getByRole('heading', { name: 'Something small you could try' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'A letter for you' }).count(), 0);

  // Four days later it is offered, on the home screen and in the list.
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + 4 * DAY);
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { name: 'A letter for you' }).waitFor();
  await page.getByText(/A letter you wrote on \d+ \w{3} \d{4} is ready to read again\./).waitFor();
  await expectAccessible(page, 'home with a letter to reread');
  await shot(page, 'kindness-home-letter');
  await page.getByRole('link', { name: /^A letter to yourself/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Ready to read again' }).waitFor();
  await expectAccessible(page, 'letters with one ready');
  await shot(page, 'kindness-letters-ready');

  await page.goto(BASE);
  await appReady(page);
  await page.getByRole('link', { name: 'Read it now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your letter' }).waitFor();
  assert.equal(page.url(), letterUrl);
  await page.getByText("It's a good moment to read this again.", { exact: false }).waitFor();
  const note = page.getByLabel('How did it feel to read it? (optional)');
  await note.fill('Lighter than I expected.');
  // The note being typed survives a reload too.
  await page.waitForTimeout(1200);
  await page.reload();
  await appReady(page);
  assert.equal(await note.inputValue(), 'Lighter than I expected.');
  await page.getByRole('radio', { name: 'No, that\'s enough for now' }).check();
  await expectAccessible(page, 'letter ready to reread');
  await shot(page, 'kindness-letter-reread');
  await page.getByRole('button', { name: "I've reread it" }).click();
  await page.getByRole('status').filter({ hasText: 'Noted.' }).waitFor();
  await page.getByRole('heading', { name: 'Times you have read it again' }).waitFor();
  await page.getByText('Lighter than I expected.').waitFor();

  await page.reload();
  await appReady(page);
  await page.getByText('You have read this again.', { exact: false }).waitFor();
  await page.getByText('Lighter than I expected.').waitFor();
  const after = await stored(page, 'compassionate_letter');
  assert.equal(after[0][1].rereads.length, 1);
  assert.equal(after[0][1].rereads[0].note, 'Lighter than I expected.');
  assert.equal(after[0][1].reread_after_days, null);

  // Nothing more is offered afterwards.
  await page.clock.setSystemTime(now + 40 * DAY);
  await page.goto(BASE);
  await appReady(page);
  await page.getByRole('heading', { name: 'Something small you could try' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'A letter for you' }).count(), 0);

  // Deleting asks first; "Keep it" keeps it.
  await page.goto(letterUrl);
  await appReady(page);
  await page.getByRole('button', { name: 'Delete this letter' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this letter?' }).waitFor();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.getByRole('button', { name: 'Delete this letter' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'A letter to yourself' }).waitFor();
  await page.getByText('No letters yet.', { exact: false }).waitFor();
  assert.deepEqual(await stored(page, 'compassionate_letter'), []);
  await app.done();
});

test('each kindness page opens directly, in dark mode with reduced motion, and passes axe', async () => {
  const pages = [
    ['kindness/break', 'Self-compassion break', 'kindness-break-dark'],
    ['kindness/friend', 'Friend versus self', 'kindness-friend-dark'],
    ['kindness/letters', 'A letter to yourself', 'kindness-letters-dark'],
    ['kindness/letters/new', 'Write your letter', 'kindness-letter-write-dark'],
  ];
  for (const [path, heading, name] of pages) {
    const app = await openApp(browser, { path, colorScheme: 'dark', reducedMotion: 'reduce' });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await expectAccessible(page, `/${path} (dark)`);
    await shot(page, name);
    await app.done();
  }
});

test('under a sub-path the letters keep the prefix', { skip: !SUB_BASE }, async () => {
  const app = await openApp(browser, { base: SUB_BASE, path: 'kindness/letters' });
  const { page } = app;
  await page.getByRole('heading', { level: 1, name: 'A letter to yourself' }).waitFor();
  const write = page.getByRole('link', { name: 'Write a new letter' });
  assert.equal(await write.getAttribute('href'), '/groundwork/kindness/letters/new');
  await write.click();
  await page.getByRole('heading', { level: 1, name: 'Write your letter' }).waitFor();
  await page.getByRole('textbox', { name: 'Your letter', exact: true }).fill('Dear me, go gently.');
  await page.getByRole('button', { name: 'Save the letter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your letter' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/groundwork\/kindness\/letters\/\d{8}-\d{6}-[0-9a-f]{8}$/);
  await page.reload();
  await page.getByText('Dear me, go gently.').waitFor();
  await page.getByRole('button', { name: 'Delete this letter' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'A letter to yourself' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/groundwork/kindness/letters');
  await app.done();
});

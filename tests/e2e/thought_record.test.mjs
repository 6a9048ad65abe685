// The thought record: a whole record from the home screen, a half-done one
// resumed after a reload, editing, and delete with undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, expectAccessible, screenshot, storedData, BASE, SUB_BASE } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** Thought records kept in local storage, as parsed bodies keyed by id. */
async function storedRecords(page) {
  const out = {};
  for (const [key, value] of Object.entries(await storedData(page))) {
    if (key.startsWith('gw:thought_record/')) out[key.slice('gw:thought_record/'.length)] = JSON.parse(value).body;
  }
  return out;
}

/** Waits until the debounced save has written `predicate`-satisfying data. */
async function waitForStored(page, predicate, label) {
  for (let i = 0; i < 50; i++) {
    const records = Object.values(await storedRecords(page));
    if (records.some(predicate)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`never saved: ${label}`);
}

async function expectStep(page, n, heading) {
  await page.getByText(`Step ${n} of 8`).waitFor();
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
}

async function next(page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

async function setSlider(page, name, value) {
  await page.getByRole('slider', { name }).fill(String(value));
}

test('a whole thought record from the home screen, kept after a reload', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'An exam or studies that didn\'t go the way I hoped');
  await page.getByRole('link', { name: /^Thought record/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Thought record' }).waitFor();

  // 1. The situation.
  await expectStep(page, 1, 'What happened?');
  await expectAccessible(page, 'step 1');
  await page.getByRole('textbox', { name: 'What happened?' }).fill('The results came out and I missed the cut-off by four marks.');
  await screenshot(page, 'thought-step-1');
  await next(page);

  // 2. Feelings, chosen and typed, with intensities.
  await expectStep(page, 2, 'What did you feel?');
  await page.getByRole('button', { name: 'Ashamed', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Ashamed', exact: true }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Sad', exact: true }).click();
  await page.getByRole('button', { name: 'Sad', exact: true }).click(); // changed my mind
  assert.equal(await page.getByRole('button', { name: 'Sad', exact: true }).getAttribute('aria-pressed'), 'false');
  await page.getByLabel('Another feeling, in your own word').fill('Stuck');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Another feeling, in your own word').fill('stuck');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'already on your list' }).waitFor();
  await setSlider(page, 'How strong: Ashamed', 90);
  await setSlider(page, 'How strong: Stuck', 70);
  await expectAccessible(page, 'step 2');
  await screenshot(page, 'thought-step-2');
  await next(page);

  // 3. Thoughts, and the one that hurts most.
  await expectStep(page, 3, 'What went through your mind?');
  await page.getByRole('textbox', { name: 'Thought 1' }).fill('Everyone will think I am stupid');
  await page.getByRole('button', { name: 'Add another thought' }).click();
  await page.getByRole('textbox', { name: 'Thought 2' }).fill('I will never get into any college');
  await page.getByRole('radio', { name: 'Thought 2 hurts most' }).check();
  await expectAccessible(page, 'step 3');
  await screenshot(page, 'thought-step-3');
  await next(page);

  // 4. Thinking traps, with the hot thought shown as context.
  await expectStep(page, 4, 'Any thinking traps?');
  await page.getByText('I will never get into any college').waitFor();
  assert.equal(await page.getByRole('checkbox').count(), 12);
  await page.getByRole('checkbox', { name: 'Fortune telling' }).check();
  await page.getByRole('checkbox', { name: 'Labelling' }).check();
  await expectAccessible(page, 'step 4');
  await screenshot(page, 'thought-step-4');
  await next(page);

  // 5. Evidence.
  await expectStep(page, 5, 'Weigh it up');
  await page.getByRole('textbox', { name: 'What supports this thought?' }).fill('I missed the cut-off this year.');
  await page.getByRole('textbox', { name: "What doesn't fit with it?" }).fill('There are other colleges, and a second attempt next year.');
  await expectAccessible(page, 'step 5');
  await next(page);

  // 6. The friend test: skipped, then come back with Back.
  await expectStep(page, 6, 'If a friend said this');
  await page.getByRole('button', { name: 'Skip' }).click();
  await expectStep(page, 7, 'A fairer thought');
  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 6, 'If a friend said this');
  await page.getByRole('textbox', { name: 'What I would say to a friend' }).fill('Four marks is close. You can try again.');
  await expectAccessible(page, 'step 6');
  await next(page);

  // 7. A balanced thought.
  await expectStep(page, 7, 'A fairer thought');
  await page.getByRole('textbox', { name: 'A balanced thought' }).fill('I missed it this time, and I still have options.');
  await setSlider(page, 'How much do you believe it?', 60);
  await expectAccessible(page, 'step 7');
  await screenshot(page, 'thought-step-7');
  await next(page);

  // 8. Re-rate the same feelings, then finish.
  await expectStep(page, 8, 'How do you feel now?');
  await setSlider(page, 'Ashamed now (it was 90)', 50);
  await setSlider(page, 'Stuck now (it was 70)', 40);
  await expectAccessible(page, 'step 8');
  await screenshot(page, 'thought-step-8');
  await page.getByRole('button', { name: 'Finish', exact: true }).click();

  // The finished record, read whole: (90-50 + 70-40) / 2 = 35.
  await page.getByText('Feelings eased by 35 points on average').waitFor();
  await page.getByText('Four marks is close. You can try again.').waitFor();
  await expectAccessible(page, 'one record');
  await screenshot(page, 'thought-view');

  await page.reload();
  await page.getByText('Feelings eased by 35 points on average').waitFor();
  const records = Object.values(await storedRecords(page));
  assert.equal(records.length, 1);
  const [r] = records;
  assert.ok(r.finished_at);
  assert.deepEqual(r.feelings, [
    { name: 'Ashamed', before: 90, after: 50 },
    { name: 'Stuck', before: 70, after: 40 },
  ]);
  assert.equal(r.hot, 1);
  assert.deepEqual(r.traps, ['fortune_telling', 'labelling']);
  assert.equal(r.belief, 60);

  // History lists it with its change, and the average sentence.
  await page.getByRole('link', { name: 'Back to your thought records' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your thought records' }).waitFor();
  const entry = page.getByRole('link', { name: /I will never get into any college/ });
  await entry.getByText('Feelings eased by 35 points on average').waitFor();
  await page.getByText('Across the records where you re-rated your feelings (1 so far), they eased by 35 points on average.').waitFor();
  await page.getByRole('link', { name: 'New thought record' }).waitFor();
  await expectAccessible(page, 'history');
  await screenshot(page, 'thought-history');
  await app.done();
});

test('a half-done record survives a reload and resumes where it was left', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await page.goto(new URL('thoughts', BASE).href);
  await page.getByRole('heading', { level: 1, name: 'Your thought records' }).waitFor();
  await page.getByText('No finished records yet.').waitFor();
  await page.getByRole('link', { name: 'New thought record' }).click();
  await expectStep(page, 1, 'What happened?');
  await page.getByRole('textbox', { name: 'What happened?' }).fill('My manager called me into a short meeting.');
  await next(page);
  await page.getByRole('button', { name: 'Anxious', exact: true }).click();
  await next(page);
  await page.getByRole('textbox', { name: 'Thought 1' }).fill("I'm going to be let go");
  // No button pressed after typing: the debounced save keeps it.
  await waitForStored(page, (r) => r.thoughts?.[0] === "I'm going to be let go", 'the typed thought');
  await page.reload();

  // Straight back on step 3, with the words still there.
  await expectStep(page, 3, 'What went through your mind?');
  assert.equal(await page.getByRole('textbox', { name: 'Thought 1' }).inputValue(), "I'm going to be let go");

  // The history offers to continue it.
  await page.goto(new URL('thoughts', BASE).href);
  const card = page.getByRole('heading', { level: 2, name: 'Continue your unfinished record' });
  await card.waitFor();
  await page.getByText('You stopped at step 3 of 8.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New thought record' }).count(), 0);
  await expectAccessible(page, 'history with a draft');
  await screenshot(page, 'thought-history-draft');
  // Reduced motion too, so no colour transition is caught half-way.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await expectAccessible(page, 'history with a draft, dark');
  await screenshot(page, 'thought-history-draft-dark');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  await page.getByRole('link', { name: 'Continue where I left off' }).click();
  await expectStep(page, 3, 'What went through your mind?');

  // Reloading or leaving straight after typing loses nothing either.
  await page.getByRole('textbox', { name: 'Thought 1' }).fill("I'm going to be let go, again");
  await page.reload();
  await expectStep(page, 3, 'What went through your mind?');
  assert.equal(await page.getByRole('textbox', { name: 'Thought 1' }).inputValue(), "I'm going to be let go, again");
  await page.getByRole('textbox', { name: 'Thought 1' }).fill("I'm going to be let go, and it's my fault");
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.goto(new URL('thoughts/new', BASE).href);
  await expectStep(page, 3, 'What went through your mind?');
  assert.equal(
    await page.getByRole('textbox', { name: 'Thought 1' }).inputValue(),
    "I'm going to be let go, and it's my fault"
  );
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 1, 'What happened?');
  assert.equal(
    await page.getByRole('textbox', { name: 'What happened?' }).inputValue(),
    'My manager called me into a short meeting.'
  );

  // Deleting the draft offers an undo.
  await page.goto(new URL('thoughts', BASE).href);
  await page.getByRole('button', { name: 'Delete this draft' }).click();
  await page.getByRole('status').getByText('Your draft was deleted.').waitFor();
  assert.deepEqual(await storedRecords(page), {});
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('status').getByText("It's back.").waitFor();
  await card.waitFor();
  assert.equal(Object.keys(await storedRecords(page)).length, 1);
  await app.done();
});

test('editing a finished record, then deleting it with undo', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Losing a job, or work falling apart');
  await page.goto(new URL('thoughts/new', BASE).href);
  await expectStep(page, 1, 'What happened?');
  await page.getByRole('textbox', { name: 'What happened?' }).fill('I was not shortlisted.');
  await next(page);
  await page.getByRole('button', { name: 'Hurt', exact: true }).click();
  await setSlider(page, 'How strong: Hurt', 80);
  await next(page);
  await page.getByRole('textbox', { name: 'Thought 1' }).fill('Nobody will ever hire me');
  // Skip straight on to the end.
  for (let step = 4; step <= 8; step++) {
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByText(`Step ${step} of 8`).waitFor();
  }
  await page.getByRole('button', { name: 'Finish without re-rating' }).click();
  await page.getByText('Feelings not re-rated').waitFor();
  await page.getByText('Nobody will ever hire me').first().waitFor();

  // Edit: change the balanced thought and re-rate.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expectStep(page, 1, 'What happened?');
  for (let step = 2; step <= 7; step++) {
    await next(page);
    await page.getByText(`Step ${step} of 8`).waitFor();
  }
  await page.getByRole('textbox', { name: 'A balanced thought' }).fill('One shortlist is not every employer.');
  await next(page);
  await setSlider(page, 'Hurt now (it was 80)', 60);
  await page.getByRole('button', { name: 'Finish', exact: true }).click();
  await page.getByText('One shortlist is not every employer.').waitFor();
  await page.getByText('Feelings eased by 20 points on average').waitFor();
  await page.reload();
  await page.getByText('One shortlist is not every employer.').waitFor();
  const before = await storedRecords(page);
  assert.equal(Object.keys(before).length, 1);

  // Delete never asks twice, and Undo brings it back whole.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByText('This record was deleted.').waitFor();
  assert.deepEqual(await storedRecords(page), {});
  await expectAccessible(page, 'deleted record');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('One shortlist is not every employer.').waitFor();
  assert.deepEqual(await storedRecords(page), before);

  // Deleted for good when not undone.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('link', { name: 'Back to your thought records' }).click();
  await page.getByText('No finished records yet.').waitFor();
  assert.deepEqual(await storedRecords(page), {});
  await app.done();
});

test('under a sub-path, finishing and the history links keep the prefix', { skip: !SUB_BASE }, async () => {
  const app = await openApp(browser, { base: SUB_BASE, path: 'thoughts/new' });
  const { page } = app;
  const prefix = new URL(SUB_BASE).pathname;
  await expectStep(page, 1, 'What happened?');
  await page.getByRole('textbox', { name: 'What happened?' }).fill('A friend stopped replying.');
  for (let step = 2; step <= 8; step++) {
    await next(page);
    await page.getByText(`Step ${step} of 8`).waitFor();
  }
  await page.getByRole('button', { name: 'Finish', exact: true }).click();
  await page.getByText('A friend stopped replying.').waitFor();
  assert.ok(new URL(page.url()).pathname.startsWith(`${prefix}thoughts/`), page.url());
  await page.getByRole('link', { name: 'Back to your thought records' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your thought records' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${prefix}thoughts`);
  await page.getByRole('link', { name: /No thought written down/ }).click();
  await page.getByText('A friend stopped replying.').waitFor();
  await page.reload();
  await page.getByText('A friend stopped replying.').waitFor();
  await app.done();
});

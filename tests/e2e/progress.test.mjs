// Small steps, people, measures and "how far you've come": tiny goals with a
// one-tap tick and a celebration, the bigger-step offer, rest days, the wins
// log; a questionnaire with its draft, score and trend; a person, a logged
// message, last contact and a nudge; the timeline after a week of use.
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

// Local times (this machine's zone, which the browser shares).
const at = (s) => new Date(s);

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function reloadAt(page, when) {
  await page.clock.setFixedTime(at(when));
  await page.reload();
  await appReady(page);
}

const keys = async (page, kind) =>
  Object.keys(await storedData(page)).filter((k) => k.startsWith(`gw:${kind}/`));

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

test('a tiny goal: suggested for the morning, ticked with a celebration, kept after reload, offered a bigger step', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, "An exam or studies that didn't go the way I hoped");
  await reloadAt(page, '2026-11-28T09:30:00');

  // With nothing done yet, the home screen suggests one tiny goal.
  const next = page.locator('.next-thing');
  await next.getByRole('heading', { name: 'One thing for today' }).waitFor();
  await next.getByText('Pick one tiny goal for today').waitFor();
  await next.getByRole('link', { name: 'Choose a small step' }).click();
  await page.getByRole('heading', { level: 1, name: 'Small steps' }).waitFor();
  await page.getByText('No goals yet. Add one tiny thing below.').waitFor();
  await page.getByText('Your momentum starts with the first thing you tick off.').waitFor();

  // Ideas fit the setback and today's energy.
  await page.getByRole('radio', { name: 'Very low', exact: true }).check();
  await page.getByRole('button', { name: /^Use this idea:?\s*Open your notes and read just one page$/ }).waitFor();
  await page.getByRole('radio', { name: 'Good', exact: true }).check();
  await page.getByRole('button', { name: /One 45-minute study block/ }).waitFor();
  await page.getByRole('radio', { name: 'Some', exact: true }).check();
  await page.getByRole('button', { name: /^Use this idea:?\s*Study one topic for 20 minutes$/ }).click();
  assert.equal(await page.getByLabel('One small thing').inputValue(), 'Study one topic for 20 minutes');

  // Repeating needs at least one day.
  await page.getByRole('radio', { name: 'On some days' }).check();
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByRole('alert').filter({ hasText: 'Pick at least one day' }).waitFor();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByRole('checkbox', { name: day }).check();
  }
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByRole('status').filter({ hasText: 'Added. Small is the point.' }).waitFor();
  assert.equal((await keys(page, 'goal')).length, 1);

  // One tap: done, a celebration, a win.
  const goal = page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' });
  await goal.check();
  await page.getByRole('status').filter({ hasText: 'Done. That counts.' }).waitFor();
  await page.getByText('Just starting · 20 out of 100').waitFor();
  const wins = page.locator('.win-log');
  await wins.getByText('Study one topic for 20 minutes', { exact: true }).waitFor();
  await wins.getByText('A goal ticked off').waitFor();
  assert.equal((await keys(page, 'win')).length, 1);

  // A win that wasn't planned.
  await page.getByLabel('Log a win').fill('Called Amma back');
  await page.getByRole('button', { name: 'Add win' }).click();
  await wins.getByText('Called Amma back', { exact: true }).waitFor();
  await expectAccessible(page, 'small steps');
  await shot(page, 'goals-ticked-light');

  // Nothing is lost on reload.
  await page.reload();
  await appReady(page);
  assert.ok(await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).isChecked());
  await wins.getByText('Called Amma back', { exact: true }).waitFor();
  await page.getByText('Just starting · 20 out of 100').waitFor();
  await page.getByText('2 wins this week').waitFor();

  // Unticking takes the goal's win back out; ticking again restores it.
  // From the keyboard, the focus stays on the tick box.
  await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('.goal-list input').checked);
  assert.equal((await keys(page, 'win')).length, 1);
  assert.ok(
    await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).evaluate((el) => el === document.activeElement),
    'the focus stays on the goal after unticking it'
  );
  await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).check();
  assert.equal((await keys(page, 'win')).length, 2);

  // Two taps quicker than the line can follow (untick, tick again): the box
  // and the stored wins agree, and the line then shows it done.
  const box = page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' });
  await box.evaluate((el) => {
    el.click();
    el.click();
  });
  await page.locator('.goal.done').waitFor();
  assert.ok(await box.isChecked(), 'ticked, as the second tap left it');
  assert.equal((await keys(page, 'win')).length, 2, "today's win taken out once and put back once");

  // Two more days done: a bigger step is offered, never forced.
  for (const day of ['2026-11-29T09:00:00', '2026-11-30T09:00:00']) {
    await reloadAt(page, day);
    await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).check();
    await page.getByRole('status').filter({ hasText: /Done|Nicely done|followed through|win/ }).waitFor();
  }
  await page.getByText("You've done this on 3 days. Would a slightly bigger step feel right?").waitFor();
  await page.getByText('Next step: One 45-minute study block, with a break after').waitFor();
  await page.getByRole('button', { name: 'Not now' }).click();
  assert.equal(await page.getByText('Would a slightly bigger step feel right?').count(), 0);
  // Asked again only after three more days.
  for (const day of ['2026-12-01T09:00:00', '2026-12-02T09:00:00', '2026-12-03T09:00:00']) {
    await reloadAt(page, day);
    await page.getByRole('checkbox', { name: 'Study one topic for 20 minutes' }).check();
  }
  await page.getByRole('button', { name: 'Yes, try the bigger step' }).click();
  await page.getByRole('checkbox', { name: 'One 45-minute study block, with a break after' }).waitFor();
  // Past wins keep the words they were ticked with.
  await wins.getByText('Study one topic for 20 minutes', { exact: true }).first().waitFor();

  // A missed day eases momentum only a little; a rest day costs nothing.
  await reloadAt(page, '2026-12-05T09:00:00');
  const strong = await page.locator('.momentum-value').textContent();
  await page.getByRole('button', { name: 'Make today a rest day' }).click();
  await page.getByRole('status').filter({ hasText: 'Today is a rest day.' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Undo rest day' }).waitFor();
  assert.equal(await page.locator('.momentum-value').textContent(), strong);
  const body = (await page.locator('main').textContent()).toLowerCase();
  assert.ok(!/streak|you missed|failed/.test(body), 'no streak or missed-day shaming');
  await shot(page, 'goals-rest-day-light');
  await app.done();
});

test('the wins log shows the newest wins first and older ones on request', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^Small steps/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Small steps' }).waitFor();
  const wins = page.locator('.win-log');
  for (let n = 1; n <= 10; n++) {
    await page.getByLabel('Log a win').fill(`Win number ${n}`);
    await page.getByRole('button', { name: 'Add win' }).click();
    await wins.getByText(`Win number ${n}`, { exact: true }).waitFor();
  }
  assert.equal((await keys(page, 'win')).length, 10);
  // Eight at first, the newest on top; the rest on request.
  await page.reload();
  await appReady(page);
  await wins.getByText('Win number 10', { exact: true }).waitFor();
  assert.equal(await wins.getByRole('listitem').count(), 8);
  assert.equal(await wins.getByRole('listitem').first().getByText('Win number 10', { exact: true }).count(), 1);
  assert.equal(await wins.getByText('Win number 2', { exact: true }).count(), 0);
  await page.getByRole('button', { name: 'Show older wins' }).click();
  await wins.getByText('Win number 1', { exact: true }).waitFor();
  assert.equal(await wins.getByRole('listitem').count(), 10);
  assert.equal(await page.getByRole('button', { name: 'Show older wins' }).count(), 0, 'nothing older left');
  await expectAccessible(page, 'the whole wins log');
  await app.done();
});

test('the Rosenberg scale: a draft survives reload, the score is explained, a second go shows the trend', async () => {
  const app = await openApp(browser, { colorScheme: 'dark' });
  const { page } = app;
  await answerWelcome(page, null);
  await reloadAt(page, '2026-11-14T18:00:00');
  await page.goto(new URL('measures', page.url()).href);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
  await page.getByText('not a diagnosis').waitFor();
  await expectAccessible(page, 'measures overview');
  await page.getByRole('link', { name: /^Start\W+Self-esteem$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Rosenberg Self-Esteem Scale' }).waitFor();

  const item = (n) => page.locator('.measure-item').nth(n - 1);
  await item(1).getByRole('radio', { name: 'Agree', exact: true }).check();
  await item(2).getByRole('radio', { name: 'Disagree', exact: true }).check();
  await item(3).getByRole('radio', { name: 'Agree', exact: true }).check();
  await page.getByText('3 of 10 answered').waitFor();
  await page.reload();
  await appReady(page);
  await page.getByText('3 of 10 answered').waitFor();
  assert.ok(await item(2).getByRole('radio', { name: 'Disagree', exact: true }).isChecked());
  await page.getByRole('button', { name: 'See my score' }).click();
  await page.getByRole('alert').filter({ hasText: 'still unanswered: 4, 5, 6, 7, 8, 9, 10' }).waitFor();
  await expectAccessible(page, 'rosenberg form');
  await shot(page, 'measures-form-dark');

  // Items 4-10 (5, 6, 8 and 9 are worded negatively): A, A, SA, D, SA, D, A.
  const rest = ['Agree', 'Agree', 'Strongly agree', 'Disagree', 'Strongly agree', 'Disagree', 'Agree'];
  for (const [i, answer] of rest.entries()) {
    await item(i + 4).getByRole('radio', { name: answer, exact: true }).check();
  }
  await page.getByRole('button', { name: 'See my score' }).click();
  // By hand: 2 + 2 + 2 + 2 + 1 + 0 + 1 + 0 + 2 + 2 = 14.
  await page.getByText('14 out of 30').waitFor();
  await page.getByText('This is on the lower side').waitFor();
  await page.getByText("a score can't tell you what you're worth").waitFor();
  await page.getByRole('link', { name: 'Ways to get support' }).waitFor();
  await expectAccessible(page, 'rosenberg result');
  await shot(page, 'measures-result-dark');
  assert.equal((await keys(page, 'measure')).length, 1);
  assert.equal((await keys(page, 'measure_draft')).length, 0);

  await page.getByRole('link', { name: 'Back to measures' }).click();
  await page.getByText('Last time (14 Nov 2026): 14 out of 30').waitFor();
  await page.getByText('Next suggested on 28 Nov 2026').waitFor();

  // Two weeks later it is offered again; a kinder answer shows as a rise.
  await reloadAt(page, '2026-11-28T18:00:00');
  await page.locator('.scale-card').first().getByText('Ready when you are.').waitFor();
  await page.getByRole('link', { name: /^Take it again\W+Self-esteem$/ }).click();
  const kind = ['Strongly agree', 'Strongly disagree', 'Strongly agree', 'Agree', 'Disagree',
    'Disagree', 'Agree', 'Disagree', 'Strongly disagree', 'Agree'];
  for (const [i, answer] of kind.entries()) {
    await item(i + 1).getByRole('radio', { name: answer, exact: true }).check();
  }
  await page.getByRole('button', { name: 'See my score' }).click();
  // 3 + 3 + 3 + 2 + 2 + 2 + 2 + 2 + 3 + 2 = 24.
  await page.getByText('24 out of 30').waitFor();
  await page.getByText('Up since the time before.').waitFor();
  await page.getByRole('link', { name: 'Back to measures' }).click();
  await page.getByRole('img', { name: 'Self-esteem over time: 14 Nov 14, 28 Nov 24.' }).waitFor();
  await expectAccessible(page, 'measures with a trend');
  await shot(page, 'measures-trend-dark');

  // The interval is the person's choice and is kept.
  await page.getByRole('radio', { name: '1 month' }).check();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.reload();
  await appReady(page);
  assert.ok(await page.getByRole('radio', { name: '1 month' }).isChecked());
  await page.getByText('Next suggested on 28 Dec 2026').waitFor();
  await app.done();
});

test('people: add someone, plan and log a message, see the last contact, get a gentle nudge later', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, "A breakup, or a relationship ending");
  await reloadAt(page, '2026-11-20T11:00:00');
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^People/ }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();

  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Write a name or nickname first.' }).waitFor();
  await page.getByLabel('Name or nickname').fill('Asha didi');
  await page.getByRole('group', { name: 'Remind me after' }).getByRole('radio', { name: '1 week' }).check();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const asha = page.locator('.person').filter({ hasText: 'Asha didi' });
  await asha.getByText('Not reached out yet').waitFor();

  // The ladder starts with a message.
  const ladder = page.locator('.ladder-card');
  assert.equal(await ladder.locator('[aria-current="step"]').textContent(), 'Send someone a message');
  await ladder.getByRole('button', { name: /^Plan this step\W+Send someone a message$/ }).click();
  await page.getByRole('status').filter({ hasText: 'Planned.' }).waitFor();
  await page.getByRole('button', { name: 'I did it' }).click();
  await page.getByLabel('With whom (optional)').first().selectOption({ label: 'Asha didi' });
  await page.getByRole('group', { name: 'How did it go?' }).first().getByRole('radio', { name: 'It went well' }).check();
  await page.getByRole('button', { name: 'Save step' }).first().click();
  await page.getByText('Nothing planned right now.').waitFor();
  await page.getByText('Send someone a message, with Asha didi').waitFor();
  await asha.getByText('Last reached out today').waitFor();
  // Once a step felt okay, the next one up is suggested.
  assert.equal(await ladder.locator('[aria-current="step"]').textContent(), 'Call someone');
  await expectAccessible(page, 'people');
  await shot(page, 'people-light');

  await page.reload();
  await appReady(page);
  await asha.getByText('Last reached out today').waitFor();
  assert.equal((await keys(page, 'outreach')).length, 1);
  assert.equal((await keys(page, 'person')).length, 1);

  // Eight days later: "last reached out 8 days ago", and a kind nudge on home.
  await reloadAt(page, '2026-11-28T11:00:00');
  await asha.getByText('Last reached out 8 days ago').waitFor();
  await nav(page).getByRole('link', { name: 'Home' }).click();
  const nudge = page.locator('.nudge');
  await nudge.getByRole('heading', { name: 'Someone you might like to hear from' }).waitFor();
  await nudge.getByText("It's been a while since you reached out to Asha didi.").waitFor();
  await expectAccessible(page, 'home with a nudge');
  await shot(page, 'home-nudge-light');
  await nudge.getByRole('button', { name: 'Plan a message to Asha didi' }).click();
  await page.locator('.nudge').waitFor({ state: 'detached' });
  await app.done();
});

test('after a week of use the progress page gathers milestones and trends from every practice', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, "Losing a job, or work falling apart");
  // A week of records, written as the app writes them.
  await page.evaluate(() => {
    const put = (kind, id, body, saved) =>
      localStorage.setItem(`gw:${kind}/${id}`, JSON.stringify({ v: 1, saved, body }));
    const day = (d, time = '20:00:00') => `2026-11-${d}T${time}+05:30`;
    put('thought_record', 'tr1', {
      started_at: day(22, '21:00:00'), finished_at: day(22, '21:20:00'), step: 8,
      situation: 'The rejection email.', feelings: [{ name: 'Ashamed', before: 80, after: 50 }],
      thoughts: ["I'm unemployable"], hot: 0, traps: ['labelling'], evidence_for: '', evidence_against: '',
      friend: '', balanced: 'One company said no.', belief: 60,
    }, day(22, '21:20:00'));
    for (const [d, feeling] of [[22, 'drained'], [24, 'anxious'], [26, 'calm'], [27, 'hopeful']]) {
      put('feeling', `f${d}`, { feeling, intensity: 6, note: '', context: [], context_text: '', at: day(d) }, day(d));
    }
    put('journal', 'j1', { title: 'Week one', body: 'Getting up is easier.', tags: [], created: day(23), updated: day(23) }, day(23));
    put('goal', 'g1', { title: 'Update one section of your CV', days: [0, 1, 2, 3, 4], suggestion: 'job_cv_section', created: day(22, '09:00:00') }, day(22, '09:00:00'));
    for (const d of [22, 23, 25, 26]) {
      put('win', `w${d}`, { text: 'Update one section of your CV', goal: 'g1', at: day(d, '11:00:00') }, day(d, '11:00:00'));
    }
    put('measure', 'm1', { scale: 'who5', answers: [2, 2, 1, 1, 2], at: day(22, '10:00:00') }, day(22, '10:00:00'));
    put('boundary_held', 'b1', { situation: null, what: 'Said no to the late shift', felt: 4, note: '', at: day(24) }, day(24));
    put('compassionate_letter', 'l1', {
      written: day(22, '22:00:00'), text: 'Dear me, this week has been heavy.', reread_after_days: null,
      rereads: [{ at: day(25, '08:00:00'), note: '' }],
    }, day(25, '08:00:00'));
  });
  await reloadAt(page, '2026-11-28T12:00:00');
  await nav(page).getByRole('link', { name: 'Progress' }).click();
  await page.getByRole('heading', { level: 1, name: "How far you've come" }).waitFor();
  await page.getByText('You began 6 days ago, on 22 Nov 2026.').waitFor();

  const timeline = page.locator('.timeline li');
  const lines = (await timeline.allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  for (const expected of [
    'Your first thought record',
    'Your first feelings check-in',
    'Your first journal entry',
    'Your first tiny goal',
    'Your first win',
    'Your first questionnaire',
    'Your first boundary held',
    'Your first compassionate letter',
    'You reread a letter you wrote to yourself',
  ]) {
    assert.ok(lines.some((l) => l.endsWith(expected)), `${expected} in ${lines.join(' | ')}`);
  }
  // Newest first: the letter reread on the 25th.
  assert.equal(lines[0], '25 Nov 2026You reread a letter you wrote to yourself');

  await page.getByRole('img', { name: /^Momentum over the last 28 days/ }).waitFor();
  await page.getByRole('img', { name: /Pleasant: 2\. Unpleasant: 2\./ }).waitFor();
  await page.getByRole('img', { name: /^Average points a feeling eased.*16 Nov 30/ }).waitFor();
  await page.locator('.progress').getByText('Well-being').waitFor();
  await page.locator('.progress').getByText('32 out of 100').waitFor();
  await expectAccessible(page, 'progress');
  await shot(page, 'progress-light');

  // The table alternative carries the same numbers.
  await page.locator('summary', { hasText: 'Show as a table' }).first().click();
  await page.getByRole('table', { name: 'Momentum by day' }).waitFor();
  await app.done();
});

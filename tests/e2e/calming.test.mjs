// Calming tools as a person uses them: a breathing session (clock sped up),
// 5-4-3-2-1 grounding resumed after a reload, and the movement log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, screenshot, expectAccessible, storedData } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function startFromHome(page, name) {
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).first().click();
}

test('a one-minute breathing session runs, is logged, and is still there after a reload', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, 'Breathing');
  await page.getByRole('heading', { level: 1, name: 'Breathing' }).waitFor();
  await expectAccessible(page, 'breathing');
  await screenshot(page, 'breathing-choose');
  await page.getByRole('radio', { name: /^Slow/ }).check();
  await page.getByRole('radio', { name: '1 minute' }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Breathe in').waitFor();
  assert.equal(await page.locator('svg.pacer-circle').count(), 1);
  await page.clock.fastForward(6000);
  await page.getByText('Breathe out').waitFor();
  await expectAccessible(page, 'breathing session');
  await screenshot(page, 'breathing-session');
  await page.clock.fastForward('01:00');
  await page.getByRole('status').filter({ hasText: 'Well done.' }).waitFor();
  await page.getByText('Slow breathing, 1:00').waitFor();
  const stored = Object.entries(await storedData(page)).filter(([k]) => k.startsWith('gw:breathing/'));
  assert.equal(stored.length, 1);
  const session = JSON.parse(stored[0][1]).body;
  assert.equal(session.pattern, 'slow');
  assert.equal(session.planned_seconds, 60);
  assert.equal(session.done_seconds, 60);
  await page.reload();
  await page.getByText('Slow breathing, 1:00').waitFor();
  await page.getByText(/In the last seven days: 1 session/).waitFor();
  await app.done();
});

test('with reduced motion the pacer is words and a progress bar; stopping early logs what was done', async () => {
  const app = await openApp(browser, { fakeClock: true, reducedMotion: 'reduce', path: 'breathe' });
  const { page } = app;
  await page.getByRole('radio', { name: /^4-7-8/ }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Breathe in').waitFor();
  assert.equal(await page.locator('svg.pacer-circle').count(), 0);
  await page.getByRole('progressbar', { name: 'Session progress' }).waitFor();
  await page.clock.fastForward(5000);
  await page.getByText('Hold').waitFor();
  await screenshot(page, 'breathing-reduced-motion');
  await page.clock.fastForward(20000);
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByText(/You breathed slowly for 0:2\d/).waitFor();
  await page.getByText(/4-7-8 breathing, 0:2\d of 1:00/).waitFor();
  await app.done();
});

test('grounding goes step by step and resumes after a reload', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, '5-4-3-2-1 grounding');
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.getByText('Step 1 of 5').waitFor();
  await expectAccessible(page, 'grounding step');
  await page.getByLabel('What did you notice? (optional)').fill('the lamp, my hands, a cup, the door, rain');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 5').waitFor();
  await screenshot(page, 'grounding-step');
  await page.getByLabel('What did you notice? (optional)').fill('cool floor');
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByText('Step 2 of 5').waitFor();
  assert.equal(await page.getByLabel('What did you notice? (optional)').inputValue(), 'cool floor');
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await page.getByLabel('What did you notice? (optional)').inputValue(), 'the lamp, my hands, a cup, the door, rain');
  for (const step of [1, 2, 3, 4]) {
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(`Step ${step + 1} of 5`).waitFor();
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('status').filter({ hasText: "You're here." }).waitFor();
  await page.getByText('Finished 1 time(s) so far.').waitFor();
  await expectAccessible(page, 'grounding done');
  await screenshot(page, 'grounding-done');
  await page.reload();
  await page.getByText('Finished 1 time(s) so far.').waitFor();
  await app.done();
});

test('the movement log keeps a half-filled form, saves an entry, and deletes with undo', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, 'Movement log');
  await page.getByRole('heading', { level: 1, name: 'Movement log' }).waitFor();
  await expectAccessible(page, 'movement');
  await page.getByRole('button', { name: 'Save to my log' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose what you did.' }).waitFor();
  await page.getByRole('radio', { name: 'A walk' }).check();
  await page.getByLabel('How many minutes?').fill('20');
  await page.getByLabel(/How did you feel before/).fill('3');
  await page.getByLabel('And after?').fill('7');
  await page.getByLabel(/Anything to remember/).fill('around the lake <b>slowly</b>');
  await page.waitForTimeout(900);
  await page.reload();
  assert.equal(await page.getByRole('radio', { name: 'A walk' }).isChecked(), true);
  assert.equal(await page.getByLabel('How many minutes?').inputValue(), '20');
  assert.equal(await page.getByLabel(/How did you feel before/).inputValue(), '3');
  assert.equal(await page.getByLabel(/Anything to remember/).inputValue(), 'around the lake <b>slowly</b>');
  await page.getByRole('button', { name: 'Save to my log' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.getByText('A walk, 20 min').waitFor();
  await page.getByText(/Felt 3 before, 7 after/).waitFor();
  await page.getByText('around the lake <b>slowly</b>').waitFor();
  await page.getByText(/4\.0 point\(s\) better/).waitFor();
  await screenshot(page, 'movement');
  await page.waitForTimeout(900);
  const stored = await storedData(page);
  assert.equal(stored['gw:movement_draft/current'], undefined, 'the draft is gone once saved');
  await page.reload();
  await page.getByText('A walk, 20 min').waitFor();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Entry deleted.' }).waitFor();
  assert.equal(await page.getByText('A walk, 20 min').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('A walk, 20 min').waitFor();
  await page.reload();
  await page.getByText('A walk, 20 min').waitFor();
  await app.done();
});

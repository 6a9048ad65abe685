// The feelings check-in: from the home screen, name a feeling, say how strong
// it is, survive a reload mid-way, save, see it in the week and month views
// (chart, legend, summary and table), delete and undo. Screenshots of the
// picker, the week view and the month view, light and dark.
// date-sweep: the views are by local week and month, so these run at every instant of tests/dates.txt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, expectAccessible, screenshot, settled, storedData, localStamp } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function chart(page) {
  return page.locator('#feelings-chart').getByRole('img');
}

async function feelingKeys(page) {
  return Object.keys(await storedData(page)).filter((k) => k.startsWith('gw:feeling/'));
}

test('a check-in from the home screen shows in the week and month views and survives reloads', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'An exam or studies that didn\'t go the way I hoped');
  await page.getByRole('heading', { name: 'Something small you could try' }).waitFor();
  await page.getByRole('link', { name: /^Feelings check-in/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Feelings check-in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/feelings');

  // Step 1: four groups with headings, at least 40 words, one choice.
  for (const group of ['Bright and lively', 'Calm and settled', 'Stirred up and on edge', 'Heavy and low']) {
    await page.getByRole('group', { name: group }).getByRole('heading', { name: group }).waitFor();
  }
  assert.ok((await page.getByRole('radio').count()) >= 40);
  await page.getByText('No feeling is a bad one').waitFor();
  await page.getByRole('button', { name: /^Next/ }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose the word that fits best first' }).waitFor();
  await page.getByRole('group', { name: 'Heavy and low' }).getByRole('radio', { name: 'drained' }).check();
  assert.equal(await page.getByRole('alert').count(), 0);
  // Touch targets are at least 44px tall.
  const box = await page.locator('label.feeling-word').first().boundingBox();
  assert.ok(box.height >= 44, `word height ${box.height}`);
  await expectAccessible(page, 'feelings picker');
  await screenshot(page, 'feelings-picker-light');

  // Step 2: strength, a note, what was going on.
  await page.getByRole('button', { name: 'Next: drained' }).click();
  await page.getByRole('heading', { level: 2, name: "You're feeling drained" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  await page.getByLabel('How strong is it, from 1 to 10?').fill('7');
  await page.getByLabel("Anything you'd like to add? (optional)").fill('Long day revising. <b>not bold</b>');
  await page.getByRole('checkbox', { name: 'Study' }).check();
  await page.getByLabel('Something else, in your own words (optional)').fill('mock test');
  await expectAccessible(page, 'feelings details');
  await screenshot(page, 'feelings-details-light');

  // Nothing typed is lost on navigating away, even straight after typing...
  await page.getByLabel("Anything you'd like to add? (optional)").fill('Long day revising.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 2, name: "You're feeling drained" }).waitFor();
  assert.equal(await page.getByLabel("Anything you'd like to add? (optional)").inputValue(), 'Long day revising.');
  // ...or on a reload.
  await page.getByLabel("Anything you'd like to add? (optional)").fill('Long day revising. <b>not bold</b>');
  await page.reload();
  await page.getByRole('heading', { level: 2, name: "You're feeling drained" }).waitFor();
  assert.equal(await page.getByLabel("Anything you'd like to add? (optional)").inputValue(), 'Long day revising. <b>not bold</b>');
  assert.equal(await page.getByLabel('How strong is it, from 1 to 10?').inputValue(), '7');
  assert.ok(await page.getByRole('checkbox', { name: 'Study' }).isChecked());
  assert.equal(await page.getByLabel('Something else, in your own words (optional)').inputValue(), 'mock test');

  await page.getByRole('button', { name: 'Save check-in' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Check-in saved' });
  await saved.waitFor();
  await saved.getByText(/Thank you for naming it\. Feeling drained/).waitFor();

  // Stored as one record; the draft is gone.
  const stored = await storedData(page);
  const keys = await feelingKeys(page);
  assert.equal(keys.length, 1);
  const body = JSON.parse(stored[keys[0]]).body;
  assert.equal(body.feeling, 'drained');
  assert.equal(body.intensity, 7);
  assert.deepEqual(body.context, ['study']);
  assert.equal(body.note, 'Long day revising. <b>not bold</b>');
  assert.equal(stored['gw:feeling_draft/current'], undefined);

  // The week view: chart, legend, summary, table.
  await page.getByRole('button', { name: 'See your week' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'feelings-history-title');
  assert.equal(await page.getByRole('button', { name: 'Week', exact: true }).getAttribute('aria-pressed'), 'true');
  const label = await chart(page).getAttribute('aria-label');
  assert.match(label, /Check-ins: 1/);
  assert.match(label, /Most often: drained \(1\)/);
  await page.getByRole('list', { name: 'Groups of feelings' }).getByText('Heavy and low: 1').waitFor();
  await page.getByText('Most often: drained (1)').waitFor();
  await page.getByText('Show as a table').click();
  const table = page.getByRole('table', { name: /Each day's check-ins/ });
  await table.getByRole('cell', { name: 'drained 7/10 (Heavy and low)' }).waitFor();
  assert.equal(await table.getByRole('row').count(), 8, 'a header and seven days');
  await expectAccessible(page, 'feelings week view');
  await page.getByRole('heading', { name: 'Looking back' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'feelings-week-light');

  // Still there after a reload; the markup in the note stays text.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Feelings check-in' }).waitFor();
  await page.getByText('Most often: drained (1)').waitFor();
  const item = page.getByRole('listitem').filter({ hasText: 'Strength 7 of 10' });
  await item.getByText('Long day revising. <b>not bold</b>').waitFor();
  await item.getByText('Going on: Study, mock test').waitFor();
  assert.equal(await page.locator('.checkin-note b').count(), 0);

  // The month view.
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Month', exact: true }).getAttribute('aria-pressed'), 'true');
  // The month the page is in, by its own (pinned) clock and zone.
  const [month, year] = await page.evaluate(() => [new Date().getMonth(), new Date().getFullYear()]);
  await page.getByRole('heading', { level: 3, name: `${MONTHS[month]} ${year}` }).waitFor();
  assert.match(await chart(page).getAttribute('aria-label'), /Check-ins: 1/);
  await page.getByText('Show as a table').click();
  await page.getByRole('table').getByRole('cell', { name: 'drained 7/10 (Heavy and low)' }).waitFor();
  assert.equal(await page.getByRole('table').getByRole('row').count(), 2, 'empty days are left out');
  await expectAccessible(page, 'feelings month view');
  await screenshot(page, 'feelings-month-light');

  // Earlier months are empty, and kindly so; then back again.
  await page.getByRole('button', { name: 'Previous month' }).click();
  await page.getByText('No check-ins this month.').waitFor();
  await page.getByRole('button', { name: 'Next month' }).click();
  await page.getByText('Check-ins: 1').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Next month' }).count(), 0);

  // Delete, then undo.
  await page.getByRole('button', { name: /^Delete the drained check-in from/ }).click();
  await page.getByRole('status').filter({ hasText: 'Check-in deleted.' }).waitFor();
  assert.deepEqual(await feelingKeys(page), []);
  await page.getByText('No check-ins this month.').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('status').filter({ hasText: 'The check-in is back.' }).waitFor();
  assert.deepEqual(await feelingKeys(page), keys);
  await page.getByText('Check-ins: 1').waitFor();
  await app.done();
});

/**
 * Check-ins spread over the last few weeks before the page's (pinned) now,
 * stored as the app stores them; gives how many days of the current month
 * hold one. The newest two, minutes apart, share a
 * feeling, so the current month names one "most often" even when it began
 * minutes ago (every instant in tests/dates.txt is at least 5 minutes into
 * its month).
 */
async function seed(page) {
  const words = [
    ['drained', 7], ['hopeful', 4], ['anxious', 8], ['calm', 5], ['lonely', 6],
    ['proud', 6], ['tired', 3], ['worried', 5], ['grateful', 6], ['sad', 4],
  ];
  const day = 86400000;
  const now = await page.evaluate(() => Date.now());
  const seeds = Array.from({ length: 24 }, (_, k) => [
    now - Math.floor(k * 1.3) * day - (k % 3) * 3600000,
    ...words[k % words.length],
  ]);
  // Two minutes before the newest, with the same word.
  seeds.push([now - 120000, ...words[0]]);
  const records = seeds.map(([ms, feeling, intensity]) => [localStamp(ms), feeling, intensity]);
  await page.evaluate((records) => {
    for (const [k, [stamp, feeling, intensity]] of records.entries()) {
      localStorage.setItem(
        `gw:feeling/seed-${k}`,
        JSON.stringify({ v: 1, saved: stamp, body: { feeling, intensity, note: '', context: [], context_text: '', at: stamp } })
      );
    }
    // A damaged record is set aside, never shown or crashed on.
    localStorage.setItem(
      'gw:feeling/broken',
      JSON.stringify({ v: 1, saved: '2026-01-01T00:00:00Z', body: { feeling: 'drained', intensity: 42, at: '2026-01-01T00:00:00Z' } })
    );
  }, records);
  await page.reload();
  // The days of the current month that hold a check-in (the month table's rows).
  const month = localStamp(now).slice(0, 7);
  return new Set(records.map(([stamp]) => stamp.slice(0, 10)).filter((day) => day.startsWith(month))).size;
}

for (const colorScheme of ['light', 'dark']) {
  test(`a fuller week and month read well and pass axe (${colorScheme})`, async () => {
    const app = await openApp(browser, { path: 'feelings', colorScheme });
    const { page } = app;
    const daysThisMonth = await seed(page);
    await page.getByRole('heading', { level: 1, name: 'Feelings check-in' }).waitFor();
    assert.ok(Object.keys(await storedData(page)).some((k) => k.startsWith('gw-aside:feeling/broken')));
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await settled(page);
    assert.equal(await page.getByRole('button', { name: /^Delete the / }).count(), 10, 'ten most recent');
    await expectAccessible(page, `feelings picker (${colorScheme})`);
    if (colorScheme === 'dark') await screenshot(page, 'feelings-picker-dark');

    await page.getByText(/^Check-ins: \d+$/).waitFor();
    assert.match(await chart(page).getAttribute('aria-label'), /^Check-ins from .+\. Check-ins: \d+/);
    await page.getByRole('heading', { name: 'Looking back' }).scrollIntoViewIfNeeded();
    await expectAccessible(page, `feelings week (${colorScheme})`);
    await screenshot(page, `feelings-week-full-${colorScheme}`);

    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await page.getByText('Show as a table').click();
    // The rows are built as the table opens: a header and each day of the
    // month so far with a check-in (one, on the first of a month).
    await page.getByRole('table').getByRole('row').nth(daysThisMonth).waitFor();
    assert.equal(await page.getByRole('table').getByRole('row').count(), daysThisMonth + 1);
    assert.match(await chart(page).getAttribute('aria-label'), /Most often: /);
    await expectAccessible(page, `feelings month (${colorScheme})`);
    await screenshot(page, `feelings-month-full-${colorScheme}`);

    if (colorScheme === 'dark') {
      // The rest of the journey in the dark theme, for its screenshots.
      await page.getByRole('radio', { name: 'hopeful' }).check();
      await page.getByRole('button', { name: 'Next: hopeful' }).click();
      await page.getByRole('heading', { level: 2, name: "You're feeling hopeful" }).waitFor();
      await page.getByRole('button', { name: 'Save check-in' }).click();
      await page.getByRole('status').filter({ hasText: 'Check-in saved' }).waitFor();
      await page.getByRole('button', { name: 'See your week' }).click();
      await screenshot(page, 'feelings-week-dark');
      await page.getByRole('button', { name: 'Month', exact: true }).click();
      await screenshot(page, 'feelings-month-dark');
    }
    await app.done();
  });
}

// Reminders without a server: a daily check-in at 8 pm and a weekly one in
// the person's own words, kept after a reload; the calendar file (.ics) is
// downloaded and read line by line; the home card appears at 8:30 pm on a
// day without a check-in and not after one; "Not today" puts it away; the
// notification switch asks only on the tap; switching off and deleting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
// 28 November 2026 is a Saturday.
const at = (s) => new Date(s);

async function reloadAt(page, when) {
  await page.clock.setFixedTime(at(when));
  await page.reload();
  await appReady(page);
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const reminderKeys = async (page) =>
  Object.keys(await storedData(page)).filter((k) => k.startsWith('gw:reminder/'));

const nav = (page) => page.getByRole('navigation', { name: 'Main' });
const home = async (page) => {
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
};

test('two reminders, kept after reload, exported as a calendar file that parses', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await reloadAt(page, '2026-11-28T10:00:00');

  // From the home screen's practice links.
  await page.getByRole('link', { name: 'Reminders', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();
  await page.getByText('No reminders yet.').waitFor();
  await expectAccessible(page, 'reminders, empty');
  await shot(page, 'reminders-empty');

  // A daily check-in at 8 pm, with the discreet default words.
  assert.ok(await page.getByRole('radio', { name: 'A feelings check-in' }).isChecked());
  assert.equal(await page.getByLabel('Words for your calendar').inputValue(), 'A quiet moment');
  await page.getByLabel('Time of day').fill('20:00');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    assert.ok(await page.getByRole('checkbox', { name: day }).isChecked(), day);
  }
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();

  // A weekly one in the person's own words, with characters that need escaping.
  await page.getByRole('radio', { name: 'Something in my own words' }).check();
  await page.getByLabel('Words for your calendar').fill('');
  await page.getByLabel('Time of day').fill('07:30');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByRole('checkbox', { name: day }).uncheck();
  }
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write a few words for the calendar.' }).waitFor();
  await page.getByLabel('Words for your calendar').fill('Tea, a walk; then rest');
  // What is typed survives a reload.
  await page.waitForFunction(() => (localStorage.getItem('gw:reminder_draft/current') ?? '').includes('then rest'));
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('Words for your calendar').inputValue(), 'Tea, a walk; then rest');
  assert.ok(await page.getByRole('radio', { name: 'Something in my own words' }).isChecked());
  assert.equal(await page.getByLabel('Time of day').inputValue(), '07:30');
  assert.equal(await page.getByRole('checkbox', { name: 'Monday' }).isChecked(), false);
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('alert').filter({ hasText: 'Pick at least one day.' }).waitFor();
  await page.getByRole('checkbox', { name: 'Monday' }).check();
  await page.getByRole('checkbox', { name: 'Wednesday' }).check();
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();
  assert.equal((await reminderKeys(page)).length, 2);

  // Kept after a reload.
  await page.reload();
  await appReady(page);
  const list = page.locator('.reminder-list');
  await list.getByText('A quiet moment', { exact: true }).waitFor();
  await list.getByText('Every day, around 8:00 pm').waitFor();
  await list.getByText('Tea, a walk; then rest', { exact: true }).waitFor();
  await list.getByText('Mon, Wed, around 7:30 am').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('gw:reminder_draft/current')), null, 'no draft left');
  await expectAccessible(page, 'reminders, two');
  await shot(page, 'reminders-list');
  // Reduced motion too, so colours do not fade while axe measures contrast.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await expectAccessible(page, 'reminders, dark');
  await shot(page, 'reminders-list-dark');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });

  // The calendar file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'groundwork-reminders.ics');
  await page.getByRole('status').filter({ hasText: 'The file is in your downloads.' }).waitFor();
  const bytes = await readFile(await download.path());
  const text = bytes.toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line over 75 octets: ${line}`);
  }
  // Unfold, then read the content lines.
  const lines = text.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  assert.ok(lines.includes('VERSION:2.0'));
  assert.ok(lines.includes('CALSCALE:GREGORIAN'));
  assert.ok(lines.some((l) => l.startsWith('PRODID:')));
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 2);
  assert.equal(lines.filter((l) => l === 'END:VEVENT').length, 2);
  assert.equal(lines.filter((l) => l === 'BEGIN:VALARM').length, 2);
  assert.equal(lines.filter((l) => l === 'ACTION:DISPLAY').length, 2);
  assert.equal(lines.filter((l) => l === 'TRIGGER:PT0S').length, 2);
  // Each event: a stable UID, DTSTAMP in UTC, a floating local start, its rule.
  const events = [];
  let current = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') current = [];
    else if (l === 'END:VEVENT') {
      events.push(current);
      current = null;
    } else if (current) current.push(l);
  }
  const field = (ev, name) => ev.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
  const byStart = Object.fromEntries(events.map((ev) => [field(ev, 'DTSTART'), ev]));
  const daily = byStart['20261128T200000'];
  const weekly = byStart['20261130T073000'];
  assert.ok(daily && weekly, `starts: ${Object.keys(byStart)}`);
  assert.equal(field(daily, 'RRULE'), 'FREQ=DAILY');
  assert.equal(field(daily, 'SUMMARY'), 'A quiet moment');
  assert.equal(field(weekly, 'RRULE'), 'FREQ=WEEKLY;BYDAY=MO,WE');
  assert.equal(field(weekly, 'SUMMARY'), 'Tea\\, a walk\\; then rest');
  for (const ev of events) {
    assert.match(field(ev, 'UID'), /^[\w-]+@groundwork\.local$/);
    assert.match(field(ev, 'DTSTAMP'), /^\d{8}T\d{6}Z$/);
  }
  // The same reminders give the same UIDs in a second download.
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar file' }).click(),
  ]);
  const second = await readFile(await again.path(), 'utf8');
  const uids = (s) => s.split('\r\n').filter((l) => l.startsWith('UID:')).sort();
  assert.deepEqual(uids(second), uids(text));

  // Switching one off keeps it, and leaves it out of the file.
  const off = page.getByRole('switch', { name: 'On: Tea, a walk; then rest' });
  await off.uncheck();
  await list.getByText('Switched off').waitFor();
  await list.getByText('Tea, a walk; then rest', { exact: true }).waitFor();
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByRole('switch', { name: 'On: Tea, a walk; then rest' }).isChecked(), false);
  const [third] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar file' }).click(),
  ]);
  const onlyOne = await readFile(await third.path(), 'utf8');
  assert.equal(onlyOne.split('\r\n').filter((l) => l === 'BEGIN:VEVENT').length, 1);

  // Changing a reminder.
  await page.getByRole('button', { name: 'Change: Tea, a walk; then rest' }).click();
  await page.getByRole('heading', { level: 2, name: 'Change this reminder' }).waitFor();
  assert.equal(await page.getByLabel('Words for your calendar').inputValue(), 'Tea, a walk; then rest');
  await page.getByLabel('Time of day').fill('08:00');
  await page.waitForFunction(() => (localStorage.getItem('gw:reminder_draft/current') ?? '').includes('08:00'));
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 2, name: 'Change this reminder' }).waitFor();
  assert.equal(await page.getByLabel('Time of day').inputValue(), '08:00');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 2, name: 'Add a reminder' }).waitFor();
  await list.getByText('Mon, Wed, around 8:00 am').waitFor();

  // Deleting asks first, and can be undone.
  await page.getByRole('button', { name: 'Delete: Tea, a walk; then rest' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this reminder?' });
  await expectAccessible(page, 'reminders, confirm delete');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Reminder deleted.' }).waitFor();
  assert.equal((await reminderKeys(page)).length, 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await list.getByText('Tea, a walk; then rest', { exact: true }).waitFor();
  assert.equal((await reminderKeys(page)).length, 2);

  await app.done();
});

test('the home card at 8:30 pm on a day without a check-in, gone after one, and "Not today"', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page } = app;
  await answerWelcome(page, null);
  await reloadAt(page, '2026-11-28T10:00:00');
  await page.getByRole('link', { name: 'Reminders', exact: true }).click();
  await page.getByLabel('Time of day').fill('20:00');
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();

  // Before the time: nothing on home.
  await reloadAt(page, '2026-11-28T19:30:00');
  await home(page);
  assert.equal(await page.locator('.reminder-nudge').count(), 0);

  // After the time, nothing done today: one gentle card.
  await reloadAt(page, '2026-11-28T20:30:00');
  const card = page.locator('.reminder-nudge');
  await card.getByText('You wanted a moment to check in around 8:00 pm.').waitFor();
  await expectAccessible(page, 'home with the reminder card');
  await shot(page, 'reminders-home-card');
  const text = await card.innerText();
  assert.doesNotMatch(text, /miss|streak|skipp/i);

  // A check-in today: the card goes.
  await card.getByRole('link', { name: 'Check in now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feelings check-in' }).waitFor();
  await page.getByRole('group', { name: 'Calm and settled' }).getByRole('radio').first().check();
  await page.getByRole('button', { name: /^Next:/ }).click();
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await page.getByRole('status').filter({ hasText: 'Check-in saved' }).waitFor();
  await home(page);
  assert.equal(await page.locator('.reminder-nudge').count(), 0);
  await reloadAt(page, '2026-11-28T21:00:00');
  assert.equal(await page.locator('.reminder-nudge').count(), 0);

  // The next evening it is back; "Not today" puts it away until tomorrow.
  await reloadAt(page, '2026-11-29T20:15:00');
  await page.locator('.reminder-nudge').getByRole('button', { name: 'Not today' }).click();
  assert.equal(await page.locator('.reminder-nudge').count(), 0);
  await reloadAt(page, '2026-11-29T22:00:00');
  assert.equal(await page.locator('.reminder-nudge').count(), 0);
  await reloadAt(page, '2026-11-30T20:01:00');
  await page.locator('.reminder-nudge').waitFor();

  await app.done();
});

test('notifications: asked only on the tap; shown at the time while open; a refusal is said plainly', async () => {
  const app = await openApp(browser, { fakeClock: true });
  const { page, context } = app;
  // Record notifications instead of showing them.
  await context.addInitScript(() => {
    window.__shown = [];
    window.__asked = 0;
    class Fake {
      static permission = 'default';
      static async requestPermission() {
        window.__asked += 1;
        Fake.permission = localStorage.getItem('test-deny') ? 'denied' : 'granted';
        return Fake.permission;
      }
      constructor(title, options) {
        window.__shown.push({ title, body: options?.body });
      }
    }
    window.Notification = Fake;
  });
  await answerWelcome(page, null);
  await reloadAt(page, '2026-11-28T19:59:30');
  await page.goto(new URL('reminders', page.url()).href);
  await appReady(page);
  await page.getByLabel('Time of day').fill('20:00');
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 0, 'not asked before the tap');

  const toggle = page.getByRole('switch', { name: 'Also show a notification while Groundwork is open' });
  await toggle.check();
  await page.getByRole('status').filter({ hasText: 'Notifications are on while Groundwork is open.' }).waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 1);
  await expectAccessible(page, 'reminders, notifications on');
  await shot(page, 'reminders-notifications');

  // The clock reaches 8 pm while the app is open.
  await page.clock.setFixedTime(at('2026-11-28T20:00:10'));
  await page.clock.runFor(25000);
  await page.waitForFunction(() => window.__shown.length === 1);
  const shown = await page.evaluate(() => window.__shown);
  assert.equal(shown[0].title, 'A quiet moment');
  assert.match(shown[0].body, /check in around 8:00 pm/);
  // Once only.
  await page.clock.runFor(25000);
  assert.equal(await page.evaluate(() => window.__shown.length), 1);

  // A refusal is said plainly; the home card still works.
  await page.evaluate(() => localStorage.setItem('test-deny', '1'));
  await page.reload();
  await appReady(page);
  await toggle.uncheck();
  await toggle.check();
  await page.getByRole('status').filter({ hasText: 'Your browser said no to notifications' }).waitFor();

  await app.done();
});

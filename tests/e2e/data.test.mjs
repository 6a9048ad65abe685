// "Your data": export, delete, import with preview; bad files change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, openApp, answerWelcome, storedData, screenshot, ARTIFACTS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function exportBackup(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download backup file' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^groundwork-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(ARTIFACTS, 'backup.json');
  await download.saveAs(path);
  return readFile(path, 'utf8');
}

async function gotoData(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
}

test('export, delete everything, then import restores everything', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'An exam or studies that didn\'t go the way I hoped');
  await gotoData(page);
  await page.getByText('Your answer to "what brought you here"').waitFor();
  const before = await storedData(page);

  const file = await exportBackup(page);
  const backup = JSON.parse(file);
  assert.equal(backup.groundwork_backup, 1);
  assert.equal(backup.records.length, 1);
  assert.equal(backup.records[0].body.setback, 'exam');

  await page.getByRole('button', { name: 'Delete everything…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete everything Groundwork has kept?' });
  await dialog.waitFor();
  // The safe choice has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'No, keep my data');
  await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByRole('status').filter({ hasText: 'Everything has been deleted' }).waitFor();
  assert.deepEqual(await storedData(page), {});
  await page.getByText('Nothing yet.').waitFor();

  await page.getByLabel('Backup file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  const preview = page.getByRole('group', { name: 'This file holds' });
  await preview.getByText('1 saved item(s)').waitFor();
  await screenshot(page, 'data-import-preview');
  await preview.getByRole('radio', { name: /^Replace/ }).check();
  await preview.getByRole('button', { name: 'Restore' }).click();
  await page.getByText(/^Restored\. 1 added/).waitFor();
  assert.deepEqual(await storedData(page), before);

  await page.reload();
  await page.getByText('Your answer to "what brought you here"').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByText("An exam or studies that didn't go the way I hoped").waitFor();
  await app.done();
});

test('cancelling a restore changes nothing', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Something else');
  await gotoData(page);
  const file = await exportBackup(page);
  const before = await storedData(page);
  await page.getByLabel('Backup file').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Nothing was changed.').waitFor();
  assert.deepEqual(await storedData(page), before);
  await app.done();
});

const BAD_FILES = [
  ['garbage', 'this is not json at all', /isn't a backup Groundwork can read/],
  ['someone else\'s json', '{"contacts": []}', /isn't a Groundwork backup/],
  [
    'a damaged record',
    JSON.stringify({
      groundwork_backup: 1,
      exported_at: '2026-01-01T10:00:00+05:30',
      schema: 1,
      records: [{ key: 'profile/me', v: 1, saved: '2026-01-01T10:00:00+05:30', body: { welcomed: 'maybe' } }],
    }),
    /One item in that backup is damaged/,
  ],
  [
    'a newer format',
    JSON.stringify({ groundwork_backup: 9 }),
    /made by a newer version/,
  ],
  [
    'script in a record',
    JSON.stringify({
      groundwork_backup: 1,
      exported_at: '2026-01-01T10:00:00+05:30',
      schema: 1,
      records: [{ key: '<img src=x onerror=alert(1)>', v: 1, saved: '2026-01-01T10:00:00+05:30', body: {} }],
    }),
    /One item in that backup is damaged/,
  ],
];

test('a corrupt or foreign backup is refused with a message and changes nothing', async () => {
  const app = await openApp(browser);
  const { page } = app;
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await answerWelcome(page, 'Losing a job, or work falling apart');
  await gotoData(page);
  const before = await storedData(page);
  for (const [label, text, message] of BAD_FILES) {
    await page.getByLabel('Backup file').setInputFiles({ name: `${label}.json`, mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.getByRole('alert').filter({ hasText: message });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Nothing was changed|nothing was changed/, label);
    assert.deepEqual(await storedData(page), before, label);
  }
  await screenshot(page, 'data-import-refused');
  assert.equal(dialogs, 0, 'no script from a file ever ran');
  assert.equal(await page.locator('img[src=x]').count(), 0);
  await page.reload();
  assert.deepEqual(await storedData(page), before);
  await app.done();
});

// The service worker: a new version waits until the person chooses "Update
// now", then takes over, and old caches are deleted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, openApp, appReady } from './helpers.mjs';

const DIST = process.env.GW_DIST;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test('a new version waits for "Update now", then replaces the old cache', { skip: !DIST }, async () => {
  const swPath = join(DIST, 'sw.js');
  const original = await readFile(swPath, 'utf8');
  const app = await openApp(browser);
  const { page } = app;
  try {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
    const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('groundwork-')));
    assert.equal(before.length, 1);

    // Publish a "new version": same files, new version string.
    await writeFile(swPath, original.replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-next"'));
    await page.reload();
    await appReady(page);
    const update = page.getByRole('button', { name: 'Update now' });
    await update.waitFor({ timeout: 20000 });
    // Nothing changes until the person chooses to update.
    assert.deepEqual(
      await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('groundwork-'))).then((k) => k.filter((n) => !n.endsWith('-next'))),
      before
    );
    await Promise.all([page.waitForEvent('load'), update.click()]);
    await appReady(page);
    await page.waitForFunction(
      async () => {
        const keys = (await caches.keys()).filter((k) => k.startsWith('groundwork-'));
        return keys.length === 1 && keys[0].endsWith('-next');
      },
      null,
      { timeout: 20000 }
    );
    assert.equal(await update.count(), 0);
  } finally {
    await writeFile(swPath, original);
  }
  await app.done();
});

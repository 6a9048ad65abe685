// After one online visit, the app opens and works with the network off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, appReady } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test('the app loads and works offline after one visit, deep links included', async () => {
  const app = await openApp(browser);
  const { page, context } = app;
  // Wait until the service worker has precached the app and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await answerWelcome(page, 'Something else');
  await page.goto(new URL('help', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
  await page.goto(new URL('/', page.url()).href);
  await page.getByText('Something else').waitFor();
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('groundwork-')).length);
  assert.equal(cached, 1);
  await context.setOffline(false);
  await app.done();
});

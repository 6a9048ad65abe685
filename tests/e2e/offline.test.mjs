// After one online visit, the app opens and works with the network off; a
// page whose code could not be fetched yet says so and opens once it can, and
// so does home when the code that reads the history could not be fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, appReady, expectAccessible, pinnedContext, BASE, PHONE } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/**
 * The app after one online visit, reloaded with the network off (served by
 * the service worker), welcome answered.
 */
async function openedOffline(welcome) {
  const app = await openApp(browser);
  const { page, context } = app;
  // Wait until the service worker has precached the app and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await answerWelcome(page, welcome);
  return app;
}

test('the app loads and works offline after one visit, deep links included', async () => {
  const app = await openedOffline('Something else');
  const { page, context } = app;
  await page.goto(new URL('help', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
  await page.goto(new URL('/', page.url()).href);
  await page.getByText('Something else').waitFor();
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('groundwork-')).length);
  assert.equal(cached, 1);
  await context.setOffline(false);
  await app.done();
});

/** The split-off pages module (not the history module or the code they share). */
const PAGES_MODULE = /\/pages\/split_pages-[^/]+\.wasm$/;
/** Every split-off module: the pages, the history, and the code they share. */
const ANY_MODULE = /\/pages\/[^/]+\.wasm$/;

/**
 * A phone-sized page with no service worker, where `onModule` answers every
 * request for the split-off pages module; opened at home, welcome answered.
 */
async function withoutWorker(onModule, welcome) {
  const context = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers: 'block' });
  await context.route(PAGES_MODULE, onModule);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE);
  await appReady(page);
  await answerWelcome(page, welcome);
  return { context, page, errors };
}

test('a page whose code cannot be fetched says so, keeps the app running and opens on retry', async () => {
  // No service worker, and every split-off page module refused: as on a
  // first visit that went offline before the app was saved on the phone.
  let refuse = true;
  let refused = 0;
  const { context, page, errors } = await withoutWorker((route) => {
    if (!refuse) return route.continue();
    refused += 1;
    return route.abort('internetdisconnected');
  }, 'Something else');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Progress' }).click();
  await page.getByRole('heading', { level: 1, name: "This page couldn't open" }).waitFor();
  assert.ok(refused > 0, 'the page module was requested');
  await expectAccessible(page, 'a page that could not open');

  // Still refused: it says so, and the app keeps working.
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('status').filter({ hasText: 'It still couldn\'t open' }).waitFor();
  await nav.getByRole('link', { name: 'Get help' }).click();
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();

  // Reachable again: the same page opens in place.
  await nav.getByRole('link', { name: 'Progress' }).click();
  await page.getByRole('heading', { level: 1, name: "This page couldn't open" }).waitFor();
  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: "How far you've come" }).waitFor();
  await page.goto(new URL('journal', BASE).href);
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  assert.deepEqual(errors, [], 'no script error: a failed fetch must not stop the app');
  await context.close();
});

test("the pages' code is fetched ahead in idle time only once the phone keeps it", async () => {
  // No service worker (a first visit): nothing is fetched before a page is opened.
  let asked = 0;
  const first = await withoutWorker((route) => {
    asked += 1;
    return route.continue();
  }, 'Something else');
  await first.page.getByRole('heading', { level: 2, name: 'One thing for today' }).waitFor();
  await first.page.waitForTimeout(2000);
  assert.equal(asked, 0, 'no data spent on pages nobody opened');
  await first.context.close();

  // A first visit with the service worker: it saves the whole app, the
  // pages' code with it, and takes charge of the page; only then is that
  // code fetched ahead, through the worker (from what it saved).
  const visit = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers: 'allow' });
  await visit.addInitScript(() => {
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      window.__gwInCharge = performance.now();
    });
  });
  const visitPage = await visit.newPage();
  await visitPage.goto(BASE);
  await appReady(visitPage);
  await answerWelcome(visitPage, 'Something else');
  await visitPage.waitForFunction(
    (source) => performance.getEntriesByType('resource').some((e) => new RegExp(source).test(e.name)),
    PAGES_MODULE.source,
    { timeout: 20000 }
  );
  const ahead = await visitPage.evaluate((source) => {
    const entries = performance.getEntriesByType('resource').filter((e) => new RegExp(source).test(e.name));
    const [first] = entries;
    return { count: entries.length, start: first.startTime, worker: first.workerStart, inCharge: window.__gwInCharge ?? null };
  }, PAGES_MODULE.source);
  assert.equal(ahead.count, 1, 'fetched once');
  assert.ok(ahead.inCharge !== null && ahead.start >= ahead.inCharge, `fetched after the worker took charge: ${JSON.stringify(ahead)}`);
  assert.ok(ahead.worker > 0, `through the worker: ${JSON.stringify(ahead)}`);
  assert.equal(new URL(visitPage.url()).pathname, new URL(BASE).pathname, 'still at home: no page was opened');
  await visit.close();

  // Served by the service worker: once home is read and the page is idle,
  // the pages' code comes from the phone's cache before any page is opened.
  const app = await openedOffline('Something else');
  const { page, context } = app;
  await page.getByRole('heading', { level: 2, name: 'One thing for today' }).waitFor();
  await page.waitForFunction(
    (source) => performance.getEntriesByType('resource').some((e) => new RegExp(source).test(e.name)),
    PAGES_MODULE.source,
    { timeout: 10000 }
  );
  assert.equal(new URL(page.url()).pathname, new URL(BASE).pathname, 'still at home: no page was opened');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await page.getByRole('heading', { level: 1, name: "How far you've come" }).waitFor();
  await context.setOffline(false);
  await app.done();
});

test('while a page is on its way the main area is busy and "Opening…" shows, then goes', async () => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { context, page } = await withoutWorker(async (route) => {
    await held;
    await route.continue();
  }, null);
  const opening = page.getByText('Opening…');
  assert.equal(await opening.isVisible(), false, 'nothing shows while no page is on its way');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await page.locator('main[aria-busy="true"]').waitFor();
  await opening.waitFor({ state: 'visible' });
  release();
  await page.getByRole('heading', { level: 1, name: "How far you've come" }).waitFor();
  await opening.waitFor({ state: 'hidden' });
  assert.equal(await page.locator('main').getAttribute('aria-busy'), null);
  await context.close();
});

test('when the code that reads the history cannot be fetched, home says so, saves nothing silently and recovers on retry', async () => {
  // No service worker and every split-off module refused, as on a first
  // visit that went offline straight after the first screen.
  let refuse = true;
  let refused = 0;
  const context = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers: 'block' });
  await context.route(ANY_MODULE, (route) => {
    if (!refuse) return route.continue();
    refused += 1;
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE);
  await appReady(page);

  // The welcome's answer cannot be saved yet: it says so and stays.
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: "That couldn't be done just now" }).waitFor();
  assert.ok(refused > 0, 'the history module was requested');
  assert.equal(await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).count(), 0);
  await expectAccessible(page, 'a welcome that could not be saved');
  // Help is still one tap away.
  await page.getByRole('link', { name: /help/i }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();

  // Reachable again: the answer saves, and home's cards come.
  refuse = false;
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'One thing for today' }).waitFor();
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.getByText('Something else').waitFor();
  assert.deepEqual(errors, [], 'no script error: a failed fetch must not stop the app');
  await context.close();
});

test('home offers to try again when its history cannot be read, and shows it once it can', async () => {
  let refuse = false;
  const context = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers: 'block' });
  await context.route(ANY_MODULE, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const page = await context.newPage();
  await page.goto(BASE);
  await appReady(page);
  await answerWelcome(page, null);

  // A fresh page (no module in memory) with the network gone.
  refuse = true;
  await page.reload();
  await appReady(page);
  await page.getByRole('status').filter({ hasText: "hasn't reached this phone yet" }).waitFor();
  await expectAccessible(page, 'home without its history');
  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 2, name: 'One thing for today' }).waitFor();
  await context.close();
});

test('a damaged answer with the history out of reach: home greets, says why, and reads it all once it can', async () => {
  const context = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers: 'block' });
  let refuse = false;
  await context.route(ANY_MODULE, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  const page = await context.newPage();
  await page.goto(BASE);
  await appReady(page);
  // The welcome's answer, damaged: home cannot tell it without the rest.
  await page.evaluate(() => localStorage.setItem('gw:profile/me', '{"v":1,"saved":"garbled'));
  refuse = true;
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.getByRole('status').filter({ hasText: "hasn't reached this phone yet" }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Skip for now' }).count(), 0, 'no welcome meanwhile');
  // Reachable again: the store is read, the damaged answer set aside (kept,
  // not deleted) and the welcome asked again.
  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Skip for now' }).waitFor();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gw-aside:profile/me')).length);
  assert.equal(kept, 1, 'the damaged answer is kept aside');
  await context.close();
});

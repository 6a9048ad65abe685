// Deep links and reloads on every area, at the root and under a sub-path;
// accessibility and a phone screenshot of every page, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, screenshot, expectAccessible, BASE, SUB_BASE, answerWelcome } from './helpers.mjs';

const PAGES = [
  { path: '', heading: /Welcome/, name: 'home' },
  { path: 'help', heading: 'Get help now', name: 'help' },
  { path: 'data', heading: 'Your data', name: 'data' },
  { path: 'somewhere/else', heading: "This page isn't here", name: 'not-found' },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

for (const { path, heading, name } of PAGES) {
  test(`/${path} opens directly, survives a reload and passes axe`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      const app = await openApp(browser, { path, colorScheme });
      const { page } = app;
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectAccessible(page, `/${path} (${colorScheme})`);
      await screenshot(page, `${name}-${colorScheme}`);
      await app.done();
    }
  });
}

test('navigation moves between areas and marks the current one', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Something else');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Your data' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/data');
  assert.equal(await nav.getByRole('link', { name: 'Your data' }).getAttribute('aria-current'), 'page');
  // Focus moves to the new page's heading for screen readers.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 3000 });
  await nav.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await app.done();
});

test('back and forward return to earlier pages, and the skip link moves to the content', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, 'Something else');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const practices = page.getByRole('heading', { level: 1, name: 'Practices' });
  const help = page.getByRole('heading', { level: 1, name: 'Get help now' });
  const home = page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ });
  await nav.getByRole('link', { name: 'Practices' }).click();
  await practices.waitFor();
  await nav.getByRole('link', { name: 'Get help' }).click();
  await help.waitFor();
  await page.goBack();
  await practices.waitFor();
  assert.equal(new URL(page.url()).pathname, '/practices');
  assert.equal(await nav.getByRole('link', { name: 'Practices' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Get help' }).getAttribute('aria-current'), null);
  await page.goBack();
  await home.waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current'), 'page');
  await page.goForward();
  await practices.waitFor();
  // A link to the page already shown (the same address) changes nothing.
  await nav.getByRole('link', { name: 'Practices' }).click();
  await practices.waitFor();
  await page.goBack();
  await home.waitFor();
  await page.goForward();
  await practices.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 3000 });
  // The skip link is left to the browser: focus moves to the main area
  // and the page stays.
  await page.getByRole('link', { name: 'Skip to the main content' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 3000 });
  await practices.waitFor();
  assert.equal(new URL(page.url()).pathname, '/practices');
  await app.done();
});

test('under a sub-path, links and deep links keep the prefix', { skip: !SUB_BASE }, async () => {
  const app = await openApp(browser, { base: SUB_BASE, path: 'data' });
  const { page } = app;
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Get help' }).getAttribute('href'), '/groundwork/help');
  await nav.getByRole('link', { name: 'Get help' }).click();
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/groundwork/help');
  await nav.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/groundwork/');
  // Pages that move on by themselves (a new journal entry gets its own
  // address) keep the prefix too.
  await page.goto(new URL('journal/new', SUB_BASE).href);
  await page.getByRole('heading', { level: 1, name: 'Journal entry' }).waitFor();
  await page.waitForURL(/\/groundwork\/journal\/\d{8}-\d{6}-[0-9a-f]{8}$/);
  await app.done();
});

test('the page declares a strict Content-Security-Policy and a manifest', async () => {
  const app = await openApp(browser);
  const { page } = app;
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const part of ["script-src 'self' 'wasm-unsafe-eval' 'sha256-", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(part), `CSP has ${part}`);
  }
  const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(manifestHref, BASE).href)).json();
  assert.equal(manifest.name, 'Groundwork');
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes.sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
  await app.done();
});

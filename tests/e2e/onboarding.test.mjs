// First visit, the welcome question, and that the answer survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, screenshot, expectAccessible, storedData, pinnedContext } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test('a first visit is welcomed, the answer is kept across a reload, and can be changed', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  await expectAccessible(page, 'welcome');
  await screenshot(page, 'home-welcome');

  await answerWelcome(page, 'A breakup, or a relationship ending');
  await assert.doesNotReject(page.getByText(/When a relationship ends/).waitFor());
  const stored = await storedData(page);
  assert.match(stored['gw:profile/me'], /"setback":"relationship"/);
  assert.match(stored['gw:profile/me'], /"v":1/);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await page.getByText('A breakup, or a relationship ending').waitFor();
  await expectAccessible(page, 'home');
  await screenshot(page, 'home-returning');

  await page.getByRole('button', { name: 'Change my answer' }).click();
  await page.getByRole('radio', { name: 'Losing a job, or work falling apart' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.reload();
  await page.getByText('Losing a job, or work falling apart').waitFor();
  await app.done();
});

test('skipping the question is fine and is remembered', async () => {
  const app = await openApp(browser);
  await answerWelcome(app.page, null);
  await app.page.reload();
  await app.page.getByText("You haven't said what happened").waitFor();
  await app.done();
});

test('the crisis link is on every screen and reaches tap-to-call numbers', async () => {
  const app = await openApp(browser);
  const { page } = app;
  for (const path of ['', 'data', 'no-such-page']) {
    await page.goto(new URL(path, page.url()).href);
    await page.locator('main h1').waitFor();
    const crisis = page.getByRole('link', { name: /^Get help now/ });
    assert.equal(await crisis.isVisible(), true, `crisis link visible on /${path}`);
  }
  await page.getByRole('link', { name: /^Get help now/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Call 14416' }).getAttribute('href'), 'tel:14416');
  assert.equal(
    await page.getByRole('link', { name: 'Call 1-800-891-4416' }).getAttribute('href'),
    'tel:18008914416'
  );
  assert.equal(await page.getByRole('link', { name: 'Call 112' }).getAttribute('href'), 'tel:112');
  await page.getByText(/Numbers last checked on/).waitFor();
  await page.getByText(/not an emergency service/).waitFor();
  await app.done();
});

test('damaged stored data is set aside, the person is told, and the app still starts', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await page.evaluate(() => localStorage.setItem('gw:profile/me', '{"v":1,"saved":'));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  await page.getByRole('status').filter({ hasText: "couldn't be read" }).waitFor();
  const stored = await storedData(page);
  assert.equal(stored['gw:profile/me'], undefined);
  assert.match(stored['gw-aside:profile/me'], /\{\\"v\\":1,\\"saved\\":/);
  // Kept in the backup too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
  await page.getByText("1 item(s) that couldn't be read, set aside and kept").waitFor();
  await app.done();
});

test('when storage is full the person is told, nothing is lost, and a backup is offered', async () => {
  const app = await openApp(browser);
  const { page } = app;
  // Fill this origin's local storage to the brim.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(256 * 1024);
    let i = 0;
    while (chunk.length > 8) {
      try {
        localStorage.setItem(`filler-${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  await answerWelcome(page, 'Something else');
  const alert = page.getByRole('alert').filter({ hasText: 'storage for Groundwork is full' });
  await alert.waitFor();
  // The answer is still shown for this session.
  await page.getByText('Something else').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const backup = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(backup.records[0].body.setback, 'other');
  // Space comes back; the next save brings storage up to date.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await page.getByRole('button', { name: 'Change my answer' }).click();
  await page.getByRole('radio', { name: 'Losing a job, or work falling apart' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await alert.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByText('Losing a job, or work falling apart').waitFor();
  await app.done();
});

test('when the browser refuses storage the app still works and says nothing will be kept', async () => {
  const context = await pinnedContext(browser, { viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(process.env.GW_BASE_URL ?? 'http://127.0.0.1:8080/');
  await page.getByRole('alert').filter({ hasText: "isn't letting Groundwork keep anything" }).waitFor();
  await answerWelcome(page, 'Something else');
  await page.getByText('Something else').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

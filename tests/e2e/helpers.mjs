// Shared set-up for the end-to-end journeys: one headless Chromium, a fresh
// context per test, a record of every request, and artifact paths.
// `cargo xtask test` sets GW_BASE_URL, GW_SUB_BASE_URL, GW_ARTIFACTS, CHROMIUM.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.GW_BASE_URL ?? 'http://127.0.0.1:8080/';
export const SUB_BASE = process.env.GW_SUB_BASE_URL;
export const ARTIFACTS = process.env.GW_ARTIFACTS ?? 'tests/e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

export const PHONE = { width: 390, height: 844 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh phone-sized context on `base`. Every request any page or worker
 * makes is recorded, so `done()` can check that nothing left the origin and
 * that no Content-Security-Policy violation or script error happened.
 */
export async function openApp(
  browser,
  { base = BASE, path = '', colorScheme = 'light', reducedMotion = 'no-preference', fakeClock = false } = {}
) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    colorScheme,
    reducedMotion,
    acceptDownloads: true,
    serviceWorkers: 'allow',
  });
  // A controllable clock (Date, timers) for timed exercises.
  if (fakeClock) await context.clock.install();
  const origin = new URL(base).origin;
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const watch = (p) => {
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(m.text())) {
        problems.push(`console error: ${m.text()}`);
      }
    });
  };
  watch(page);
  context.on('page', watch);
  await page.goto(new URL(path, base).href);
  await appReady(page);
  return {
    context,
    page,
    requests,
    async done() {
      const foreign = requests.filter((u) => {
        if (u.startsWith('data:') || u.startsWith('blob:')) return false;
        return new URL(u).origin !== origin;
      });
      await context.close();
      assert.deepEqual(foreign, [], 'requests left the origin');
      assert.deepEqual(problems, [], 'errors in the page');
    },
  };
}

/** Waits until the app has rendered its main heading. */
export async function appReady(page) {
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 20000 });
  await settled(page);
}

/**
 * Waits until the page has stopped changing for a moment. Long pages build
 * their lower parts a frame at a time after the heading is shown
 * (`components::later`), so a check that something is *not* on the page
 * must wait for this first, or it could pass before the part was built.
 */
export async function settled(page, quietMs = 150) {
  await page.evaluate(
    (quiet) =>
      new Promise((resolve) => {
        let timer;
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        function done() {
          clearTimeout(timer);
          observer.disconnect();
          resolve();
        }
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        timer = setTimeout(done, quiet);
        // A page that never stops changing (a running timer) is not waited on forever.
        setTimeout(done, 5000);
      }),
    quietMs
  );
}

/** A full-page 390x844 screenshot saved as a test artifact. */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core with WCAG 2.0-2.2 A and AA rules; fails on any violation. */
export async function expectAccessible(page, label) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
  );
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

/** Every key/value Groundwork keeps in local storage. */
export async function storedData(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('gw')) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** Answers the welcome question with `choice` (or skips when null). */
export async function answerWelcome(page, choice) {
  if (choice) {
    await page.getByRole('radio', { name: choice }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
  } else {
    await page.getByRole('button', { name: 'Skip for now' }).click();
  }
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await settled(page);
}

// Shared set-up for the end-to-end journeys: one headless Chromium, a fresh
// context per test, a record of every request, and artifact paths.
// `cargo xtask test` sets GW_BASE_URL, GW_SUB_BASE_URL, GW_ARTIFACTS, CHROMIUM.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = process.env.GW_BASE_URL ?? 'http://127.0.0.1:8080/';
export const SUB_BASE = process.env.GW_SUB_BASE_URL;
export const ARTIFACTS = process.env.GW_ARTIFACTS ?? 'tests/e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

export const PHONE = { width: 390, height: 844 };

/**
 * The instants the tests run at (tests/dates.txt): `[{ at, zone, why }]`,
 * the everyday one first.
 */
function instants() {
  return readFileSync(new URL('../dates.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [at, zone, ...why] = line.split(/\s+/);
      return { at, zone, why: why.join(' ') };
    });
}

// Every journey runs at a fixed instant in a fixed time zone, whatever the
// day and hour the tests run: the first line of tests/dates.txt, or the one
// the date sweep sets (GW_E2E_NOW, GW_E2E_TZ). Node's own dates (seeding,
// expected words) are read in the browser's zone too.
const everyday = instants()[0];
export const ZONE = process.env.GW_E2E_TZ || everyday.zone;
export const NOW = new Date(process.env.GW_E2E_NOW || everyday.at);
if (Number.isNaN(NOW.getTime())) throw new Error(`GW_E2E_NOW is not a date: ${process.env.GW_E2E_NOW}`);
process.env.TZ = ZONE;

/** "2026-11-28T21:30:00+05:30": a moment as the app stores it, in the pinned zone. */
export function localStamp(ms) {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

let announced = false;

export async function launch() {
  const browser = await chromium.launch({
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
  if (!announced) {
    // Once per file: which browser, and the clock the journeys run at.
    console.log(`# browser: Chromium ${browser.version()}; clock pinned to ${NOW.toISOString()} in ${ZONE}`);
    announced = true;
  }
  return browser;
}

/**
 * Moves the page's `Date` by `shift` ms (an init script): the clock the app
 * reads starts at the pinned instant and runs on from there. Timers,
 * `requestIdleCallback` and `performance.now` stay the browser's own, so
 * nothing that waits or measures changes. `Date()` called without `new`
 * and `instanceof Date` behave as before.
 */
function pinDate(shift) {
  const RealDate = Date;
  function PinnedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + shift).toString();
    return args.length === 0 ? new RealDate(RealDate.now() + shift) : new RealDate(...args);
  }
  PinnedDate.prototype = RealDate.prototype;
  PinnedDate.now = () => RealDate.now() + shift;
  PinnedDate.parse = RealDate.parse;
  PinnedDate.UTC = RealDate.UTC;
  globalThis.Date = PinnedDate;
}

/**
 * A new browser context at the pinned instant and zone (`NOW`, `ZONE`),
 * whatever the day and hour the tests run. With `fakeClock`, Playwright's
 * clock (Date and timers, for journeys that move time on) starts there;
 * otherwise only `Date` is moved (`pinDate`).
 */
export async function pinnedContext(browser, options = {}, { fakeClock = false } = {}) {
  const context = await browser.newContext({ timezoneId: ZONE, ...options });
  if (fakeClock) await context.clock.install({ time: NOW });
  else await context.addInitScript(pinDate, NOW.getTime() - Date.now());
  return context;
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
  // Pinned to NOW; with `fakeClock`, a clock (Date, timers) timed exercises move on.
  const context = await pinnedContext(
    browser,
    { viewport: PHONE, deviceScaleFactor: 1, colorScheme, reducedMotion, acceptDownloads: true, serviceWorkers: 'allow' },
    { fakeClock }
  );
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

/**
 * Runs axe (`build` configures it) on the page laid out as a person sees
 * each part of it, for the moment:
 * - the sticky header and the bottom navigation in the flow of the page.
 *   Whether a control is half under a bar depends only on where the page
 *   happens to be scrolled (and so on how long today's texts are), not on
 *   the control: axe's target-size rule would pass or fail by chance. The
 *   controls' own size and spacing are checked this way; that a focused
 *   control is never hidden under the bars is checked by
 *   `tests/e2e/targets.test.mjs`.
 * - every card laid out in full. Cards off screen skip their layout
 *   (`content-visibility: auto`) and keep the height they last had, so a
 *   card opened or filled while off screen overlaps the next one until it
 *   comes on screen, which axe would take for controls covered by others.
 */
export async function axeAsSeen(page, build) {
  // Through the CSSOM: the page's Content-Security-Policy refuses a style tag.
  const asSeen = (on) =>
    page.evaluate((on) => {
      const set = (selector, property, value) => {
        for (const el of document.querySelectorAll(selector)) {
          if (on) el.style.setProperty(property, value, 'important');
          else el.style.removeProperty(property);
        }
      };
      set('.app-header, .app-nav', 'position', 'static');
      set('.page > .card', 'content-visibility', 'visible');
    }, on);
  await asSeen(true);
  try {
    return await build(new AxeBuilder({ page })).analyze();
  } finally {
    await asSeen(false);
  }
}

/** axe-core with WCAG 2.0-2.2 A and AA rules; fails on any violation. */
export async function expectAccessible(page, label) {
  const result = await axeAsSeen(page, (axe) =>
    axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
  );
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

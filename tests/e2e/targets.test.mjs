// Every page's controls are big enough, or far enough apart, to tap
// (WCAG 2.2's target size, 2.5.8), and land clear of the header and the
// bottom navigation when focused (2.4.11), on a phone 390 and 320 px wide, with
// three years of use stored so every list shows its buttons and choices.
// Pages come from the address table (src/routes.rs) and the in-app links
// found on them, one page per address pattern (one journal entry, not all).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openApp, appReady, axeAsSeen, BASE, NOW } from './helpers.mjs';
import { bigStore } from './bench.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** The address pattern of a path: record ids and scale names become `:id`. */
function pattern(path) {
  return path
    .split('/')
    .map((part) => (/\d{8}-\d{6}/.test(part) || /^(rses|scs_sf|who5)$/.test(part) ? ':id' : part))
    .join('/');
}

async function targetSizeProblems(page) {
  const result = await axeAsSeen(page, (axe) => axe.withRules(['target-size']));
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
  );
}

/**
 * Focuses every control of the main area from the top of the page, as Tab
 * would, and names those that end up wholly under the sticky header or the
 * bottom navigation (WCAG 2.2's focus not obscured, minimum, 2.4.11; a tall
 * text box may stay partly under a bar while its first lines show).
 */
async function focusedUnderBars(page) {
  return page.evaluate(() => {
    const header = document.querySelector('.app-header').getBoundingClientRect();
    const nav = document.querySelector('.app-nav').getBoundingClientRect();
    // Below 760 px the navigation is at the bottom; above, under the header.
    const top = Math.max(header.bottom, nav.top < innerHeight / 2 ? nav.bottom : 0);
    const bottom = nav.top < innerHeight / 2 ? innerHeight : nav.top;
    const controls = [...document.querySelectorAll('main a[href], main button, main input, main select, main textarea, main summary')]
      .filter((el) => el.getClientRects().length > 0 && !el.disabled && el.tabIndex >= 0);
    const out = [];
    for (const el of controls) {
      scrollTo(0, 0);
      el.focus();
      const r = el.getBoundingClientRect();
      if (r.bottom <= top + 0.5 || r.top >= bottom - 0.5) {
        out.push(`${el.id ? `#${el.id}` : el.outerHTML.slice(0, 60)} focused at ${Math.round(r.top)}-${Math.round(r.bottom)} px, clear area ${Math.round(top)}-${Math.round(bottom)}`);
      }
    }
    scrollTo(0, 0);
    return out;
  });
}

test('every control on every page can be tapped at 390 and 320 px wide', async () => {
  const app = await openApp(browser);
  const { page } = app;
  const store = bigStore(NOW.getTime());
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, store);

  const table = readFileSync(new URL('../../src/routes.rs', import.meta.url), 'utf8');
  const routes = [...table.matchAll(/\("\/([^"]*)", Page::/g)].map((m) => m[1]).filter((r) => !r.includes(':'));
  assert.ok(routes.length >= 20, 'routes read from src/routes.rs');
  const root = new URL(BASE);
  const queue = routes.map((r) => new URL(r, root).href);
  const seen = new Set();
  const problems = [];
  while (queue.length) {
    const href = queue.shift();
    const path = new URL(href).pathname;
    if (seen.has(pattern(path))) continue;
    seen.add(pattern(path));
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 640 });
      await page.goto(href);
      await appReady(page);
      // Closed disclosures hide their controls from axe: open them all.
      await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = true)));
      for (const p of await targetSizeProblems(page)) problems.push(`${path} at ${width} px: ${p}`);
      for (const p of await focusedUnderBars(page)) problems.push(`${path} at ${width} px: ${p}`);
    }
    const links = await page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => a.href));
    for (const link of links) {
      const url = new URL(link);
      url.hash = '';
      url.search = '';
      if (url.href.startsWith(root.href) && !/\.\w+$/.test(url.pathname) && !seen.has(pattern(url.pathname))) {
        queue.push(url.href);
      }
    }
  }
  assert.ok(seen.size >= routes.length, `pages checked: ${[...seen].join(', ')}`);
  assert.deepEqual(problems, [], 'controls too small to tap');
  await app.done();
});

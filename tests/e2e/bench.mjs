// The speed and size benchmark, run by `cargo xtask bench` (not by
// `cargo xtask test`: the name has no `.test.mjs`, so the e2e layer never
// picks it up). It measures the release build and writes raw samples as
// tab-separated lines to GW_BENCH_OUT; xtask takes the medians, checks the
// budgets and prints the table (see xtask/src/bench.rs).
//
// Environment (set by xtask): GW_BASE_URL (dist/ served), GW_FLOOR_URL (the
// static floor page's folder served the same way), GW_FLOOR_DIR, GW_DIST,
// GW_BENCH_OUT, GW_BENCH_RUNS, GW_BENCH_TRACES (where each tap's trace is
// saved, to open in Chrome DevTools' Performance panel), CHROMIUM.
//
// "Interactive" means: the home screen's heading (`main h1`) is in the page,
// the frame that shows it has been painted, and the main thread is back at
// the event loop, so a tap is handled right away. It is recorded by an init
// script (a MutationObserver, then requestAnimationFrame, then a zero timeout)
// as the performance mark `gw-interactive`, read with page.evaluate, so there
// is no polling. Groundwork attaches every event handler while it builds the
// page, so once the heading is there the buttons work; each cold run checks
// that by tapping "Practices" afterwards. The floor page gets the same script.
import { launch, pinnedContext, NOW, PHONE } from './helpers.mjs';
import { brotliCompressSync, constants } from 'node:zlib';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const BASE = process.env.GW_BASE_URL ?? 'http://127.0.0.1:8080/';
const FLOOR = process.env.GW_FLOOR_URL;
const FLOOR_DIR = process.env.GW_FLOOR_DIR;
const DIST = process.env.GW_DIST ?? 'dist';
const OUT = process.env.GW_BENCH_OUT ?? 'target/bench/samples.tsv';
const TRACES = process.env.GW_BENCH_TRACES;
const RUNS = Number(process.env.GW_BENCH_RUNS ?? 10);
const THROTTLE = 4;
const TIMEOUT = 90_000;

const emit = (...cols) => appendFileSync(OUT, cols.map((c) => String(c).replace(/[\t\n]/g, ' ')).join('\t') + '\n');
const log = (msg) => console.log(`bench: ${msg}`);

/** Rejects with a clear message when `promise` takes longer than `ms`. */
async function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ── In-page instruments (init scripts) ───────────────────────────────────────

function interactiveProbe() {
  window.__gwInteractive = new Promise((resolve) => {
    const done = () => {
      performance.mark('gw-heading');
      requestAnimationFrame(() =>
        setTimeout(() => {
          const mark = performance.mark('gw-interactive');
          resolve(mark.startTime);
        }, 0)
      );
    };
    const seen = () => document.querySelector('main h1');
    const observer = new MutationObserver(() => {
      if (seen()) {
        observer.disconnect();
        done();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Home's history cards ("One thing for today" and the others): with years
 * of data they come after home is interactive, once the history is read
 * (see ARCHITECTURE.md). Records when the first appears and every task over
 * 50 ms on the way (the Long Tasks API), so the benchmark can say how long
 * the reading took and whether it ever held the page up.
 */
function cardsProbe() {
  window.__gwLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__gwLongTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  window.__gwCards = new Promise((resolve) => {
    const seen = () => document.querySelector('.next-thing');
    const observer = new MutationObserver(() => {
      if (seen()) {
        observer.disconnect();
        resolve(performance.mark('gw-cards').startTime);
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

function saveProbe() {
  window.__gwSets = [];
  window.__gwTaps = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const result = setItem.call(this, key, value);
    window.__gwSets.push([String(key), performance.now()]);
    return result;
  };
  addEventListener('click', () => window.__gwTaps.push(performance.now()), true);
}

// ── A store of three years of heavy daily use ────────────────────────────────

const DAY = 86_400_000;
const pad = (n, w = 2) => String(n).padStart(w, '0');
/** "2026-11-28T21:30:00+05:30" for a UTC millisecond time, in India's zone. */
function ist(ms) {
  const d = new Date(ms + 5.5 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes()
  )}:${pad(d.getUTCSeconds())}+05:30`;
}
let counter = 0;
/** An id in the app's shape: local time plus a counter and a salt. */
function idAt(ms) {
  const s = ist(ms);
  counter += 1;
  const salt = ((counter * 2_654_435_761) >>> 0) & 0xffff;
  return `${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}-${pad(counter % 10_000, 4)}${salt
    .toString(16)
    .padStart(4, '0')}`;
}

const SENTENCES = [
  'Woke up early and sat with my tea before anyone else was up.',
  'The interview went quiet in the middle, but I kept going.',
  'आज थोड़ा बेहतर लगा, I answered two emails and went for a walk.',
  'Amma called and we talked about nothing for twenty minutes.',
  'Revised one chapter. It did not feel like much, but it counts.',
  'I compared myself to my cousin again and noticed it sooner this time.',
  'Slept badly. Still made it out of the house by ten.',
  'A small win: I cooked dinner and cleaned up afterwards.',
  'Read a few pages of the book Meera gave me.',
  'The rain made everything slow, and that was fine.',
];
const text = (i, n) => Array.from({ length: n }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
const FEELINGS = ['drained', 'anxious', 'hopeful', 'tired', 'balanced', 'worried', 'sad', 'comfortable', 'lonely', 'thoughtful'];
const CONTEXTS = ['study', 'work', 'family', 'alone'];

/** Fixture bodies from tests/fixtures/v1, one per kind, to clone. */
function fixture(name) {
  return JSON.parse(readFileSync(new URL(`../fixtures/v1/${name}.json`, import.meta.url), 'utf8')).body;
}

/**
 * Every key/value of three years of heavy daily use, ending now: about five
 * records a day across every exercise, plus the profile.
 */
export function bigStore(now = NOW.getTime()) {
  const store = {};
  const put = (kind, id, saved, body) => {
    store[`gw:${kind}/${id}`] = JSON.stringify({ v: 1, saved, body });
  };
  put('profile', 'me', ist(now - 1100 * DAY), { welcomed: true, setback: 'exam', welcomed_at: ist(now - 1100 * DAY) });
  const f = Object.fromEntries(
    [
      'feeling', 'journal', 'win', 'goal', 'thought_record', 'measure', 'friend_view', 'compassion_break',
      'boundary_held', 'boundary_script', 'opening_step', 'outreach', 'person', 'solo_activity', 'kind_phrase',
      'inner_child', 'compassionate_letter', 'worth_check',
    ].map((k) => [k, fixture(k)])
  );
  const goals = [];
  for (let g = 0; g < 12; g++) {
    const at = now - (1095 - g * 90) * DAY;
    const id = idAt(at);
    goals.push(id);
    put('goal', id, ist(at), { ...f.goal, title: `Small step ${g + 1}: ${SENTENCES[g % 10].slice(0, 40)}`, days: [0, 1, 2, 3, 4, 5, 6], created: ist(at), archived: g < 9 ? ist(at + 90 * DAY) : null });
  }
  const people = [];
  for (let p = 0; p < 6; p++) {
    const at = now - (1000 - p * 100) * DAY;
    const id = idAt(at);
    people.push(id);
    put('person', id, ist(at), { ...f.person, name: ['Asha didi', 'Meera', 'Ravi', 'Chachi', 'Sam', 'Nani'][p], added: ist(at) });
  }
  for (let d = 1095; d >= 1; d--) {
    const day = now - d * DAY;
    const i = 1095 - d;
    const morning = day - 12 * 3_600_000;
    const evening = day - 2 * 3_600_000;
    put('feeling', idAt(evening), ist(evening), {
      ...f.feeling,
      feeling: FEELINGS[i % FEELINGS.length],
      intensity: 1 + ((i * 7) % 10),
      note: text(i, 3),
      context: [CONTEXTS[i % 4]],
      context_text: '',
      at: ist(evening),
    });
    put('journal', idAt(evening + 60_000), ist(evening + 60_000), {
      ...f.journal,
      title: `Day ${i + 1}`,
      body: text(i, 8),
      tags: i % 3 ? ['walk'] : ['परिवार', 'study'],
      prompt: null,
      created: ist(evening + 60_000),
      updated: ist(evening + 60_000),
    });
    const goal = goals[Math.min(11, Math.floor(i / 90))];
    put('win', idAt(morning), ist(morning), { ...f.win, text: `Small step ${Math.floor(i / 90) + 1}`, goal, at: ist(morning) });
    if (i % 2 === 0) {
      put('win', idAt(morning + 3_600_000), ist(morning + 3_600_000), { text: SENTENCES[i % 10].slice(0, 60), at: ist(morning + 3_600_000) });
    }
    if (i % 2 === 1) {
      put('breathing', idAt(morning + 600_000), ist(morning + 600_000), { pattern: ['box', 'slow', 'four_seven_eight'][i % 3], planned_seconds: 180, done_seconds: 180 - (i % 4) * 30, started_at: ist(morning + 600_000) });
    }
    if (i % 3 === 0) {
      put('movement', idAt(morning + 1_800_000), ist(morning + 1_800_000), { kind: ['walk', 'exercise', 'other'][i % 3], minutes: 20 + (i % 40), before: i % 6, after: 4 + (i % 7), note: SENTENCES[(i + 3) % 10], at: ist(morning + 1_800_000) });
    }
    if (i % 5 === 0) {
      const at = day - 5 * 3_600_000;
      put('grounding', idAt(at), ist(at), { started_at: ist(at), step: 5, notes: ['the fan', 'a cup', 'traffic', 'soap', 'tea'], finished_at: ist(at + 300_000) });
    }
    if (i % 7 === 0) {
      const at = day - 4 * 3_600_000;
      put('thought_record', idAt(at), ist(at), { ...f.thought_record, started_at: ist(at - 1_200_000), finished_at: ist(at), situation: text(i, 1) });
    }
    if (i % 10 === 0) {
      const at = day - 3 * 3_600_000;
      put('friend_view', idAt(at), ist(at), { ...f.friend_view, friend: text(i, 2), created: ist(at) });
      put('compassion_break', idAt(at + 60_000), ist(at + 60_000), { ...f.compassion_break, started_at: ist(at) });
      put('boundary_held', idAt(at + 120_000), ist(at + 120_000), { ...f.boundary_held, at: ist(at + 120_000) });
      put('opening_step', idAt(at + 180_000), ist(at + 180_000), { ...f.opening_step, at: ist(at + 180_000) });
      put('solo_activity', idAt(at + 240_000), ist(at + 240_000), { ...f.solo_activity, planned_for: ist(at).slice(0, 10), planned_at: ist(at - DAY), done: { ...f.solo_activity.done, at: ist(at + 240_000) } });
    }
    if (i % 14 === 0) {
      const at = day - 6 * 3_600_000;
      put('outreach', idAt(at), ist(at), { ...f.outreach, person: people[i % 6], planned: ist(at - DAY), done: ist(at) });
      put('inner_child', idAt(at + 60_000), ist(at + 60_000), { ...f.inner_child, created: ist(at), updated: ist(at + 60_000) });
    }
    if (i % 30 === 0) {
      const at = day - 7 * 3_600_000;
      put('measure', idAt(at), ist(at), { ...f.measure, at: ist(at) });
      put('worth_check', idAt(at + 60_000), ist(at + 60_000), { ...f.worth_check, at: ist(at + 60_000) });
      put('kind_phrase', idAt(at + 120_000), ist(at + 120_000), { ...f.kind_phrase, created: ist(at), updated: ist(at) });
      put('compassionate_letter', idAt(at + 180_000), ist(at + 180_000), { ...f.compassionate_letter, written: ist(at), rereads: [] });
    }
    if (i % 180 === 0) {
      put('boundary_script', idAt(day), ist(day), { ...f.boundary_script, updated: ist(day) });
    }
  }
  return store;
}

/** Only the profile: the welcome is skipped, nothing else is kept. */
function emptyStore(now = NOW.getTime()) {
  return {
    'gw:profile/me': JSON.stringify({
      v: 1,
      saved: ist(now - 1100 * DAY),
      body: { welcomed: true, setback: 'exam', welcomed_at: ist(now - 1100 * DAY) },
    }),
  };
}

// ── Page helpers ─────────────────────────────────────────────────────────────

async function newContext(browser, { probes = [interactiveProbe], serviceWorkers = 'allow' } = {}) {
  // At the everyday instant of tests/dates.txt in its zone, whatever the day
  // and hour (only Date moves: timers and performance.now are the browser's).
  const context = await pinnedContext(browser, { viewport: PHONE, deviceScaleFactor: 1, serviceWorkers });
  for (const probe of probes) await context.addInitScript(probe);
  return context;
}

async function throttle(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/** Writes `store` into the origin's local storage from a tiny same-origin page, unthrottled. */
async function seed(page, base, store) {
  await page.goto(new URL('bench-seed.txt', base).href);
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, store);
}

/**
 * A new page of `context`, opened after `store` was written from a page of
 * its own, closed first. A page that opens straight after another wrote
 * 2 MB to the origin's storage can wait for those writes (about half a
 * second before its document arrived, in traces on this machine through
 * another local server): the seeding's cost, not the app's, and not what a
 * person meets opening the app on another day. Empty and big stores are
 * seeded the same way.
 */
async function seededPage(context, base, store) {
  const seeder = await context.newPage();
  await seed(seeder, base, store);
  await seeder.close();
  return context.newPage();
}

/** Navigates and returns the `gw-interactive` time (ms from navigation start). */
async function timedLoad(page, url, what) {
  await within(TIMEOUT, `${what}: navigation to ${url}`, page.goto(url, { waitUntil: 'commit' }));
  return within(TIMEOUT, `${what}: the home heading never appeared (no main h1)`, page.evaluate(() => window.__gwInteractive));
}

const nav = (page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: TIMEOUT });
const GREETING = /^(Good|Hello)/;

// ── Measurements ─────────────────────────────────────────────────────────────

/**
 * Files the page fetched before the home screen was interactive (`file`) and
 * after it, until home's cards showed (`later`: the code that reads the
 * store and builds them), brotli-11 sizes, by the page's own resource
 * timeline; saves the floor page.
 */
async function transferAndFloor(browser) {
  const context = await newContext(browser, { probes: [interactiveProbe, cardsProbe] });
  const page = await context.newPage();
  await seed(page, BASE, emptyStore());
  const interactive = await timedLoad(page, BASE, 'size run');
  await heading(page, GREETING);
  await within(TIMEOUT, "size run: home's cards never appeared", page.evaluate(() => window.__gwCards));
  const fetched = await page.evaluate(() => [
    [location.href, 0],
    [document.querySelector('link[rel="manifest"]')?.href, 0],
    ...performance.getEntriesByType('resource').map((e) => [e.name, e.startTime]),
  ]);
  const origin = new URL(BASE).origin;
  const seen = new Set();
  for (const [url, start] of fetched) {
    if (!url) continue;
    const u = new URL(url);
    if (u.origin !== origin || u.pathname.endsWith('bench-seed.txt')) continue;
    let file = join(DIST, decodeURIComponent(u.pathname));
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    const name = file.slice(DIST.length).replace(/^\/+/, '');
    if (seen.has(name)) continue;
    seen.add(name);
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    emit(start <= interactive ? 'file' : 'later', name, raw.length, br.length);
  }

  // The floor: the rendered home screen as plain HTML with the same CSS and no scripts.
  let html = await page.evaluate(() => '<!doctype html>\n' + document.documentElement.outerHTML);
  html = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="(modulepreload|preload|manifest|icon|apple-touch-icon)"[^>]*>/gi, '');
  // Stylesheets, whatever the order of their attributes (a minified build
  // writes href first); the floor must not go without the app's CSS.
  const sheets = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel="stylesheet"/i.test(tag))
    .map((tag) => tag.match(/\bhref="\/?([^"]+)"/i)?.[1]);
  if (sheets.length === 0 || sheets.includes(undefined)) throw new Error('the floor page found no stylesheet to copy');
  for (const css of sheets) copyFileSync(join(DIST, css), join(FLOOR_DIR, css));
  writeFileSync(join(FLOOR_DIR, 'index.html'), html);
  await context.close();
}

/** One cold start (fresh context) and, once the service worker controls the page, one warm start. */
async function coldAndWarm(browser, run) {
  const context = await newContext(browser);
  let page = await context.newPage();
  await seed(page, BASE, emptyStore());
  const cdp = await throttle(page, THROTTLE);
  const cold = await timedLoad(page, BASE, `cold run ${run}`);
  emit('sample', 'cold', cold.toFixed(1));
  await heading(page, GREETING);
  // The home screen answers a tap.
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await heading(page, 'Practices');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await within(
    TIMEOUT,
    'the service worker never took control',
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    })
  );
  await page.close();
  page = await context.newPage();
  await throttle(page, THROTTLE);
  const warm = await timedLoad(page, BASE, `warm run ${run}`);
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  if (!controlled) throw new Error(`warm run ${run}: the page was not served by the service worker`);
  emit('sample', 'warm', warm.toFixed(1));
  await heading(page, GREETING);
  await context.close();
}

async function floorRun(browser, run) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await throttle(page, THROTTLE);
  const t = await timedLoad(page, FLOOR, `floor run ${run}`);
  const styled = await page.evaluate(() => {
    const sheets = [...document.styleSheets];
    return sheets.length > 0 && sheets.every((sheet) => sheet.cssRules.length > 0);
  });
  if (!styled) throw new Error(`floor run ${run}: the floor page is missing the app's stylesheet`);
  emit('sample', 'floor', t.toFixed(1));
  await context.close();
}

/** Start-up and one saved win with `store` in local storage. */
async function scaleRun(browser, label, store, run) {
  const context = await newContext(browser, { probes: [interactiveProbe, cardsProbe, saveProbe] });
  const page = await seededPage(context, BASE, store);
  const cdp = await throttle(page, THROTTLE);
  const t = await timedLoad(page, BASE, `start-up with the ${label} store, run ${run}`);
  emit('sample', `start_${label}`, t.toFixed(1));
  // When home's history cards came, and the longest task from interactive
  // to then (0: none over 50 ms). Nothing else runs in the page meanwhile
  // (Playwright's role queries are long tasks of their own at 4x).
  const cards = await within(TIMEOUT, `home's cards never came (${label} store, run ${run})`, page.evaluate(() => window.__gwCards));
  emit('sample', `cards_${label}`, cards.toFixed(1));
  const longest = await page.evaluate(
    ([from, to]) => Math.max(0, ...window.__gwLongTasks.filter(([at]) => at >= from && at <= to).map(([, d]) => d)),
    [t, cards]
  );
  emit('sample', `reading_${label}`, longest.toFixed(1));
  await heading(page, GREETING);
  // Saving: a win logged on Small steps, from the tap to the key in storage.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^Small steps/ }).click();
  await heading(page, 'Small steps');
  await page.getByLabel('Log a win').fill(`Benchmark win ${run}`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.evaluate(() => {
    window.__gwSets.length = 0;
    window.__gwTaps.length = 0;
  });
  await page.getByRole('button', { name: 'Add win' }).click();
  const ms = await within(
    TIMEOUT,
    `the win was never saved (${label} store, run ${run})`,
    page.waitForFunction(
      () => {
        const set = window.__gwSets.find(([k]) => k.startsWith('gw:win/'));
        const tap = window.__gwTaps[0];
        return set && tap !== undefined ? set[1] - tap : false;
      },
      null,
      { polling: 50, timeout: TIMEOUT }
    )
  );
  emit('sample', `save_${label}`, (await ms.jsonValue()).toFixed(1));
  await context.close();
}

/** Checks the big store loads whole: no set-aside notice, the journal lists it. */
async function checkBigStore(browser, store) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await seed(page, BASE, store);
  await timedLoad(page, BASE, 'big store check');
  await heading(page, GREETING);
  await nav(page).getByRole('link', { name: 'Practices' }).click();
  await page.getByRole('link', { name: /^Journal/ }).click();
  await page.getByRole('link', { name: 'All entries' }).click();
  await page.getByRole('heading', { level: 1, name: 'Journal', exact: true }).waitFor({ timeout: TIMEOUT });
  const main = (await page.locator('main').textContent()) ?? '';
  const notices = (await page.locator('body').textContent()) ?? '';
  if (/set it aside|couldn't be read|newer version/.test(notices)) {
    throw new Error('the generated store was not accepted: the app set records aside');
  }
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gw:')).length);
  if (kept < Object.keys(store).length) throw new Error(`only ${kept} of ${Object.keys(store).length} records kept`);
  const entries = await page.locator('main li, main article').count();
  emit('info', 'journal_items_shown', entries);
  if (!main.includes('Day 1095')) throw new Error('the journal does not show the newest generated entry (Day 1095)');
  await context.close();
}

/** The longest main-thread task (ms) in a trace of the renderer. */
function longestTask(trace) {
  const events = JSON.parse(trace.toString()).traceEvents ?? [];
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  );
  let worst = 0;
  for (const e of events) {
    if (e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mains.has(`${e.pid}:${e.tid}`)) {
      worst = Math.max(worst, (e.dur ?? 0) / 1000);
    }
  }
  return worst;
}

/**
 * Where to tap for `locator`: the middle of the element, or of its label when
 * the control itself is visually hidden (custom checkboxes and radios).
 */
async function tapPoint(locator) {
  await locator.scrollIntoViewIfNeeded({ timeout: TIMEOUT });
  let box = await locator.boundingBox();
  if (!box || box.width < 10 || box.height < 10) {
    const label = locator.locator('xpath=ancestor::label[1]');
    if ((await label.count()) > 0) {
      await label.scrollIntoViewIfNeeded({ timeout: TIMEOUT });
      box = await label.boundingBox();
    }
  }
  if (!box) throw new Error('nothing to tap on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A tap point for `locator` that still hits it a moment later: the page
 * may still be moving (a page scrolled into place, a card arriving), and a
 * tap that lands on something else would time out waiting for a screen
 * that never comes.
 */
async function steadyTapPoint(page, locator) {
  for (let tries = 0; tries < 5; tries++) {
    await page.waitForTimeout(250);
    const at = await tapPoint(locator);
    await page.waitForTimeout(250);
    const hits = await locator.evaluate((el, { x, y }) => {
      const hit = document.elementFromPoint(x, y);
      return !!hit && (el.contains(hit) || [...(el.labels ?? [])].some((label) => label.contains(hit)));
    }, at);
    if (hits) return at;
  }
  throw new Error('the target kept moving under the tap point');
}

/**
 * A scripted set of taps on the main screens, with the big store, at 4x
 * slowdown. Each tap is traced on its own: the target is found before the
 * trace starts, the tap is a plain CDP mouse click (no Playwright script runs
 * in the page while tracing), the trace runs on for SETTLE ms, and the
 * longest task on the page's main thread in that window is the figure. The
 * tap's effect is checked after the trace.
 */
async function interaction(browser, store, walk) {
  const SETTLE = 1500;
  const context = await newContext(browser);
  const page = await context.newPage();
  await seed(page, BASE, store);
  await throttle(page, THROTTLE);
  await timedLoad(page, BASE, 'interaction run');
  await heading(page, GREETING);
  const link = (name) => () => nav(page).getByRole('link', { name });
  const h1 = (name) => () => heading(page, name);
  const taps = [
    ['nav: Practices', link('Practices'), h1('Practices')],
    ['nav: Progress', link('Progress'), h1("How far you've come")],
    ['nav: Your data', link('Your data'), h1('Your data')],
    ['nav: Home', link('Home'), h1(GREETING)],
    ['home: open Journal', () => page.getByRole('link', { name: /^Journal/ }).first(), h1('Journal entry')],
    ['nav: Practices, again', link('Practices'), h1('Practices')],
    ['open Small steps', () => page.getByRole('link', { name: /^Small steps/ }), h1('Small steps')],
    [
      'tick a small step',
      // One of the generated goals still in use ("Small step 10: ...").
      () => page.getByRole('checkbox', { name: /^Small step 1[0-2]:/ }).first(),
      async () => {
        if (!(await page.getByRole('checkbox', { name: /^Small step 1[0-2]:/ }).first().isChecked())) {
          throw new Error('the goal was not ticked');
        }
      },
    ],
    ['nav: Practices, third time', link('Practices'), h1('Practices')],
    ['open Feelings check-in', () => page.getByRole('link', { name: /^Feelings check-in/ }), h1('Feelings check-in')],
    [
      'choose a feeling',
      () => page.getByRole('radio', { name: 'drained' }),
      async () => {
        if (!(await page.getByRole('radio', { name: 'drained' }).isChecked())) throw new Error('not chosen');
      },
    ],
  ];
  for (const [label, target, check] of taps) {
    const at = await within(TIMEOUT, `finding "${label}"`, steadyTapPoint(page, target()));
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
    await page.mouse.click(at.x, at.y);
    await page.waitForTimeout(SETTLE);
    const trace = await browser.stopTracing();
    if (TRACES) {
      const n = taps.findIndex((t) => t[0] === label) + 1;
      writeFileSync(join(TRACES, `walk${walk}-tap-${pad(n)}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`), trace);
    }
    await within(TIMEOUT, `the screen after "${label}"`, check());
    emit('tap', label, longestTask(trace).toFixed(1));
  }
  await context.close();
}

async function main() {
  writeFileSync(OUT, '');
  if (TRACES) mkdirSync(TRACES, { recursive: true });
  // GW_BENCH_ONLY=size,start,scale,taps runs only those parts (while working on one).
  const only = (process.env.GW_BENCH_ONLY ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const part = (name) => only.length === 0 || only.includes(name);
  const browser = await launch();
  try {
    if (part('size') || part('start')) {
      log('transfer size and the static floor page');
      await transferAndFloor(browser);
    }
    const big = bigStore();
    if (part('scale') || part('taps')) {
      const bytes = Object.entries(big).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
      emit('info', 'store_records', Object.keys(big).length);
      emit('info', 'store_bytes', bytes);
      log(`generated store: ${Object.keys(big).length} records, ${(bytes / 1024 / 1024).toFixed(2)} MB`);
      await checkBigStore(browser, big);
    }
    if (part('start')) {
      for (let run = 1; run <= RUNS; run++) {
        log(`cold, warm and floor: run ${run} of ${RUNS}`);
        await coldAndWarm(browser, run);
        await floorRun(browser, run);
      }
    }
    if (part('scale')) {
      for (let run = 1; run <= RUNS; run++) {
        log(`start-up and saving, empty and big store: run ${run} of ${RUNS}`);
        const order = run % 2 ? ['empty', 'big'] : ['big', 'empty'];
        for (const label of order) await scaleRun(browser, label, label === 'big' ? big : emptyStore(), run);
      }
    }
    if (part('taps')) {
      // The walk is repeated (up to 3 times) so one busy moment on a shared
      // machine does not decide the figure; xtask takes the median per tap.
      const walks = Math.min(3, RUNS);
      for (let walk = 1; walk <= walks; walk++) {
        log(`taps on the main screens: walk ${walk} of ${walks}`);
        await interaction(browser, big, walk);
      }
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`bench: ${e.message}`);
    process.exit(1);
  });
}

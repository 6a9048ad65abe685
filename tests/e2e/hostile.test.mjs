// Hostile text: every record kind (derived from tests/fixtures/v1/*.json, so
// kinds added later are covered too) gets script and markup payloads in every
// free-text field. Every screen the app links to is visited; no script may
// run, no element may be created, and the payloads must show as plain text.
// Then the same records arrive through a backup file on the data page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openApp, appReady, answerWelcome, screenshot, storedData, ARTIFACTS, BASE, NOW } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  '<details open ontoggle=alert(1)>',
];

const FIXTURES = new URL('../fixtures/v1/', import.meta.url);

/** Every fixture: { kind, stem, doc }. */
function fixtures() {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const stem = f.slice(0, -5);
      return { kind: stem.split('-')[0], stem, doc: JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) };
    });
}

// Records the app reads under a fixed id; everything else gets a normal id.
const READING_ID = 'origins';
function idFor(kind, i) {
  if (kind === 'profile' || kind === 'reading_prefs') return 'me';
  if (kind.endsWith('_draft')) return 'current';
  if (kind === 'reading') return READING_ID;
  return `20261128-2${String(i).padStart(5, '0')}-0001abcd`;
}

/** Paths of string leaves that may be free text (not dates). */
function textPaths(value, path = [], out = []) {
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) && value.length > 0) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textPaths(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) textPaths(v, [...path, k], out);
  }
  return out;
}

function withLeaf(body, path, text) {
  const copy = structuredClone(body);
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step];
  at[path[path.length - 1]] = text;
  return copy;
}

const doc = (d, body) => JSON.stringify({ ...d, body });

/** Seeds `entries` (storage key → value), reloads, and returns the keys the app set aside. */
async function seedAndLoad(page, entries) {
  await page.evaluate((entries) => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('gw')) localStorage.removeItem(k);
    localStorage.setItem('gw:profile/me', JSON.stringify({ v: 1, saved: '2026-11-28T10:00:00+05:30', body: { welcomed: true } }));
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, entries);
  await page.reload();
  await appReady(page);
  const stored = await storedData(page);
  return Object.keys(entries).filter((k) => !(k in stored));
}

/**
 * Finds, with the app itself as judge, which string fields of each fixture
 * take free text: a value the app would set aside (an id, a choice) is not
 * text. Returns storage entries with every free-text field holding a payload.
 */
async function hostileRecords(page) {
  const all = fixtures();
  // Round 1: each field on its own, each in its own record.
  const trial = {};
  const trials = [];
  all.forEach(({ kind, doc: d }, i) => {
    textPaths(d.body).forEach((path, j) => {
      const key = `gw:${kind}/t${i}x${j}`;
      trial[key] = doc(d, withLeaf(d.body, path, PAYLOADS[j % PAYLOADS.length]));
      trials.push({ i, path, key });
    });
  });
  const refused = new Set(await seedAndLoad(page, trial));
  const ok = trials.filter((t) => !refused.has(t.key));
  // Round 2: every accepted field at once, under the id the app reads.
  const entries = {};
  all.forEach(({ kind, doc: d }, i) => {
    let body = d.body;
    ok.filter((t) => t.i === i).forEach((t, n) => {
      body = withLeaf(body, t.path, PAYLOADS[n % PAYLOADS.length]);
    });
    const key = `gw:${kind}/${idFor(kind, i)}`;
    // Two fixtures of one singleton kind: keep the one with more text.
    if (!(key in entries) || ok.filter((t) => t.i === i).length > 0) entries[key] = doc(d, body);
  });
  const setAside = await seedAndLoad(page, entries);
  assert.deepEqual(setAside, [], 'records with payloads in text fields are valid');
  return { entries, fields: ok.length, kinds: new Set(ok.map((t) => all[t.i].kind)) };
}

/** The text a body holds, by path (a re-saved draft may add defaults or move its step). */
function words(v, path = '', out = {}) {
  if (typeof v === 'string' && v !== '' && !/^\d{4}-\d{2}-\d{2}T/.test(v)) out[path] = v;
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) words(x, `${path}/${k}`, out);
  return out;
}

/** Nothing ran, nothing was created, and says which payloads show as text. */
async function inspect(page, where, dialogs) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], [ontoggle]').length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
    text: document.body.innerText + '\n' + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'),
  }));
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.equal(found.injected, 0, `${where}: a payload made an element`);
  assert.equal(found.scripts, 0, `${where}: a payload made a script`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  return PAYLOADS.filter((p) => found.text.includes(p));
}

/** Visits home, then every in-app link reachable from it (breadth first). */
async function crawl(page, dialogs, label, entries) {
  // Links to new, not yet saved records carry fresh ids: visit seeded ids only.
  const ids = new Set(Object.keys(entries).map((k) => k.split('/')[1]));
  const unknownId = (path) => path.split('/').some((part) => /^\d{8}-\d{6}-[0-9a-f]{8}$/.test(part) && !ids.has(part));
  const root = new URL(BASE);
  const seen = new Set();
  // Every route without a parameter, read from the router, so screens that no
  // link reaches yet are visited too; the rest are found by following links.
  const table = readFileSync(new URL('../../src/routes.rs', import.meta.url), 'utf8');
  const routes = [...table.matchAll(/\("\/([^"]*)", Page::/g)].map((m) => m[1]).filter((r) => !r.includes(':'));
  assert.ok(routes.length >= 10, 'routes read from src/routes.rs');
  const queue = [root.href, ...routes.map((r) => new URL(r, root).href)];
  const shown = new Map();
  while (queue.length && seen.size < 80) {
    const href = queue.shift();
    if (seen.has(href)) continue;
    seen.add(href);
    await page.goto(href);
    await appReady(page).catch((e) => {
      throw new Error(`${label} ${href}: ${e.message}`);
    });
    await page.waitForTimeout(150);
    const where = `${label} ${href.slice(root.href.length) || '/'}`;
    shown.set(where, await inspect(page, where, dialogs));
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => !h.startsWith('blob:'))
    );
    for (const link of links) {
      const url = new URL(link);
      url.hash = '';
      if (url.href.startsWith(root.href) && !seen.has(url.href) && !/\.(json|png|svg|webmanifest)$/.test(url.pathname) && !unknownId(url.pathname)) {
        queue.push(url.href);
      }
    }
  }
  return shown;
}

function expectTextShown(shown, label) {
  if (process.env.GW_HOSTILE_LOG) console.log(label, [...shown.entries()]);
  const everywhere = new Set([...shown.values()].flat());
  assert.deepEqual([...everywhere].sort(), [...PAYLOADS].sort(), `${label}: every payload is shown as text somewhere`);
  // Screens that list or show a person's own words show them as text.
  for (const screen of ['journal', 'thoughts', 'kindness/letters']) {
    const hit = [...shown.entries()].find(([where]) => where.endsWith(` ${screen}`));
    assert.ok(hit, `${label}: ${screen} was visited`);
    assert.ok(hit[1].length > 0, `${label}: ${screen} shows the words as text`);
  }
  const withText = [...shown.entries()].filter(([, p]) => p.length > 0).map(([w]) => w);
  return withText;
}

test('markup in every text field of every record shows as plain text on every screen', async () => {
  const app = await openApp(browser);
  const { page } = app;
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await answerWelcome(page, null);
  const { entries, fields, kinds } = await hostileRecords(page);
  assert.ok(fields >= 30, `only ${fields} free-text fields found`);
  for (const kind of ['journal', 'feeling', 'thought_record', 'compassionate_letter']) {
    assert.ok(kinds.has(kind), `${kind} has free-text fields`);
  }
  // The fixtures are dated after the pinned now, as on a phone whose clock
  // was set back: every screen must still open.
  assert.ok(
    Object.values(entries).some((v) => Date.parse(JSON.parse(v).saved) > NOW.getTime()),
    'some records are dated after now'
  );
  const before = await storedData(page);
  const shown = await crawl(page, dialogs, 'seeded', entries);
  const withText = expectTextShown(shown, 'seeded');
  assert.ok(shown.size >= 20, `only ${shown.size} screens visited`);
  console.log(`# ${fields} text fields in ${kinds.size} kinds; ${shown.size} screens; payloads shown on ${withText.length}`);
  await page.goto(new URL('journal', BASE).href);
  await appReady(page);
  await screenshot(page, 'hostile-journal');
  // Looking changed no one's words (a draft may be saved again, unchanged).
  const after = await storedData(page);
  for (const key of Object.keys(entries)) {
    assert.deepEqual(words(JSON.parse(after[key]).body), words(JSON.parse(before[key]).body), key);
  }
  await app.done();
});

test('the same records restored from a backup file show as plain text too', async () => {
  const seedApp = await openApp(browser);
  await answerWelcome(seedApp.page, null);
  const { entries } = await hostileRecords(seedApp.page);
  await seedApp.done();

  const app = await openApp(browser);
  const { page } = app;
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await answerWelcome(page, null);
  const records = Object.entries(entries).map(([k, v]) => {
    const d = JSON.parse(v);
    return { key: k.slice('gw:'.length), v: d.v, saved: d.saved, body: d.body };
  });
  const file = JSON.stringify({ groundwork_backup: 1, exported_at: '2026-11-28T10:00:00+05:30', schema: 1, records });
  await page.goto(new URL('data', BASE).href);
  await appReady(page);
  await page.getByLabel('Backup file').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const preview = page.getByRole('group', { name: 'This file holds' });
  await preview.getByRole('radio', { name: /^Replace/ }).check();
  await preview.getByRole('button', { name: 'Restore' }).click();
  await page.getByText(/^Restored\./).waitFor();
  const stored = await storedData(page);
  for (const key of Object.keys(entries)) assert.ok(key in stored, `${key} restored`);
  assert.deepEqual(Object.keys(stored).filter((k) => k.startsWith('gw-aside:')), []);
  expectTextShown(await crawl(page, dialogs, 'restored', entries), 'restored');
  await screenshot(page, 'hostile-restored');
  await app.done();
});

test('a 50 MB file is refused before it is read and changes nothing', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await page.goto(new URL('data', BASE).href);
  await appReady(page);
  const before = await storedData(page);
  // A real 50 MB file on disk (Playwright passes big files by path).
  const big = Buffer.alloc(50 * 1024 * 1024, ' ');
  big.write('{"groundwork_backup":1,"records":[');
  const path = join(ARTIFACTS, 'hostile-50mb.json');
  writeFileSync(path, big);
  await page.getByLabel('Backup file').setInputFiles(path);
  rmSync(path);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Nothing was changed|nothing was changed/);
  assert.deepEqual(await storedData(page), before);
  await app.done();
});

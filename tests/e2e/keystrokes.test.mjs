// Every keystroke kept: for every editor in the app, type into it and leave
// at once (within a few milliseconds of the last key, long before any
// debounce could run) in three ways: (a) tap another page in the app,
// (b) reload, (c) make the page hidden and close it, with `pagehide`
// stopped so that only the `visibilitychange` flush can save, as when a
// phone kills a tab in the background. Then open the editor again and find
// every character.
//
// Nothing here waits between the last key and leaving, so a save that waits
// on a debounce that no flush reaches (on leaving the page in the app, on
// `pagehide`, on `visibilitychange`) loses the last letters and the journey
// fails for that editor and that way of leaving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, openApp, appReady, answerWelcome, storedData } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** A text field by its accessible name, exactly as the page says it. */
const field = (page, name) => page.getByRole('textbox', { name, exact: true });

/**
 * `target` once it is on the page, taking the first step (`step()`: choose,
 * "Begin", "New entry") only when the page starts from `control` instead;
 * a kept draft may already have taken it.
 */
async function past(target, control, step) {
  await target.or(control).first().waitFor();
  if (!(await target.isVisible())) await step();
  await target.waitFor();
  return target;
}

/** The editor's field once it is on the page (some parts are built a frame later). */
async function open(editor, page) {
  if (editor.open) return editor.open(page);
  const target = field(page, editor.label);
  await target.waitFor();
  return target;
}

// Each editor: where it is (relative to BASE) and its field's `label`, or,
// where a first step comes before the field, how to `open` it. `open` is
// called again on coming back, so any first step is only taken when the
// page does not show the field already.
const EDITORS = [
  {
    name: 'journal',
    path: 'journal',
    open: async (page) => {
      const newEntry = page.getByRole('link', { name: 'New entry', exact: true });
      const body = await past(field(page, "What's on your mind?"), newEntry, () => newEntry.click());
      // "New entry" takes the entry's own address; coming back goes there.
      await page.waitForURL(/\/journal\/\d{8}-\d{6}-[0-9a-f]{8}$/);
      return body;
    },
  },
  {
    name: 'thought record',
    path: 'thoughts/new',
    label: 'What happened?',
  },
  {
    name: 'friend versus self',
    path: 'kindness/friend',
    label: 'What you would say to your friend',
  },
  {
    name: 'letter',
    path: 'kindness/letters',
    open: (page) => {
      const write = page.getByRole('link', {
        name: /^(Write a new letter|Carry on with your unfinished letter)$/,
      });
      return past(field(page, 'Your letter'), write, () => write.click());
    },
  },
  {
    name: 'movement note',
    path: 'movement',
    label: 'Anything to remember? (optional)',
  },
  {
    name: 'solo-time plan',
    path: 'solo',
    label: 'What would you like to do alone?',
  },
  {
    name: 'opening-up step',
    path: 'opening-up',
    open: (page) => {
      const own = page.getByRole('radio', { name: 'Something else', exact: true });
      return past(field(page, 'In your words'), own, () => own.check());
    },
  },
  {
    name: 'boundary held',
    path: 'boundaries',
    label: 'What was the boundary? (if it was something else)',
  },
  {
    name: 'grounding note',
    path: 'grounding',
    open: (page) => {
      const begin = page.getByRole('button', { name: 'Begin', exact: true });
      return past(field(page, 'What did you notice? (optional)'), begin, () => begin.click());
    },
  },
  {
    name: 'reading reflection',
    path: 'understand/origins',
    label:
      "When you were growing up, what seemed to make the adults around you proud of you? How did it feel when you didn't manage it?",
  },
  {
    name: 'kind phrase',
    path: 'phrases',
    label: 'Write a kind phrase',
  },
  {
    name: 'new person',
    path: 'people',
    label: 'Name or nickname',
  },
  {
    name: 'small step',
    path: 'goals',
    label: 'One small thing',
  },
  {
    name: 'feelings note',
    path: 'feelings',
    open: (page) => {
      const drained = page.getByRole('group', { name: 'Heavy and low' }).getByRole('radio', { name: 'drained' });
      return past(field(page, "Anything you'd like to add? (optional)"), drained, async () => {
        await drained.check();
        await page.getByRole('button', { name: 'Next: drained' }).click();
      });
    },
  },
];

// Each way of leaving starts at once, and ends with a page open again at
// `at` (the editor's address), ready.
const WAYS = [
  {
    way: 'tap',
    words: 'tapping away',
    async leave(app, page, at) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
      await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
      await page.goto(at);
      await appReady(page);
      return page;
    },
  },
  {
    way: 'reload',
    words: 'a reload',
    async leave(app, page) {
      await page.reload();
      await appReady(page);
      return page;
    },
  },
  {
    way: 'hide-close',
    words: 'the page is hidden and closed',
    async leave(app, page, at) {
      await page.evaluate(() => {
        // A phone that kills a background tab fires nothing after this:
        // no `pagehide` reaches the page's own listeners.
        window.addEventListener('pagehide', (e) => e.stopImmediatePropagation(), { capture: true });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      });
      await page.close();
      const next = await app.context.newPage();
      await next.goto(at);
      await appReady(next);
      return next;
    },
  },
];

for (const editor of EDITORS) {
  for (const { way, words, leave } of WAYS) {
    test(`${editor.name}: every letter kept after ${words}`, async () => {
      const app = await openApp(browser);
      await answerWelcome(app.page, null);
      await app.page.goto(new URL(editor.path, BASE).href);
      await appReady(app.page);
      const typing = await open(editor, app.page);
      const at = app.page.url();
      assert.equal(await typing.inputValue(), '', `${editor.name} starts empty`);

      const text = `Kept ${editor.name} ${way} — सब ठीक`;
      await typing.pressSequentially(text, { delay: 0 });
      // Nothing in between: the last key, then straight away leaving.
      const page = await leave(app, app.page, at);

      const kept = await (await open(editor, page)).inputValue();
      if (kept !== text) {
        const keys = Object.keys(await storedData(page)).join(', ');
        assert.equal(kept, text, `${editor.name} after ${words} lost letters (stored: ${keys})`);
      }
      await app.done();
    });
  }
}

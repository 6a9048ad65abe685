// Inner-child work and kind words: a two-voice conversation that survives a
// reload (half-written turn included), the three questions whose middle
// answer becomes a card on the home screen, and a bank of kind phrases with
// pins shown on the home screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch,
  openApp,
  appReady,
  settled,
  answerWelcome,
  expectAccessible,
  screenshot,
  storedData,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

// Full-page screenshots from the top, so the sticky header sits where it belongs.
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

const stored = async (page, kind) => {
  const data = await storedData(page);
  return Object.entries(data)
    .filter(([k]) => k.startsWith(`gw:${kind}/`))
    .map(([k, v]) => [k, JSON.parse(v).body]);
};

const goHome = async (page) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Good|Hello)/ }).waitFor();
  await settled(page);
};

const TURNS = [
  ['Me now', 'Hi. I remember you at nine, hiding the report card in your bag.'],
  ['Me at 9', 'I thought everyone would be disappointed in me.'],
  ['Me now', 'One report card never decided whether you deserved love.'],
];
const NEEDED = "You are loved on the days you win and on the days you don't.";

test('a three-turn conversation with my younger self survives a reload, and the card reaches home', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await page.getByRole('link', { name: /^Talk with your younger self/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Comfort your younger self' }).waitFor();
  await page.getByText('You can come back to it', { exact: false }).waitFor();
  await expectAccessible(page, 'inner child start');
  await shot(page, 'inner-child-start');

  // The age is checked before anything is kept.
  await page.getByRole('button', { name: 'Start talking' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose an age from 1 to 25.' }).waitFor();
  await page.getByLabel('How old is your younger self?').fill('40');
  await page.getByRole('button', { name: 'Start talking' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose an age from 1 to 25.' }).waitFor();
  assert.deepEqual(await stored(page, 'inner_child'), []);

  await page.getByLabel('How old is your younger self?').fill('9');
  await page.getByRole('button', { name: 'Start talking' }).click();
  await page.getByRole('heading', { level: 1, name: 'Me now and me at 9' }).waitFor();
  await page.waitForURL(/\/inner-child\/\d{8}-\d{6}-[0-9a-f]{8}$/);

  // An empty turn is refused.
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Write something first' }).waitFor();

  for (const [who, text] of TURNS) {
    const box = page.getByLabel(`${who} says…`);
    await box.fill(text);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.ic-turn').filter({ hasText: text }).getByText(who, { exact: true }).waitFor();
  }
  await page.getByText('3 turns · 30 words').waitFor();
  // The younger self is next; half a sentence is kept as it is typed.
  await page.getByLabel('Me at 9 says…').fill('Will you stay with');
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  await page.waitForTimeout(800);
  const [[, saved]] = await stored(page, 'inner_child');
  assert.equal(saved.age, 9);
  assert.deepEqual(
    saved.turns.map((t) => t.voice),
    ['now', 'younger', 'now']
  );
  assert.equal(saved.draft, 'Will you stay with');
  // The two voices sit on opposite sides.
  const [nowBox, youngBox] = await Promise.all([
    page.locator('.ic-turn.ic-now').first().boundingBox(),
    page.locator('.ic-turn.ic-younger').first().boundingBox(),
  ]);
  assert.ok(youngBox.x < nowBox.x, 'the younger voice is on the left, me now on the right');
  await expectAccessible(page, 'inner child conversation');
  await shot(page, 'inner-child-dialogue');

  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Me now and me at 9' }).waitFor();
  const turns = page.locator('.ic-turn');
  assert.equal(await turns.count(), 3);
  for (const [i, [who, text]] of TURNS.entries()) {
    assert.equal(await turns.nth(i).locator('.ic-who').innerText(), who);
    assert.equal(await turns.nth(i).locator('.ic-text').innerText(), text);
  }
  assert.equal(await page.getByLabel('Me at 9 says…').inputValue(), 'Will you stay with');

  // Either voice can speak next.
  await page.getByRole('button', { name: 'Let me now speak next' }).click();
  await page.getByLabel('Me now says…').waitFor();
  await page.getByRole('button', { name: 'Let me at 9 speak next' }).click();
  await page.getByLabel('Me at 9 says…').fill('Will you stay with me?');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('4 turns · 35 words').waitFor();

  await page.getByRole('button', { name: 'Done for now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comfort your younger self' }).waitFor();
  await page.getByRole('link', { name: 'With me at 9' }).waitFor();

  // The three questions, one at a time.
  await page.getByRole('link', { name: 'Answer the questions' }).click();
  await page.getByRole('heading', { level: 1, name: 'What they needed to hear' }).waitFor();
  await page.waitForURL(/\/inner-child\/reflect\/\d{8}-/);
  await page.getByText('Question 1 of 3').waitFor();
  await expectAccessible(page, 'inner child questions');
  await page.getByLabel('When did you first feel not good enough?').fill('Class 4, when my marks were read out loud.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Question 2 of 3').waitFor();
  await page.getByLabel('What did that child need to hear?').fill(NEEDED);
  await shot(page, 'inner-child-question');
  // A reload in the middle keeps the answers and the place.
  await page.waitForTimeout(800);
  await page.reload();
  await appReady(page);
  await page.getByText('Question 2 of 3').waitFor();
  assert.equal(await page.getByLabel('What did that child need to hear?').inputValue(), NEEDED);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What do you want them to know now?').fill('You got through it, and you grew kind.');
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('heading', { name: 'Your card' }).waitFor();
  await page.getByText(NEEDED).waitFor();
  const onHome = page.getByRole('button', { name: 'Show on home screen' });
  assert.equal(await onHome.getAttribute('aria-pressed'), 'true');
  await expectAccessible(page, 'inner child card');
  await shot(page, 'inner-child-card');
  const [[, reflection]] = await stored(page, 'inner_child_reflection');
  assert.equal(reflection.needed, NEEDED);
  assert.equal(reflection.hidden, false);

  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { name: 'Your card' }).waitFor();
  await page.getByText(NEEDED).waitFor();

  await goHome(page);
  const hold = page.getByRole('region', { name: 'Things to hold on to' });
  await hold.getByText(NEEDED).waitFor();
  await hold.getByText('What my younger self needed to hear').waitFor();
  await page.reload();
  await appReady(page);
  await hold.getByText(NEEDED).waitFor();
  await expectAccessible(page, 'home with a card');
  await shot(page, 'inner-child-home-card');

  // The card can be taken off the home screen again.
  await hold.getByRole('link', { name: 'What my younger self needed to hear' }).click();
  await page.getByRole('button', { name: 'Show on home screen' }).click();
  assert.equal(await page.getByRole('button', { name: 'Show on home screen' }).getAttribute('aria-pressed'), 'false');
  await goHome(page);
  await page.getByRole('heading', { name: /^Good|^Hello/ }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Things to hold on to' }).count(), 0);
  await app.done();
});

test('kind words: add my own, pin it and a suggested one, see them at home after a reload', async () => {
  const app = await openApp(browser, { colorScheme: 'dark' });
  const { page } = app;
  await answerWelcome(page, 'Losing a job, or work falling apart');
  // Nothing pinned, nothing shown.
  assert.equal(await page.getByRole('region', { name: 'Things to hold on to' }).count(), 0);
  await page.getByRole('link', { name: /^Kind words/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Kind words' }).waitFor();
  await page.getByText('0 of 5 pinned to the home screen.').waitFor();
  // Phrases for a lost job come first.
  const firstSuggested = page.locator('.phrase:not(.own) .phrase-text').first();
  assert.equal(await firstSuggested.innerText(), 'I am more than a job title or a letter from HR.');
  await expectAccessible(page, 'kind words');

  // A half-written phrase survives a reload.
  const field = page.getByLabel('Write a kind phrase');
  await field.fill('I can begin again,');
  await page.waitForTimeout(1000);
  await page.reload();
  await appReady(page);
  assert.equal(await field.inputValue(), 'I can begin again,');
  await field.fill('I can begin again, slowly.');
  await page.getByRole('button', { name: 'Add to my words' }).click();
  await page.getByText('Added to your words.').waitFor();
  assert.equal(await field.inputValue(), '');
  const mine = page.getByRole('listitem').filter({ hasText: 'I can begin again, slowly.' });
  await mine.waitFor();
  assert.deepEqual(await stored(page, 'kind_phrase_draft'), []);

  // An empty phrase is refused.
  await page.getByRole('button', { name: 'Add to my words' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write a few words first.' }).waitFor();

  await mine.getByRole('button', { name: 'Pin to home' }).click();
  const suggested = page.getByRole('listitem').filter({ hasText: 'Resting is allowed.' });
  await suggested.getByRole('button', { name: 'Pin to home' }).click();
  await page.getByText('2 of 5 pinned to the home screen.').waitFor();
  assert.equal(await mine.getByRole('button', { name: 'Pin to home' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await suggested.getByRole('button', { name: 'Pin to home' }).getAttribute('aria-pressed'), 'true');
  await expectAccessible(page, 'kind words, two pinned (dark)');
  await shot(page, 'kind-words-dark');

  await page.reload();
  await appReady(page);
  await page.getByText('2 of 5 pinned to the home screen.').waitFor();
  assert.equal(await mine.getByRole('button', { name: 'Pin to home' }).getAttribute('aria-pressed'), 'true');

  await goHome(page);
  const hold = page.getByRole('region', { name: 'Things to hold on to' });
  await hold.getByText('I can begin again, slowly.').waitFor();
  await hold.getByText('Resting is allowed. I don\'t have to earn a break.').waitFor();
  await page.reload();
  await appReady(page);
  const words = await hold.locator('.hold-words').allInnerTexts();
  assert.deepEqual(words, ['I can begin again, slowly.', "Resting is allowed. I don't have to earn a break."]);
  await expectAccessible(page, 'home with pinned phrases (dark)');
  await shot(page, 'kind-words-home-dark');
  await app.done();
});

test('kind words: at most five pins; editing and deleting my own phrase', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await page.getByRole('link', { name: /^Kind words/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Kind words' }).waitFor();
  await page.getByLabel('Write a kind phrase').fill('Small steps still count.');
  await page.getByRole('button', { name: 'Add to my words' }).click();
  const mine = page.getByRole('listitem').filter({ hasText: 'Small steps still count.' });
  await mine.getByRole('button', { name: 'Pin to home' }).click();
  const pins = page.locator('.phrase:not(.own)').getByRole('button', { name: 'Pin to home' });
  for (let i = 0; i < 4; i++) await pins.nth(i).click();
  await page.getByText('5 of 5 pinned to the home screen.').waitFor();
  await pins.nth(4).click();
  await page.getByText('You already have five pinned.', { exact: false }).waitFor();
  assert.equal(await pins.nth(4).getAttribute('aria-pressed'), 'false');
  await shot(page, 'kind-words-full');

  // Editing keeps the pin.
  await mine.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Change the words').fill('Small steps still count, every one.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const edited = page.getByRole('listitem').filter({ hasText: 'Small steps still count, every one.' });
  await edited.waitFor();
  assert.equal(await edited.getByRole('button', { name: 'Pin to home' }).getAttribute('aria-pressed'), 'true');

  // Deleting asks first, then unpins it too.
  await edited.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Keep it' }).click();
  await edited.waitFor();
  await edited.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete it' }).click();
  await page.getByText('4 of 5 pinned to the home screen.').waitFor();
  assert.equal(await edited.count(), 0);
  const [[, pinsRecord]] = await stored(page, 'kind_phrase_pins');
  assert.equal(pinsRecord.pinned.length, 4);
  assert.ok(pinsRecord.pinned.every((p) => p.from === 'suggested'));
  await goHome(page);
  const hold = page.getByRole('region', { name: 'Things to hold on to' });
  assert.equal(await hold.locator('.hold-words').count(), 4);
  await app.done();
});

test('a conversation can take back its last turn, and be deleted after a confirmation', async () => {
  const app = await openApp(browser, { path: 'inner-child' });
  const { page } = app;
  await page.getByRole('heading', { level: 1, name: 'Comfort your younger self' }).waitFor();

  // A conversation left without a word is not kept.
  await page.getByLabel('How old is your younger self?').fill('12');
  await page.getByRole('button', { name: 'Start talking' }).click();
  await page.getByRole('heading', { level: 1, name: 'Me now and me at 12' }).waitFor();
  await page.getByRole('link', { name: 'All conversations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comfort your younger self' }).waitFor();
  assert.deepEqual(await stored(page, 'inner_child'), []);

  await page.getByLabel('How old is your younger self?').fill('6');
  await page.getByRole('button', { name: 'Start talking' }).click();
  await page.getByRole('heading', { level: 1, name: 'Me now and me at 6' }).waitFor();
  // The little one may speak first.
  await page.getByRole('button', { name: 'Let me at 6 speak next' }).click();
  await page.getByLabel('Me at 6 says…').fill('Nobody picked me for the team.');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('Me now says…').waitFor();
  await page.getByRole('button', { name: 'Edit the last turn' }).click();
  assert.equal(await page.getByLabel('Me at 6 says…').inputValue(), 'Nobody picked me for the team.');
  assert.equal(await page.locator('.ic-turn').count(), 0);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('.ic-turn.ic-younger').getByText('Me at 6', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Delete this conversation' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this conversation?' });
  await expectAccessible(page, 'delete conversation');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await page.getByRole('button', { name: 'Delete this conversation' }).click();
  await confirm.getByRole('button', { name: 'Delete it' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comfort your younger self' }).waitFor();
  assert.deepEqual(await stored(page, 'inner_child'), []);
  assert.equal(await page.getByRole('link', { name: 'With me at 6' }).count(), 0);
  await app.done();
});

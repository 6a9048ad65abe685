// Attachment recovery: the solo-time ladder (plan, "I did it" with comfort
// before and after, the ladder climbing), opening-up steps, and boundaries
// (own scripts saved as you type, the log of boundaries held).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch,
  openApp,
  appReady,
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

async function startFromHome(page, name) {
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).first().click();
}

const keysOf = async (page, kind) =>
  Object.keys(await storedData(page)).filter((k) => k.startsWith(`gw:${kind}/`));

const rung = (page, n) => page.locator('.ladder li').filter({ hasText: `Rung ${n}:` });

test('the solo-time ladder: plan a step, do it, rate comfort, and watch the ladder climb', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, 'Time on my own');
  await page.getByRole('heading', { level: 1, name: 'Time on my own' }).waitFor();
  await page.getByText('Nothing reached yet.', { exact: false }).waitFor();
  await rung(page, 1).getByText('next step').waitFor();
  await page.getByText('Start at the bottom.', { exact: false }).waitFor();
  await expectAccessible(page, 'solo ladder (empty)');
  await shot(page, 'solo-empty');

  // Plan the suggested first rung.
  await page.getByRole('button', { name: 'Plan it' }).click();
  await page.getByRole('status').filter({ hasText: 'Added to your plans.' }).waitFor();
  const plans = page.locator('.solo-plans');
  await plans.getByText('A short walk on your own').waitFor();

  // A plan of one's own, with a day in mind, half typed: it survives a reload.
  await page.getByLabel('What would you like to do alone?').fill('Sit in the temple garden');
  await page.getByLabel('How big a step does it feel?').selectOption('2');
  await page.getByLabel('A day you have in mind (optional)').fill('2026-12-05');
  await page.waitForTimeout(900);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('What would you like to do alone?').inputValue(), 'Sit in the temple garden');
  assert.equal(await page.getByLabel('How big a step does it feel?').inputValue(), '2');
  await page.getByRole('button', { name: 'Add to my plans' }).click();
  await plans.getByText('Sit in the temple garden').waitFor();
  await plans.getByText('You had 5 Dec 2026 in mind', { exact: false }).waitFor();
  assert.equal((await keysOf(page, 'solo_activity')).length, 2);

  // Do the walk: it felt hard afterwards (4), so the ladder stays on rung 1.
  const walk = page.locator('.solo-plan').filter({ hasText: 'A short walk on your own' });
  await walk.getByRole('button', { name: 'I did it' }).click();
  await page.getByRole('heading', { name: 'How did it go?' }).waitFor();
  assert.equal(await page.getByText('Added to your plans.').count(), 0);
  await page.getByLabel(/How comfortable did you feel just before/).fill('2');
  await page.getByLabel('And afterwards?').fill('4');
  await page.getByLabel('Anything you noticed? (optional)').fill('Everyone seemed to be in pairs.');
  await expectAccessible(page, 'solo ladder, how did it go');
  await shot(page, 'solo-finish');
  // The half-filled "how did it go" survives a reload too.
  await page.waitForTimeout(900);
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { name: 'How did it go?' }).waitFor();
  assert.equal(await page.getByLabel('And afterwards?').inputValue(), '4');
  assert.equal(await page.getByLabel('Anything you noticed? (optional)').inputValue(), 'Everyone seemed to be in pairs.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'You spent time in your own company' }).waitFor();
  await page.getByText('Felt 2 before, 4 after', { exact: false }).waitFor();
  await page.getByText('Last time felt hard', { exact: false }).waitFor();
  await rung(page, 1).getByText('next step').waitFor();
  assert.equal(await rung(page, 1).getByText('reached').count(), 0);

  // Plan it again and do it: comfortable this time (7). Rung 1 is reached
  // and the next step is rung 2, one up.
  await page.getByRole('button', { name: 'Plan it' }).click();
  await walk.getByRole('button', { name: 'I did it' }).click();
  await page.getByLabel(/How comfortable did you feel just before/).fill('4');
  await page.getByLabel('And afterwards?').fill('7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Felt 4 before, 7 after', { exact: false }).waitFor();
  await rung(page, 1).getByText('reached').waitFor();
  await rung(page, 2).getByText('next step').waitFor();
  await page.getByText('You have reached 1 of them.', { exact: false }).waitFor();
  await page.getByText('Highest rung reached so far: 1.').waitFor();
  await page.getByText('That last one felt manageable.', { exact: false }).waitFor();
  await page.locator('.suggest-step').getByText('A meal at home with no screen').waitFor();
  await page.getByRole('img', { name: /Comfort before and after each time on your own.*2 time/ }).waitFor();
  await expectAccessible(page, 'solo ladder, climbing');
  await shot(page, 'solo-climbing');

  // Taking a plan off goes through a confirmation.
  const own = page.locator('.solo-plan').filter({ hasText: 'Sit in the temple garden' });
  await own.getByRole('button', { name: 'Take it off' }).click();
  await page.getByRole('alertdialog', { name: 'Take this plan off the list?' }).waitFor();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await own.getByRole('button', { name: 'I did it' }).waitFor();

  // Everything is still there after a reload.
  await page.reload();
  await appReady(page);
  await rung(page, 1).getByText('reached').waitFor();
  await rung(page, 2).getByText('next step').waitFor();
  await plans.getByText('Sit in the temple garden').waitFor();
  await page.getByText('Felt 2 before, 4 after', { exact: false }).waitFor();
  await page.getByText('Felt 4 before, 7 after', { exact: false }).waitFor();
  await page.getByText('Everyone seemed to be in pairs.').waitFor();
  assert.equal((await keysOf(page, 'solo_activity')).length, 3);
  await app.done();
});

test('opening up: log a small trust step, kept while typing and after a reload', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, 'Opening up');
  await page.getByRole('heading', { level: 1, name: 'Opening up' }).waitFor();
  await page.getByText('Nothing logged yet.', { exact: false }).waitFor();
  await expectAccessible(page, 'opening up');
  await shot(page, 'opening-up-empty');

  await page.getByRole('button', { name: 'Save this step' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose the step you took.' }).waitFor();

  await page.getByRole('radio', { name: 'Shared one feeling with one person' }).check();
  await page.getByLabel('With whom? A name or nickname (optional)').fill('Meera');
  await page.getByLabel('What happened?').fill('I told her I felt ashamed about the exam. She said she had failed one too.');
  await page.getByLabel(/How did it feel\?/).fill('7');
  await page.waitForTimeout(900);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByRole('radio', { name: 'Shared one feeling with one person' }).isChecked(), true);
  assert.equal(await page.getByLabel('With whom? A name or nickname (optional)').inputValue(), 'Meera');
  assert.match(await page.getByLabel('What happened?').inputValue(), /failed one too\.$/);
  assert.equal(await page.getByLabel(/How did it feel\?/).inputValue(), '7');
  await expectAccessible(page, 'opening up, filled in');
  await shot(page, 'opening-up-form');
  await page.getByRole('button', { name: 'Save this step' }).click();
  await page.getByRole('status').filter({ hasText: 'Letting someone in a little is brave.' }).waitFor();

  // An own step needs its own words.
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Save this step' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write the step in your own words.' }).waitFor();
  await page.getByLabel('In your words').fill('Let my brother drive me to the interview');
  await page.getByRole('button', { name: 'Save this step' }).click();
  await page.getByRole('status').filter({ hasText: 'Letting someone in a little is brave.' }).waitFor();

  const log = page.locator('.log');
  await log.getByText('Shared one feeling with one person').waitFor();
  await log.getByText('with Meera', { exact: false }).waitFor();
  await log.getByText('Let my brother drive me to the interview').waitFor();
  await shot(page, 'opening-up-log');

  await page.reload();
  await appReady(page);
  await log.getByText('Shared one feeling with one person').waitFor();
  await log.getByText('Felt 7 out of 10', { exact: false }).waitFor();
  await log.getByText('Let my brother drive me to the interview').waitFor();
  assert.equal(await page.getByLabel('What happened?').inputValue(), '');
  assert.equal((await keysOf(page, 'opening_step')).length, 2);
  assert.deepEqual(await keysOf(page, 'opening_draft'), []);
  await app.done();
});

test('boundaries: start a script from a ready one, write my own, log a boundary held (dark)', async () => {
  const app = await openApp(browser, { colorScheme: 'dark' });
  const { page } = app;
  await answerWelcome(page, null);
  await startFromHome(page, 'Boundaries');
  await page.getByRole('heading', { level: 1, name: 'Boundaries' }).waitFor();
  await page.getByText('No scripts of your own yet.', { exact: false }).waitFor();

  // Read a ready script and use it as a start.
  await page.locator('summary').filter({ hasText: 'A relative asks about your exam results' }).click();
  await page.getByText("I'm not ready to talk about it yet", { exact: false }).waitFor();
  await expectAccessible(page, 'boundaries, a script open');
  await shot(page, 'boundaries-scripts');
  await page
    .locator('details.script')
    .filter({ hasText: 'A relative asks about your exam results' })
    .getByRole('button', { name: 'Use this as a start' })
    .click();
  await page.getByRole('status').filter({ hasText: 'Copied into your scripts below.' }).waitFor();
  const title = page.getByLabel('Who or what is it for?');
  const words = page.getByLabel("What I'd like to say");
  assert.equal(await title.inputValue(), 'A relative asks about your exam results');
  await title.fill('Chachi at the wedding');
  await words.fill('Thank you for asking, Chachi. I will tell you when I am ready. How is Pinky?');
  await page.waitForTimeout(900);

  // A blank script of one's own, then delete it through the confirmation.
  await page.getByRole('button', { name: 'Write a new script' }).click();
  await page.getByLabel('Who or what is it for?').nth(1).waitFor();
  assert.equal((await keysOf(page, 'boundary_script')).length, 2);
  await page.locator('.own-script').nth(1).getByRole('button', { name: 'Delete script' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this script?' }).waitFor();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByLabel('Who or what is it for?').nth(1).waitFor({ state: 'detached' });
  assert.equal((await keysOf(page, 'boundary_script')).length, 1);

  // Log a boundary held: something else, in my words.
  await page.getByRole('button', { name: 'Save to my log' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose a situation or write what the boundary was.' }).waitFor();
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByLabel(/What was the boundary\?/).fill('Said no to the Sunday shift');
  await page.getByLabel(/How did it feel\?/).fill('4');
  await page.getByLabel('Anything to remember? (optional)').fill('My voice shook, and I still said it.');
  await page.waitForTimeout(900);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel(/What was the boundary\?/).inputValue(), 'Said no to the Sunday shift');
  assert.equal(await page.getByLabel('Who or what is it for?').inputValue(), 'Chachi at the wedding');
  assert.match(await page.getByLabel("What I'd like to say").inputValue(), /How is Pinky\?$/);
  await page.getByRole('button', { name: 'Save to my log' }).click();
  await page.getByRole('status').filter({ hasText: 'Holding a line takes courage' }).waitFor();

  // And one from the ready situations.
  await page.getByRole('radio', { name: 'A friend asks to borrow money' }).check();
  await page.getByLabel(/How did it feel\?/).fill('6');
  await page.getByRole('button', { name: 'Save to my log' }).click();
  const log = page.locator('.log');
  await log.getByText('Said no to the Sunday shift').waitFor();
  await log.getByText('A friend asks to borrow money').waitFor();
  await expectAccessible(page, 'boundaries, with a script and the log');
  await shot(page, 'boundaries-log');

  await page.reload();
  await appReady(page);
  await log.getByText('Said no to the Sunday shift').waitFor();
  await log.getByText('My voice shook, and I still said it.').waitFor();
  await log.getByText('Felt 6 out of 10', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Who or what is it for?').inputValue(), 'Chachi at the wedding');
  assert.equal((await keysOf(page, 'boundary_held')).length, 2);
  assert.deepEqual(await keysOf(page, 'boundary_held_draft'), []);
  await app.done();
});

test('the three practices sit together on the practices hub', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, null);
  await page.goto(new URL('practices', page.url()).href);
  await appReady(page);
  await page.getByRole('heading', { level: 2, name: 'Stand steady on your own' }).waitFor();
  for (const name of ['Time on my own', 'Opening up', 'Boundaries']) {
    await page.getByRole('link', { name: new RegExp(`^${name}`) }).waitFor();
  }
  await app.done();
});

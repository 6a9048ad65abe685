// "Understand": open a reading from home, reflect, go into its exercise and
// back, and find it marked read with the answer kept; take the self-check
// twice and compare.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, answerWelcome, screenshot, expectAccessible, storedData } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test('a reading: reflect, follow it into practice, come back, nothing lost', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await answerWelcome(page, "An exam or studies that didn't go the way I hoped");
  await page.getByRole('link', { name: 'Understand why it hurts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Understand why it hurts' }).waitFor();
  await page.getByText('0 of 7 read').waitFor();
  await expectAccessible(page, 'understand');
  await screenshot(page, 'understand-list');

  await page.getByRole('link', { name: /^When results become the measure of you/ }).click();
  await page.getByRole('heading', { level: 1, name: 'When results become the measure of you' }).waitFor();
  await page.getByText(/The ideas here rest on/).waitFor();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expectAccessible(page, 'reading');
  await screenshot(page, 'understand-reading');
  const question = page.getByLabel(/Which result, rank or title/);
  await question.fill('My JEE rank. That I was only as good as that number.');
  await page.getByRole('status').filter({ hasText: 'Kept' }).waitFor();

  await page.getByRole('link', { name: 'Try a thought record' }).click();
  await page.getByRole('heading', { level: 1, name: /thought record/i }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/thoughts/new');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'When results become the measure of you' }).waitFor();
  await page.getByText("You've read this.").waitFor();

  await page.reload();
  assert.equal(await page.getByLabel(/Which result, rank or title/).inputValue(), 'My JEE rank. That I was only as good as that number.');
  assert.equal(await page.getByRole('button', { name: 'Mark as not read' }).count(), 1);
  // The larger text size is remembered.
  assert.equal(await page.locator('.reading-body.size-1').count(), 1);
  await page.getByRole('link', { name: 'All readings' }).first().click();
  await page.getByText('1 of 7 read').waitFor();

  // Read later on another one.
  await page.getByRole('link', { name: /^Where your sense of worth comes from/ }).click();
  await page.getByRole('button', { name: 'Read later' }).click();
  await page.getByRole('link', { name: 'All readings' }).first().click();
  await page.getByRole('link', { name: /^Where your sense of worth comes from.*Saved for later/ }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: /^Where your sense of worth comes from.*Saved for later/ }).waitFor();
  await app.done();
});

test('the self-check is saved, explained with a picture, and compared when retaken', async () => {
  const app = await openApp(browser, { path: 'understand' });
  const { page } = app;
  await page.getByRole('link', { name: 'Take the reflection' }).click();
  await page.getByRole('heading', { level: 1, name: 'What is my worth leaning on?' }).waitFor();
  await page.getByText(/not a validated test or a diagnosis/).waitFor();
  await expectAccessible(page, 'self-check');
  await page.getByLabel('Grades, marks or work').fill('8');
  await page.getByLabel('Approval from someone special').fill('9');
  await page.getByLabel('How you look').fill('4');
  await page.getByRole('button', { name: 'See my picture' }).click();
  await page.getByRole('heading', { name: 'Your picture' }).waitFor();
  await page.getByRole('img', { name: /Grades, marks or work 8\/10/ }).waitFor();
  await page.getByText(/What pulls most right now: Approval from someone special, Grades, marks or work/).waitFor();
  await page.getByRole('link', { name: 'Read: when worth rides on approval' }).waitFor();
  await expectAccessible(page, 'self-check result');
  await screenshot(page, 'understand-check-result');

  await page.reload();
  await page.getByText("You've taken this reflection 1 time(s).").waitFor();
  await page.getByLabel('Grades, marks or work').fill('5');
  await page.getByLabel('Approval from someone special').fill('9');
  await page.getByRole('button', { name: 'See my picture' }).click();
  const compare = page.getByRole('table');
  await compare.waitFor();
  await compare.getByRole('row', { name: /Grades, marks or work 8 5 \(pulls less\)/ }).waitFor();
  await page.getByText("You've taken this reflection 2 time(s).").waitFor();
  await expectAccessible(page, 'self-check compared');
  await screenshot(page, 'understand-check-compare');
  const checks = Object.keys(await storedData(page)).filter((k) => k.startsWith('gw:worth_check/'));
  assert.equal(checks.length, 2);
  await app.done();
});

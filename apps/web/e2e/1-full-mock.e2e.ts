/**
 * Scenario 1: a student takes the demo's full CPC-style mock (100 items) in the browser: answers
 * every item (keyboard and mouse), flags some, reloads half-way and finds every answer (and the
 * question it was on), reviews, submits, reads the report and the review of every item.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO, type E2E, login, screenshot, startE2E, stopE2E, waitFor } from './harness';
import { type Attempt, attemptIdOf, type MCResponse, Session } from './world';

const EXAM = 'CPC-style mock exam';
const FLAGGED = new Set([3, 17, 42, 50, 77, 99]);

let e2e: E2E;
let student: Session;

beforeAll(async () => {
  e2e = await startE2E();
  student = await Session.open(e2e, DEMO.student);
});
afterAll(async () => {
  await stopE2E(e2e);
});

/** Which option the student picks for question n (1-based) of `count` options. */
const pick = (n: number, count: number) => (n * 7) % count;

/** The question heading, e.g. "Question 12 of 100". */
const questionHeading = (page: Page, n: number, total = 100) =>
  page.getByRole('heading', { name: new RegExp(`^Question ${n} of ${total}\\b`) });

/** Answers question n (already on screen): letters on the keyboard for odd ones, a click for even ones. */
async function answer(page: Page, n: number): Promise<string> {
  await questionHeading(page, n).waitFor();
  const radios = page.getByRole('radio');
  const count = await radios.count();
  expect(count).toBeGreaterThanOrEqual(2);
  const index = pick(n, count);
  if (n % 2 === 1) await page.keyboard.press(String.fromCharCode(97 + index));
  else await radios.nth(index).check();
  const chosen = radios.nth(index);
  await waitFor(`question ${n}'s option ${index + 1} to be checked`, () => chosen.isChecked(), 5000, 50);
  if (FLAGGED.has(n)) {
    if (n % 2 === 1) await page.keyboard.press('f');
    else await page.getByRole('button', { name: 'Flag for review' }).click();
    await waitFor(
      `question ${n} to be flagged`,
      async () =>
        (await page.getByRole('button', { name: 'Flag for review' }).getAttribute('aria-pressed')) === 'true',
      5000,
      50,
    );
  }
  return (await chosen.getAttribute('value')) ?? '';
}

async function next(page: Page, n: number) {
  if (n % 3 === 0) await page.getByRole('button', { name: 'Next', exact: true }).click();
  else await page.keyboard.press('n');
  await questionHeading(page, n + 1).waitFor();
}

/** Every answer and flag the server holds, by position (1-based). */
async function serverAnswers(attemptId: string) {
  const attempt: Attempt = await student.attempt(attemptId);
  const byNumber = new Map<number, { choice: string | null; flagged: boolean }>();
  for (const item of attempt.items)
    byNumber.set(item.position + 1, {
      choice: (item.response as MCResponse | null)?.choice ?? null,
      flagged: item.flagged,
    });
  return { attempt, byNumber };
}

test('a student takes the full CPC-style mock: answers all 100, flags, reloads half-way, submits, reads the report and the review', async () => {
  const { page } = e2e;
  const started = Date.now();
  await login(page, DEMO.student);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByRole('button', { name: `Start ${EXAM}` }).waitFor();
  await screenshot(page, 'student-dashboard', { phone: true, fullPage: true });

  await page.getByRole('button', { name: `Start ${EXAM}` }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page.url());
  await questionHeading(page, 1).waitFor();
  await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/^[34]:\d\d:\d\d$/);
  await screenshot(page, 'exam-question', { phone: true });

  const chosen = new Map<number, string>();
  for (let n = 1; n <= 50; n++) {
    chosen.set(n, await answer(page, n));
    await next(page, n);
  }

  // Half-way: reload at once (saves may still be queued on the device) and find everything again.
  await page.reload();
  await questionHeading(page, 51).waitFor();
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 20_000 })
    .toContain('All answers saved');
  for (let n = 1; n <= 50; n++) {
    const state = `Question ${n}, answered${FLAGGED.has(n) ? ', flagged' : ''}`;
    await page.getByRole('button', { name: state, exact: true }).waitFor({ state: 'attached' });
  }
  const halfway = await serverAnswers(attemptId);
  for (let n = 1; n <= 50; n++) {
    expect(halfway.byNumber.get(n), `question ${n} on the server after the reload`).toEqual({
      choice: chosen.get(n),
      flagged: FLAGGED.has(n),
    });
  }
  // Open a few answered questions from the palette: the chosen option is checked.
  for (const n of [1, 2, 25, 50]) {
    await page.getByRole('button', { name: new RegExp(`^Question ${n}, answered`) }).click();
    await questionHeading(page, n).waitFor();
    await expect
      .poll(() => page.locator(`input[type=radio][value="${chosen.get(n)}"]`).isChecked())
      .toBe(true);
  }
  await page.getByRole('button', { name: /^Question 51, unanswered/ }).click();

  for (let n = 51; n <= 100; n++) {
    chosen.set(n, await answer(page, n));
    if (n < 100) await next(page, n);
  }
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 20_000 })
    .toContain('All answers saved');
  await screenshot(page, 'exam-palette-full', { phone: true });

  // The review before submitting: nothing unanswered, the flagged ones listed.
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.getByRole('heading', { name: 'Review your answers' }).waitFor();
  await page.getByText('100 of 100 questions answered').waitFor();
  await page.getByRole('heading', { name: 'Unanswered questions (0)' }).waitFor();
  await page.getByRole('heading', { name: `Flagged for review (${FLAGGED.size})` }).waitFor();
  const flaggedList = page.getByRole('list', { name: `Flagged for review (${FLAGGED.size})` });
  for (const n of FLAGGED)
    await flaggedList.getByRole('button', { name: `Question ${n}`, exact: true }).waitFor();
  await screenshot(page, 'exam-review-before-submit', { phone: true });

  const final = await serverAnswers(attemptId);
  for (let n = 1; n <= 100; n++)
    expect(final.byNumber.get(n), `question ${n} on the server before submitting`).toEqual({
      choice: chosen.get(n),
      flagged: FLAGGED.has(n),
    });

  await page.getByRole('button', { name: 'Submit exam' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit your exam?' });
  await dialog.waitFor();
  await dialog.getByText('Every question has an answer.').waitFor();
  await screenshot(page, 'exam-submit-dialog');
  await dialog.getByRole('button', { name: 'Yes, submit' }).click();

  // The report.
  await page.waitForURL(new RegExp(`/attempts/${attemptId}/result$`));
  const result = await student.result(attemptId);
  expect(result.status).toBe('submitted');
  expect(result.submitReason).toBe('student');
  expect(result.answered).toBe(100);
  await page.getByRole('heading', { name: `${EXAM}: result`, level: 1 }).waitFor();
  await page.getByText(result.passed ? 'Passed' : 'Not passed', { exact: true }).waitFor();
  await page.getByText('100 of 100 scored items').waitFor();
  await page.getByText('You submitted this attempt').waitFor();
  const byDomain = page.getByRole('region', { name: 'Score by domain' });
  await byDomain.getByText('Score by domain as a table').click();
  await byDomain.getByRole('columnheader', { name: 'Domain' }).waitFor();
  expect(await byDomain.getByRole('row').count()).toBeGreaterThanOrEqual(17); // header + 17 CPC domains
  await screenshot(page, 'student-result', { phone: true, fullPage: true });

  // The review of every item: the student's answer and the key, flagged ones marked.
  await page.getByRole('link', { name: 'Review your answers' }).click();
  await page.waitForURL(new RegExp(`/attempts/${attemptId}/review$`));
  await page.getByText('Showing 100 of 100 items.').waitFor();
  expect(await page.getByRole('article').count()).toBe(100);
  for (const n of [1, 50, 100]) {
    const item = final.attempt.items.find((i) => i.position + 1 === n);
    const optionText = item?.item.options?.find((o) => o.id === chosen.get(n))?.text ?? '';
    const article = page.getByRole('article', { name: `Question ${n}`, exact: true });
    await article.getByText('Correct answer', { exact: true }).waitFor();
    const yours = article.getByRole('listitem').filter({ hasText: 'Your answer' });
    expect(await yours.count()).toBe(1);
    expect(await yours.textContent()).toContain(optionText);
  }
  await screenshot(page, 'student-review', { phone: true });
  await page.getByRole('radio', { name: /^Flagged/ }).check();
  await page.getByText(`Showing ${FLAGGED.size} of 100 items.`).waitFor();
  console.log(`scenario 1 took ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
});

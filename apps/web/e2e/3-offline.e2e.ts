/**
 * Scenario 3: the network goes away while the student answers, and nothing is lost.
 *
 * Part 1, the server is unreachable (every /api request is aborted while the browser still thinks
 * it is online): answers and a flag are entered, one answer is changed twice; the screen says
 * "Offline, will retry", the server has none of them; the requests come back, the queue is sent
 * in order and every answer (the last choice of the changed one) and the flag are on the server.
 *
 * Part 2, the browser goes offline (navigator.onLine false): more answers; back online, they sync.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO, type E2E, login, screenshot, startE2E, stopE2E, waitFor } from './harness';
import { type Attempt, attemptIdOf, type MCResponse, Session } from './world';

const EXAM = 'CPC-style mock exam';

let e2e: E2E;
let student: Session;

beforeAll(async () => {
  e2e = await startE2E();
  student = await Session.open(e2e, DEMO.student);
});
afterAll(async () => {
  await stopE2E(e2e);
});

const heading = (page: Page, n: number) =>
  page.getByRole('heading', { name: new RegExp(`^Question ${n} of 100\\b`) });

/** Chooses option `index` of question n (on screen) by clicking it; returns the option's id. */
async function choose(page: Page, n: number, index: number): Promise<string> {
  await heading(page, n).waitFor();
  const radio = page.getByRole('radio').nth(index);
  await radio.check();
  return (await radio.getAttribute('value')) ?? '';
}

async function goNext(page: Page, n: number) {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await heading(page, n + 1).waitFor();
}

/** What the server holds, by question number. */
async function onServer(attemptId: string) {
  const attempt: Attempt = await student.attempt(attemptId);
  const out = new Map<number, { choice: string | null; flagged: boolean; seq: number }>();
  for (const item of attempt.items)
    out.set(item.position + 1, {
      choice: (item.response as MCResponse | null)?.choice ?? null,
      flagged: item.flagged,
      seq: item.seq,
    });
  return out;
}

const saveStatus = (page: Page) => page.getByTestId('save-status');

test('answers entered while the network is cut reach the server, in order, when it returns', async () => {
  const { page, context } = e2e;
  await login(page, DEMO.student);
  await page.getByRole('button', { name: `Start ${EXAM}` }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page.url());
  const chosen = new Map<number, string>();

  // Online: question 1 is saved as usual.
  chosen.set(1, await choose(page, 1, 0));
  await expect.poll(() => saveStatus(page).textContent()).toContain('All answers saved');
  await goNext(page, 1);

  // ---- part 1: every API request fails (the server cannot be reached).
  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  chosen.set(2, await choose(page, 2, 1));
  await expect
    .poll(() => saveStatus(page).textContent(), { timeout: 15_000 })
    .toContain('Offline, will retry');
  await goNext(page, 2);
  await choose(page, 3, 0); // changed below: the last choice must win
  await page.getByRole('button', { name: 'Flag for review' }).click();
  chosen.set(3, await choose(page, 3, 2));
  await goNext(page, 3);
  chosen.set(4, await choose(page, 4, 3));
  await page.getByRole('button', { name: /^Question 2, answered/ }).click();
  chosen.set(2, await choose(page, 2, 3)); // question 2 changed again, after 3 and 4
  await page.getByRole('button', { name: /^Question 5, unanswered/ }).click();
  await heading(page, 5).waitFor();
  await expect
    .poll(() => saveStatus(page).textContent())
    .toMatch(/Offline, will retry \(\d+ changes? kept on this device\)/);
  await screenshot(page, 'exam-offline', { phone: true });

  const during = await onServer(attemptId);
  expect(during.get(1)?.choice).toBe(chosen.get(1));
  for (const n of [2, 3, 4]) expect(during.get(n)?.choice, `question ${n} while cut off`).toBeNull();
  expect(during.get(3)?.flagged).toBe(false);

  // The network returns: the queue drains (on its retry timer) and the screen says so.
  await page.unroute('**/api/**');
  await expect
    .poll(() => saveStatus(page).textContent(), { timeout: 45_000, interval: 500 })
    .toContain('All answers saved');
  const after = await onServer(attemptId);
  for (const n of [1, 2, 3, 4])
    expect(after.get(n)?.choice, `question ${n} after the network returned`).toBe(chosen.get(n));
  expect(after.get(3)?.flagged).toBe(true);
  expect(after.get(5)?.choice).toBeNull();
  // Question 2 was saved twice in order: its last save carries the higher sequence number.
  expect(after.get(2)?.seq ?? 0).toBeGreaterThan(after.get(1)?.seq ?? 0);

  // ---- part 2: the browser itself goes offline.
  await context.setOffline(true);
  chosen.set(5, await choose(page, 5, 1));
  await goNext(page, 5);
  chosen.set(6, await choose(page, 6, 2));
  await expect
    .poll(() => saveStatus(page).textContent(), { timeout: 15_000 })
    .toContain('Offline, will retry');
  const offline = await onServer(attemptId);
  expect(offline.get(5)?.choice).toBeNull();
  expect(offline.get(6)?.choice).toBeNull();

  await context.setOffline(false);
  await expect
    .poll(() => saveStatus(page).textContent(), { timeout: 45_000, interval: 500 })
    .toContain('All answers saved');
  const final = await onServer(attemptId);
  for (const n of [1, 2, 3, 4, 5, 6])
    expect(final.get(n)?.choice, `question ${n} at the end`).toBe(chosen.get(n));
  for (let n = 7; n <= 100; n++) expect(final.get(n)?.choice).toBeNull();

  // And the screen agrees after a reload.
  await page.reload();
  await heading(page, 6).waitFor();
  for (const n of [1, 2, 3, 4, 5, 6])
    await page
      .getByRole('button', { name: `Question ${n}, answered${n === 3 ? ', flagged' : ''}`, exact: true })
      .waitFor({ state: 'attached' });
  await waitFor('question 6 still chosen', () =>
    page.locator(`input[type=radio][value="${chosen.get(6)}"]`).isChecked(),
  );
});

/**
 * Scenario 2: time runs out. The instructor (through the API, with their own session) builds a
 * 1-minute exam from a custom blueprint (a warning at 30 seconds left, no grace) and assigns it
 * to the demo cohort. The student starts it in the browser, answers two of its five items and
 * never submits: the countdown runs on the server's deadline, the warning is announced, the
 * server's expiry job submits the attempt (reason "expired"), and the student lands on the result.
 *
 * The server's clock is real here: this scenario takes about 60-80 seconds (1 minute of exam,
 * then up to 15 seconds until the server's expiry job runs).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO, type E2E, login, screenshot, startE2E, stopE2E } from './harness';
import { attemptIdOf, type MCResponse, Session } from './world';

const EXAM = 'Timed quiz (1 minute)';

let e2e: E2E;
let instructor: Session;
let student: Session;

beforeAll(async () => {
  e2e = await startE2E();
  instructor = await Session.open(e2e, DEMO.instructor);
  student = await Session.open(e2e, DEMO.student);
  const bank = await instructor.bankNamed(/CPC/);
  const exam = await instructor.createExam({
    name: EXAM,
    mode: 'exam',
    bankIds: [bank.id],
    blueprint: {
      id: 'e2e-timed-1-minute',
      name: EXAM,
      style: 'custom',
      passPercent: 70,
      clock: { mode: 'shared', limitMinutes: 1 },
      warningMinutes: [0.5],
      graceSeconds: 0,
      sections: [{ id: 'quiz', title: 'Quiz', rules: [{ domain: 'evaluation-management', count: 5 }] }],
    },
  });
  expect(exam.itemCount).toBe(5);
  const cohort = await instructor.demoCohort();
  await instructor.assign(cohort.id, exam.id);
});
afterAll(async () => {
  await stopE2E(e2e);
});

test('time runs out: the server submits the attempt and the student sees the result', async () => {
  const { page } = e2e;
  await login(page, DEMO.student);
  const start = page.getByRole('button', { name: `Start ${EXAM}` });
  await start.waitFor();
  await start.click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page.url());
  const startedAt = Date.now();

  // The countdown follows the server's deadline: at most a minute.
  const timer = page.getByRole('timer');
  await expect.poll(() => timer.textContent()).toMatch(/^(1:00|0:[0-5]\d)$/);
  expect(await timer.getAttribute('aria-label')).toMatch(/^Time left: /);
  const view = await student.attempt(attemptId);
  expect(view.deadline).not.toBeNull();
  expect((view.deadline ?? 0) - view.now).toBeLessThanOrEqual(60_000);

  // Two answers of five, then the student just waits.
  await page.getByRole('heading', { name: /^Question 1 of 5\b/ }).waitFor();
  await page.keyboard.press('b');
  await page.keyboard.press('n');
  await page.getByRole('heading', { name: /^Question 2 of 5\b/ }).waitFor();
  await page.getByRole('radio').first().check();
  await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('All answers saved');
  await screenshot(page, 'exam-timed', { phone: true });

  // The 30-seconds-left warning, in an assertive live region.
  await page
    .getByRole('alert')
    .filter({ hasText: /(30 seconds|0\.5 minutes?) left/ })
    .waitFor({ timeout: 45_000 });
  await screenshot(page, 'exam-time-warning', { phone: true });

  // Time up: the client stops taking answers and waits for the server's submission (announced
  // while it waits; the wait can be very short when the server's job runs right at the deadline).
  const timeUp = page.getByText('Time is up — submitting');
  const resultUrl = new RegExp(`/attempts/${attemptId}/result$`);
  await Promise.race([timeUp.waitFor({ timeout: 45_000 }), page.waitForURL(resultUrl, { timeout: 45_000 })]);
  if (await timeUp.isVisible()) await screenshot(page, 'exam-time-up', { phone: true });
  await page.waitForURL(resultUrl, { timeout: 60_000 });
  await page.getByText('Time ran out, so your attempt was submitted automatically').waitFor();
  await page.getByText('2 of 5 scored items').waitFor();
  await screenshot(page, 'student-result-expired', { phone: true });

  const result = await student.result(attemptId);
  expect(result.status).toBe('submitted');
  expect(result.submitReason).toBe('expired');
  expect(result.answered).toBe(2);
  const after = await student.attempt(attemptId);
  expect(after.status).toBe('submitted');
  expect(after.items.filter((i) => (i.response as MCResponse | null)?.choice).length).toBe(2);
  console.log(
    `scenario 2: the result showed ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the start`,
  );
});

/**
 * Scenario 5: axe-core (injected from its package) on every main screen, in the states a person
 * meets them. The exam (question, review before submit, submit dialog, at desktop and phone
 * width), the result and the review, the bank editor and the student dashboard must have no
 * serious or critical violation; the other screens are scanned too, and the test fails on theirs
 * as well. Every violation is printed with its rule, help and elements.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type AxeViolation,
  axeScan,
  DEMO,
  DESKTOP,
  type E2E,
  formatViolations,
  login,
  logout,
  PHONE,
  screenshot,
  startE2E,
  stopE2E,
} from './harness';
import { attemptIdOf, Session } from './world';

let e2e: E2E;
const findings: { page: string; violations: AxeViolation[] }[] = [];

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

/** Scans the page as it is now (and at phone width when asked) and records what axe found. */
async function scan(page: Page, label: string, options: { phone?: boolean } = {}) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  findings.push({ page: label, violations: await axeScan(page, label) });
  if (options.phone) {
    await page.setViewportSize({ ...PHONE });
    findings.push({ page: `${label} (phone)`, violations: await axeScan(page, `${label} (phone)`) });
    await page.setViewportSize({ ...DESKTOP });
  }
}

function report(labels: RegExp) {
  const failing = findings.filter((f) => labels.test(f.page) && f.violations.length > 0);
  return failing.map((f) => `${f.page}:\n${formatViolations(f.violations)}`).join('\n');
}

test('the student screens have no serious or critical axe-core violations', async () => {
  const { page } = e2e;
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Log in to CoderPrep' }).waitFor();
  await scan(page, 'login', { phone: true });
  await page.goto('/signup');
  await page.getByRole('heading', { name: 'Create your CoderPrep account' }).waitFor();
  await scan(page, 'signup');

  await login(page, DEMO.student);
  await page.getByRole('button', { name: 'Start CPC-style mock exam' }).waitFor();
  await scan(page, 'dashboard', { phone: true });
  await page.goto('/join');
  await page.getByRole('heading', { name: 'Join a cohort', level: 1 }).waitFor();
  await scan(page, 'join', { phone: true });

  // The exam: a question answered and flagged, the palette, the review screen and the dialog.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Start CPC-style mock exam' }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page.url());
  await page.getByRole('heading', { name: /^Question 1 of 100\b/ }).waitFor();
  await page.keyboard.press('c');
  await page.keyboard.press('f');
  await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('All answers saved');
  await scan(page, 'exam question', { phone: true });
  await page.setViewportSize({ ...PHONE });
  await page.getByRole('button', { name: 'Show question palette' }).click();
  await scan(page, 'exam palette open (phone)');
  await screenshot(page, 'exam-palette-open', { phoneOnly: true });
  await page.setViewportSize({ ...DESKTOP });
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.getByRole('heading', { name: 'Review your answers' }).waitFor();
  await scan(page, 'exam review before submit', { phone: true });
  await page.getByRole('button', { name: 'Submit exam' }).click();
  await page.getByRole('dialog', { name: 'Submit your exam?' }).waitFor();
  await scan(page, 'exam submit dialog');
  await page.getByRole('button', { name: 'Yes, submit' }).click();

  // The result and the review.
  await page.waitForURL(new RegExp(`/attempts/${attemptId}/result$`));
  await page.getByRole('heading', { name: 'CPC-style mock exam: result', level: 1 }).waitFor();
  await page.getByText('Score by domain as a table').click();
  await scan(page, 'result', { phone: true });
  await page.getByRole('link', { name: 'Review your answers' }).click();
  await page.getByText('Showing 100 of 100 items.').waitFor();
  await scan(page, 'review', { phone: true });

  // Practice: the feedback shown right after an answer.
  await page.goto('/dashboard');
  await page.getByRole('button', { name: /^Start CPC practice set/ }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  await page.getByRole('heading', { name: /^Question 1 of 20\b/ }).waitFor();
  await page.keyboard.press('a');
  await page.getByRole('region', { name: 'Feedback' }).waitFor();
  await scan(page, 'practice question with feedback', { phone: true });
  await screenshot(page, 'practice-feedback', { phone: true });

  // The dashboard once there is history (chart, past attempts, weak domains).
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: 'Past attempts' }).waitFor();
  await page.getByRole('heading', { name: 'Scores over time' }).waitFor();
  await scan(page, 'dashboard with history', { phone: true });
  await screenshot(page, 'student-dashboard-history', { phone: true, fullPage: true });
  await logout(page);

  const required = /^(dashboard|exam|result|review|practice)/;
  expect(report(required), 'serious or critical axe-core violations on student screens').toBe('');
  expect(report(/^(login|signup|join)/), 'serious or critical axe-core violations on sign-in screens').toBe(
    '',
  );
});

test('the staff screens have no serious or critical axe-core violations', async () => {
  const { page } = e2e;
  const instructor = await Session.open(e2e, DEMO.instructor);
  const bank = await instructor.bankNamed(/CPC/);
  const cohort = await instructor.demoCohort();
  const assignments = await instructor.get<{ items: { id: string; examName: string }[] }>(
    `/api/orgs/${instructor.orgId}/cohorts/${cohort.id}/assignments`,
  );
  const cpc = assignments.items.find((a) => a.examName === 'CPC-style mock exam');
  // A second submitted attempt, so the results page shows its item analysis too.
  if (cpc) {
    const student = await Session.open(e2e, DEMO.student);
    const attempt = await student.post<{ id: string }>(`/api/assignments/${cpc.id}/attempts`);
    await student.post(`/api/attempts/${attempt.id}/submit`);
  }

  await login(page, DEMO.instructor);
  await page.goto('/staff/banks');
  await page.getByRole('heading', { name: 'Question banks', level: 1 }).waitFor();
  await scan(page, 'banks');
  await screenshot(page, 'staff-banks');
  await page.goto(`/staff/banks/${bank.id}`);
  await page.getByRole('heading', { name: 'Items', exact: true }).waitFor();
  await scan(page, 'bank items');
  await screenshot(page, 'staff-bank-items');

  // The bank editor: a new fill-in item with its error summary, and an existing item.
  await page.goto(`/staff/banks/${bank.id}/items/new`);
  await page.getByRole('heading', { name: 'New item', level: 1 }).waitFor();
  await page.getByRole('radio', { name: 'Fill-in' }).check();
  await page.getByRole('button', { name: 'Save item' }).click();
  await page.getByRole('alert').first().waitFor();
  await scan(page, 'bank editor (new fill-in, errors shown)');
  await page.getByRole('radio', { name: 'Scenario' }).check();
  await scan(page, 'bank editor (new scenario)');
  await screenshot(page, 'staff-item-editor-scenario');
  await page.goto(`/staff/banks/${bank.id}`);
  await page
    .getByRole('link', { name: /^Edit / })
    .first()
    .click();
  await page.getByRole('heading', { name: /^Edit item /, level: 1 }).waitFor();
  await scan(page, 'bank editor (existing item)');

  await page.goto('/staff/exams');
  await page.getByRole('heading', { name: 'Exams', level: 1 }).waitFor();
  await scan(page, 'exams');
  await screenshot(page, 'staff-exams');
  await page.goto('/staff/exams/new');
  await page.getByRole('heading', { name: 'Build an exam', level: 1 }).waitFor();
  await page.getByRole('checkbox', { name: /^CoderPrep CPC-style practice bank/ }).check();
  await page.getByRole('button', { name: 'Check supply' }).click();
  await page
    .getByRole('region', { name: 'Items in the banks against the blueprint' })
    .getByRole('table')
    .first()
    .waitFor();
  await scan(page, 'exam builder (preset)');
  await screenshot(page, 'staff-exam-builder-preset');
  await page.getByRole('radio', { name: 'Custom blueprint' }).check();
  await scan(page, 'exam builder (custom)');

  await page.goto('/staff/cohorts');
  await page.getByRole('heading', { name: 'Cohorts', level: 1 }).waitFor();
  await scan(page, 'cohorts');
  await page.goto(`/staff/cohorts/${cohort.id}`);
  await page.getByRole('heading', { name: 'Roster' }).waitFor();
  await scan(page, 'cohort');
  if (cpc) {
    await page.goto(`/staff/assignments/${cpc.id}/results`);
    await page.getByRole('heading', { name: 'Results: CPC-style mock exam', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Test statistics' }).waitFor();
    await scan(page, 'assignment results with item analysis');
    await screenshot(page, 'staff-assignment-results');
    await page
      .getByRole('heading', { name: 'Item analysis', level: 2 })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'staff-item-analysis');
  }
  await logout(page);

  await login(page, DEMO.admin);
  await page.goto('/admin/members');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await scan(page, 'members');
  await screenshot(page, 'admin-members');

  expect(report(/^bank editor/), 'serious or critical axe-core violations in the bank editor').toBe('');
  expect(report(/^(?!bank editor)/), 'serious or critical axe-core violations on staff screens').toBe('');
});

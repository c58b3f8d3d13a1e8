/**
 * Scenario 4, all through the UI: an instructor creates a bank and writes a fill-in item in the
 * editor (its inline validation first), builds an exam from it with a custom blueprint (checking
 * the supply), creates a cohort and assigns the exam. A new student signs up and joins with the
 * cohort's code; the instructor gives them 1.5x time in the roster; the student sees the longer
 * limit on the dashboard and the longer clock in the exam, answers the fill-in and gets it right.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO, type E2E, login, logout, screenshot, signup, startE2E, stopE2E } from './harness';
import { attemptIdOf, Session } from './world';

const BANK = 'E2E fill-in bank';
const DOMAIN = 'e2e-diagnosis-coding';
const EXAM = 'Diagnosis coding check (E2E)';
const COHORT = 'E2E evening cohort';
const STUDENT = { name: 'Riley Newcomer', email: 'riley.newcomer@e2e.test', password: 'a-long-e2e-password' };
const LIMIT_MINUTES = 20;

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

/** A datetime-local value `offsetMs` from now, in the browser's time zone. */
function localDateTime(page: Page, offsetMs: number): Promise<string> {
  return page.evaluate((offset) => {
    const d = new Date(Date.now() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, offsetMs);
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Minutes on a countdown such as "29:58" or "1:29:58". */
function clockMinutes(text: string): number {
  const parts = text.split(':').map(Number);
  const [h, m, s] = parts.length === 3 ? parts : [0, ...parts];
  return (h ?? 0) * 60 + (m ?? 0) + (s ?? 0) / 60;
}

test('an instructor writes a fill-in item, builds and assigns an exam; a new student with 1.5x time joins and sees the longer clock', async () => {
  const { page } = e2e;
  const started = Date.now();

  // ---- the instructor: a bank and a fill-in item
  await login(page, DEMO.instructor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Banks' }).click();
  await page.getByRole('heading', { name: 'Question banks', level: 1 }).waitFor();
  await page.getByLabel('Bank name').fill(BANK);
  await page.getByRole('button', { name: 'Create bank' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Created ${BANK}.` })
    .waitFor();
  await page.getByRole('link', { name: 'Write its first item' }).click();
  await page.getByRole('heading', { name: 'New item', level: 1 }).waitFor();
  await page.getByRole('radio', { name: 'Fill-in' }).check();

  // Inline validation: saving an empty item names its problems on their fields.
  await page.getByRole('button', { name: 'Save item' }).click();
  await page
    .getByRole('alert')
    .getByRole('heading', { name: /problems? with this item/ })
    .waitFor();
  await expect
    .poll(() => page.getByRole('textbox', { name: 'Stem' }).getAttribute('aria-invalid'))
    .toBe('true');

  await page.getByRole('textbox', { name: 'Item id' }).fill('e2e-dx-001');
  await page.getByRole('combobox', { name: 'Domain' }).fill(DOMAIN);
  await page
    .getByRole('textbox', { name: 'Stem' })
    .fill(
      'A 58-year-old established patient is seen for type 2 diabetes mellitus without complications. Code the diagnosis.',
    );
  await page.getByRole('combobox', { name: 'Blank 1 kind' }).selectOption({ label: 'ICD-10-CM code' });
  await page.getByRole('textbox', { name: 'Blank 1 label' }).fill('ICD-10-CM code of the diagnosis');
  await page.getByRole('textbox', { name: 'Blank 1 accepted answer 1' }).fill('E11.9');
  await page
    .getByRole('textbox', { name: 'Rationale' })
    .fill('E11.9: type 2 diabetes mellitus without complications (ICD-10-CM Tabular, E11).');
  const preview = page.getByRole('article', { name: 'The item as a student sees it' });
  await preview.getByText('type 2 diabetes mellitus without complications', { exact: false }).waitFor();
  await screenshot(page, 'staff-item-editor-fill-in', { fullPage: true });
  await page.getByRole('button', { name: 'Save item' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
  await page.getByRole('heading', { name: 'Edit item e2e-dx-001', level: 1 }).waitFor();

  // ---- an exam from a custom blueprint over that bank
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exams' }).click();
  await page.getByRole('link', { name: 'Build an exam' }).click();
  await page.getByRole('heading', { name: 'Build an exam', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: 'Exam name' }).fill(EXAM);
  await page.getByRole('combobox', { name: 'Mode' }).selectOption({ label: 'Exam' });
  await page.getByRole('checkbox', { name: new RegExp(`^${literally(BANK)} \\(1 active item`) }).check();
  await page.getByRole('radio', { name: 'Custom blueprint' }).check();
  const blueprint = page.getByRole('group', { name: 'Custom blueprint' });
  await blueprint.getByRole('spinbutton', { name: 'Time limit (minutes)' }).fill(String(LIMIT_MINUTES));
  await blueprint.getByRole('textbox', { name: 'Warnings (minutes left)' }).fill('5');
  const section = blueprint.getByRole('group', { name: 'Section 1' });
  await section.getByRole('textbox', { name: 'Title' }).fill('Diagnosis coding');
  const rule = section.getByRole('group', { name: 'Rule 1' });
  await rule.getByRole('combobox', { name: 'Draw by' }).selectOption({ label: 'Domain' });
  await rule.getByRole('combobox', { name: 'Domain' }).fill(DOMAIN);
  await rule.getByRole('spinbutton', { name: 'Items' }).fill('1');
  const supply = page.getByRole('region', { name: 'Items in the banks against the blueprint' });
  await supply.getByRole('button', { name: 'Check supply' }).click();
  await supply
    .getByRole('cell', { name: DOMAIN })
    .or(supply.getByRole('rowheader', { name: DOMAIN }))
    .first()
    .waitFor();
  await screenshot(page, 'staff-exam-builder-custom', { fullPage: true });
  await page.getByRole('button', { name: 'Save exam' }).click();
  await page.getByText(`${EXAM} was saved.`).waitFor();

  // ---- a cohort, and the exam assigned to it
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohorts' }).click();
  await page.getByRole('textbox', { name: 'Cohort name' }).fill(COHORT);
  await page.getByRole('button', { name: 'Create cohort' }).click();
  await page.getByRole('heading', { name: COHORT, level: 1 }).waitFor();
  const assign = page.getByRole('form', { name: 'Assign an exam' });
  const examSelect = assign.getByRole('combobox', { name: 'Exam' });
  const examOption = examSelect.locator('option', { hasText: EXAM });
  console.log(`the assignment form offers the exam as "${await examOption.textContent()}"`);
  await examSelect.selectOption((await examOption.getAttribute('value')) ?? '');
  await assign.getByRole('textbox', { name: 'Opens' }).fill(await localDateTime(page, -3600_000));
  await assign.getByRole('textbox', { name: 'Closes' }).fill(await localDateTime(page, 7 * 24 * 3600_000));
  await assign.getByRole('spinbutton', { name: 'Attempts allowed' }).fill('2');
  await assign.getByRole('button', { name: 'Assign exam' }).click();
  await page
    .getByRole('table', { name: 'Assignments of the cohort' })
    .getByRole('rowheader', { name: new RegExp(`^${literally(EXAM)}`) })
    .waitFor();
  const joinCode = (
    await page
      .getByRole('region', { name: 'Join code' })
      .getByText(/^[A-HJ-NP-Z2-9]{8}$/)
      .textContent()
  )?.trim();
  expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  const cohortUrl = page.url();
  await logout(page);

  // ---- a new student signs up and joins with the code
  await signup(page, STUDENT.name, STUDENT.email, STUDENT.password);
  await page.getByRole('heading', { name: 'Join a cohort', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: 'Join code' }).fill(joinCode?.toLowerCase() ?? '');
  await screenshot(page, 'student-join', { phone: true });
  await page.getByRole('button', { name: 'Join cohort' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByText(COHORT).first().waitFor();
  const card = page.getByRole('listitem', { name: EXAM });
  await card.getByText(`${LIMIT_MINUTES} min`, { exact: true }).waitFor();
  await logout(page);

  // ---- the instructor gives them 1.5x time
  await login(page, DEMO.instructor);
  await page.goto(new URL(cohortUrl).pathname);
  const roster = page.getByRole('table', { name: 'Members of the cohort with their accommodations' });
  await roster
    .getByRole('combobox', { name: `Time factor for ${STUDENT.name}` })
    .selectOption({ label: '1.5×' });
  await roster.getByRole('button', { name: `Save accommodations for ${STUDENT.name}` }).click();
  await expect
    .poll(() => roster.getByRole('button', { name: `Save accommodations for ${STUDENT.name}` }).isDisabled())
    .toBe(true);
  await screenshot(page, 'staff-cohort', { fullPage: true });
  const instructor = await Session.open(e2e, DEMO.instructor);
  const cohort = (await instructor.cohorts()).find((c) => c.name === COHORT);
  const members = await instructor.get<{ items: { email: string; timeFactor: number }[] }>(
    `/api/orgs/${instructor.orgId}/cohorts/${cohort?.id}/members`,
  );
  expect(members.items.find((m) => m.email === STUDENT.email)?.timeFactor).toBe(1.5);
  await logout(page);

  // ---- the student sees the longer limit and the longer clock
  await login(page, STUDENT.email, STUDENT.password);
  const longer = LIMIT_MINUTES * 1.5;
  const studentCard = page.getByRole('listitem', { name: EXAM });
  await studentCard.getByText(`${longer} min`).waitFor();
  await studentCard.getByText(/1\.5× extra time; standard 20 min/).waitFor();
  await screenshot(page, 'student-dashboard-accommodated', { phone: true });
  await studentCard.getByRole('button', { name: `Start ${EXAM}` }).click();
  await page.waitForURL(/\/attempts\/[^/]+$/);
  const attemptId = attemptIdOf(page.url());
  const timer = page.getByRole('timer');
  await expect.poll(async () => clockMinutes((await timer.textContent()) ?? '0')).toBeGreaterThan(longer - 1);
  expect(clockMinutes((await timer.textContent()) ?? '0')).toBeLessThanOrEqual(longer);
  const student = await Session.open(e2e, STUDENT.email, STUDENT.password);
  const view = await student.attempt(attemptId);
  expect(view.timeFactor).toBe(1.5);
  expect((view.deadline ?? 0) - view.now).toBeGreaterThan((longer - 1) * 60_000);

  // The fill-in as the student sees it: typed, saved, graded right.
  const field = page.getByRole('textbox', { name: 'ICD-10-CM code of the diagnosis' });
  await field.fill('e11.9');
  await expect.poll(() => page.getByTestId('save-status').textContent()).toContain('All answers saved');
  await screenshot(page, 'exam-fill-in', { phone: true });
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.getByRole('button', { name: 'Submit exam' }).click();
  await page
    .getByRole('dialog', { name: 'Submit your exam?' })
    .getByRole('button', { name: 'Yes, submit' })
    .click();
  await page.waitForURL(/\/result$/);
  const result = await student.result(attemptId);
  expect(result.scorePercent).toBe(100);
  await page.getByText('Passed', { exact: true }).waitFor();
  console.log(`scenario 4 took ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../testing/fixtures';
import { addStudent, insertAttempt, mc } from './test-attempts';

const MINUTE = 60_000;
const FORMULA_NAME = '=HYPERLINK("http://evil.test","x")';
const QUOTED_NAME = 'Bob, "The Builder"';

/** Answers to the six items the small blueprint draws; `wrong` lists the ones answered A. */
const answers = (...wrong: string[]) =>
  Object.fromEntries(
    ['anat-1', 'anat-2', 'anat-3', 'anat-4', 'rad-1', 'rad-2'].map((id) => [
      id,
      mc(wrong.includes(id) ? 'A' : 'B'),
    ]),
  );

describe('results of an assignment', () => {
  let world: World;
  let t0: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    world = await createWorld();
    t0 = world.deps.clock.now();
    const student = world.a.userIds.student; // "student A"
    ids.bob = addStudent(world, QUOTED_NAME, { email: 'bob@fixture.test', extraAttempts: 1 });
    ids.formula = addStudent(world, FORMULA_NAME, { email: 'f@fixture.test' });
    ids.carla = addStudent(world, 'Carla');
    ids.dan = addStudent(world, 'Dan');
    ids.eve = addStudent(world, 'Eve', { inCohort: false });
    // student A: 5/6 first, then 4/6: best 83.33, latest 66.67.
    ids.aFirst = insertAttempt(world, {
      userId: student,
      answers: answers('rad-2'),
      submittedAt: t0 + 1 * MINUTE,
    }).id;
    ids.aLatest = insertAttempt(world, {
      userId: student,
      answers: answers('anat-4', 'rad-2'),
      submittedAt: t0 + 5 * MINUTE,
      timeSpentMs: 90_000,
    }).id;
    ids.bobAttempt = insertAttempt(world, {
      userId: ids.bob,
      answers: answers(),
      submittedAt: t0 + 2 * MINUTE,
    }).id;
    insertAttempt(world, {
      userId: ids.formula,
      answers: answers('anat-3', 'anat-4', 'rad-1', 'rad-2'),
      submittedAt: t0 + 3 * MINUTE,
    });
    insertAttempt(world, { userId: ids.dan, answers: answers(), status: 'in-progress' });
    insertAttempt(world, {
      userId: ids.eve,
      answers: answers('anat-3', 'anat-4'),
      submittedAt: t0 + 4 * MINUTE,
    });
  });

  const get = (query = '') =>
    world.a.agents.instructor.get(
      `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/results${query}`,
    );

  it('lists one line per student with attempts, best and latest percent, pass, domains, time and status', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body.assignment).toMatchObject({
      id: world.a.assignmentId,
      examId: world.a.examId,
      examName: 'Small mock',
      cohortName: 'Cohort A',
      attemptLimit: 2,
      passPercent: 70,
    });
    expect(res.body.domains).toEqual(['anatomy', 'radiology']);
    const byName = new Map(res.body.students.items.map((s: { name: string }) => [s.name, s]));
    expect(byName.get('student A')).toEqual({
      userId: world.a.userIds.student,
      name: 'student A',
      email: world.a.emails.student,
      inCohort: true,
      status: 'submitted',
      attemptsUsed: 2,
      attemptsAllowed: 2,
      bestPercent: 83.33,
      latestPercent: 66.67,
      passed: true,
      byDomain: [
        { domain: 'anatomy', percent: 75, earned: 3, possible: 4 },
        { domain: 'radiology', percent: 50, earned: 1, possible: 2 },
      ],
      timeUsedMs: 6 * 90_000,
      submittedAt: t0 + 5 * MINUTE,
      latestAttemptId: ids.aLatest,
    });
    expect(byName.get(QUOTED_NAME)).toMatchObject({
      attemptsUsed: 1,
      attemptsAllowed: 3,
      bestPercent: 100,
      passed: true,
      status: 'submitted',
    });
    expect(byName.get(FORMULA_NAME)).toMatchObject({ bestPercent: 33.33, passed: false });
    expect(byName.get('Carla')).toMatchObject({
      status: 'not-started',
      attemptsUsed: 0,
      bestPercent: null,
      latestPercent: null,
      passed: null,
      byDomain: [],
      timeUsedMs: null,
      submittedAt: null,
      latestAttemptId: null,
    });
    expect(byName.get('Dan')).toMatchObject({
      status: 'in-progress',
      attemptsUsed: 1,
      bestPercent: null,
      passed: null,
    });
    // Eve left the cohort after her attempt: still listed, marked as such.
    expect(byName.get('Eve')).toMatchObject({ inCohort: false, bestPercent: 66.67, passed: false });
    // Staff are not students of the cohort: no line for the instructor.
    expect(byName.has('instructor A')).toBe(false);
  });

  it('summarises the best percent of every student with a submission', async () => {
    const res = await get();
    expect(res.body.summary).toEqual({
      students: 6,
      notStarted: 1,
      inProgress: 1,
      submitted: 4,
      mean: 70.83, // (83.33 + 100 + 33.33 + 66.67) / 4
      median: 75, // (66.67 + 83.33) / 2
      passRate: 50,
    });
  });

  it('sorts by name, score or submission time, either way, with missing values last', async () => {
    const names = async (query: string) =>
      (await get(query)).body.students.items.map((s: { name: string }) => s.name);
    expect(await names('')).toEqual([FORMULA_NAME, QUOTED_NAME, 'Carla', 'Dan', 'Eve', 'student A']);
    expect(await names('?sort=name&order=desc')).toEqual([
      'student A',
      'Eve',
      'Dan',
      'Carla',
      QUOTED_NAME,
      FORMULA_NAME,
    ]);
    expect(await names('?sort=score&order=desc')).toEqual([
      QUOTED_NAME,
      'student A',
      'Eve',
      FORMULA_NAME,
      'Carla',
      'Dan',
    ]);
    expect(await names('?sort=score&order=asc')).toEqual([
      FORMULA_NAME,
      'Eve',
      'student A',
      QUOTED_NAME,
      'Carla',
      'Dan',
    ]);
    expect(await names('?sort=submittedAt&order=desc')).toEqual([
      'student A',
      'Eve',
      FORMULA_NAME,
      QUOTED_NAME,
      'Carla',
      'Dan',
    ]);
    expect(await names('?sort=submittedAt')).toEqual([
      QUOTED_NAME,
      FORMULA_NAME,
      'Eve',
      'student A',
      'Carla',
      'Dan',
    ]);
  });

  it('paginates the lines and keeps the summary over all of them', async () => {
    const res = await get('?sort=score&order=desc&limit=2&offset=2');
    expect(res.body.students).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(res.body.students.items.map((s: { name: string }) => s.name)).toEqual(['Eve', FORMULA_NAME]);
    expect(res.body.summary.students).toBe(6);
  });

  it('validates the query with field paths', async () => {
    const res = await get('?sort=grade&order=up&limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-query');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['query.sort', 'query.order', 'query.limit']));
  });

  it('answers 404 for an assignment that is not the organisation’s', async () => {
    const unknown = await world.a.agents.admin.get(
      `/api/orgs/${world.a.organisationId}/assignments/nope/results`,
    );
    expect(unknown.status).toBe(404);
    // B's admin asking through B's organisation for A's assignment.
    const viaB = await world.b.agents.admin.get(
      `/api/orgs/${world.b.organisationId}/assignments/${world.a.assignmentId}/results`,
    );
    expect(viaB.status).toBe(404);
  });

  describe('CSV export', () => {
    const csv = (query = '') =>
      world.a.agents.instructor
        .get(`/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/results.csv${query}`)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => done(null, text));
        });

    it('sends an attachment with a safe name, as UTF-8 CSV that caches nowhere', async () => {
      const res = await csv();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="results-Small-mock-Cohort-A-2026-01-05.csv"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('writes one row per student and one column per domain, RFC 4180 quoted, formulas defused', async () => {
      const text = (await csv()).body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines.at(-1)).toBe(''); // CRLF after the last row too
      expect(lines[0]).toBe(
        'Name,Email,Status,Attempts used,Attempts allowed,Best %,Latest %,Passed,Submitted at (UTC),Time used (min),anatomy %,radiology %',
      );
      const at = (minutes: number) => new Date(t0 + minutes * MINUTE).toISOString();
      expect(lines.slice(1, -1)).toEqual([
        `"'=HYPERLINK(""http://evil.test"",""x"")",f@fixture.test,submitted,1,2,33.33,33.33,no,${at(3)},6,50,0`,
        `"Bob, ""The Builder""",bob@fixture.test,submitted,1,3,100,100,yes,${at(2)},6,100,100`,
        expect.stringMatching(/^Carla,carla\.[^,]+@fixture\.test,not-started,0,2,,,,,,,$/),
        expect.stringMatching(/^Dan,dan\.[^,]+@fixture\.test,in-progress,1,2,,,,,,,$/),
        expect.stringMatching(
          new RegExp(`^Eve,eve\\.[^,]+@fixture\\.test,submitted,1,2,66.67,66.67,no,${at(4)},6,50,100$`),
        ),
        `student A,${world.a.emails.student},submitted,2,2,83.33,66.67,yes,${at(5)},9,75,50`,
      ]);
    });

    it('follows the sort query', async () => {
      const text = (await csv('?sort=score&order=desc')).body as string;
      const first = text.slice(1).split('\r\n').slice(1, 3);
      expect(first[0]?.startsWith('"Bob, ""The Builder"""')).toBe(true);
      expect(first[1]?.startsWith('student A,')).toBe(true);
    });

    it('is declared in the OpenAPI document as text/csv', async () => {
      const doc = await world.anonymous().get('/api/openapi.json');
      const op = doc.body.paths['/api/orgs/{orgId}/assignments/{assignmentId}/results.csv'].get;
      expect(Object.keys(op.responses['200'].content)).toEqual(['text/csv']);
    });

    it('answers errors as JSON, not CSV', async () => {
      const res = await world.a.agents.student.get(
        `/api/orgs/${world.a.organisationId}/assignments/${world.a.assignmentId}/results.csv`,
      );
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('forbidden');
    });
  });
});

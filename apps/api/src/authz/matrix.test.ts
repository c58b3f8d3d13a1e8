/**
 * The authorisation matrix: every route of the OpenAPI document, called by every role, against
 * the world fixture (organisation A with a bank, an exam, a cohort, an open assignment and a
 * student's attempt; organisation B as the stranger). Refused roles must get 401 (anonymous) or
 * 403/404; allowed roles must get the route's success status. A route without an entry here
 * fails the first test, so a new route cannot ship without deciding who may call it.
 */
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../app';
import { createTestDeps } from '../test-support';
import { type Agent, createWorld, type World } from '../testing/fixtures';

const ROLES = ['anonymous', 'student', 'studentB', 'instructor', 'instructorB', 'admin'] as const;
type Role = (typeof ROLES)[number];

const EVERYONE: Role[] = [...ROLES];
const LOGGED_IN: Role[] = ['student', 'studentB', 'instructor', 'instructorB', 'admin'];
const STAFF_A: Role[] = ['instructor', 'admin'];
const ADMIN_A: Role[] = ['admin'];
const MEMBERS_A: Role[] = ['student', 'instructor', 'admin'];
const OWNER: Role[] = ['student'];

/** Ids of the world that route parameters resolve to. */
interface Ids {
  orgId: string;
  bankId: string;
  itemId: string;
  version: string;
  examId: string;
  cohortId: string;
  assignmentId: string;
  attemptId: string;
  attemptItemId: string;
  sectionId: string;
  userId: string;
  joinCode: string;
}

interface Entry {
  allowed: Role[];
  /** The request body (valid, so an allowed role succeeds). */
  body?: (ids: Ids, role: Role) => unknown;
  query?: (ids: Ids) => Record<string, string>;
  /** Overrides of path parameters (e.g. the attempt's item instead of the bank's). */
  params?: Partial<Record<string, keyof Ids>>;
  /** Success statuses for allowed roles (default 200, 201 or 204). */
  ok?: number[];
}

const item = (id: string) => ({
  id,
  domain: 'anatomy',
  codeSetYear: 2026,
  type: 'multiple-choice',
  stem: `New item ${id}?`,
  rationale: 'Because the guideline says so.',
  options: ['A', 'B', 'C', 'D'].map((o) => ({ id: o, text: `Option ${o}` })),
  key: 'A',
});
const DAY = 24 * 3600_000;
/** An upload of a one-item CSV bank file. */
const bankFile = (id: string) => ({
  fileName: `${id}.csv`,
  contentBase64: Buffer.from(
    `id,type,domain,codeSetYear,stem,option_a,option_b,option_c,option_d,key,rationale\n${id},mc,anatomy,2026,Matrix ${id}?,a,b,c,d,A,r\n`,
  ).toString('base64'),
});

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { allowed: EVERYONE },
  'GET /api/openapi.json': { allowed: EVERYONE },
  'POST /api/auth/signup': {
    allowed: EVERYONE,
    body: (_ids, role) => ({ email: `new-${role}@matrix.test`, password: 'matrix-password-1', name: 'New' }),
  },
  'POST /api/auth/login': {
    allowed: EVERYONE,
    body: () => ({ email: 'student-a@fixture.test', password: 'fixture-password-1' }),
  },
  'POST /api/auth/logout': { allowed: EVERYONE },
  'GET /api/auth/me': { allowed: LOGGED_IN },

  'GET /api/orgs/{orgId}/banks': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/banks': { allowed: STAFF_A, body: () => ({ name: 'Another bank' }) },
  'GET /api/orgs/{orgId}/banks/{bankId}': { allowed: STAFF_A },
  'PATCH /api/orgs/{orgId}/banks/{bankId}': { allowed: STAFF_A, body: () => ({ name: 'Renamed bank' }) },
  // The fixture bank is drawn by an exam: deleting it is refused with 409 even for staff.
  'DELETE /api/orgs/{orgId}/banks/{bankId}': { allowed: STAFF_A, ok: [409] },
  'GET /api/orgs/{orgId}/banks/{bankId}/stats': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/banks/{bankId}/items': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/banks/{bankId}/items': {
    allowed: STAFF_A,
    body: (_ids, role) => item(`matrix-${role}`),
  },
  'GET /api/orgs/{orgId}/banks/{bankId}/items/{itemId}': { allowed: STAFF_A },
  'PUT /api/orgs/{orgId}/banks/{bankId}/items/{itemId}': {
    allowed: STAFF_A,
    body: () => ({ ...item('anat-1'), domain: 'anatomy' }),
  },
  'DELETE /api/orgs/{orgId}/banks/{bankId}/items/{itemId}': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/banks/{bankId}/items/{itemId}/archive': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/banks/{bankId}/items/{itemId}/restore': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/banks/{bankId}/items/{itemId}/versions/{version}': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/banks/{bankId}/imports/preview': {
    allowed: STAFF_A,
    body: () => bankFile('preview'),
  },
  'POST /api/orgs/{orgId}/banks/{bankId}/imports/commit': {
    allowed: STAFF_A,
    body: () => bankFile('commit'),
  },
  'GET /api/orgs/{orgId}/banks/{bankId}/export': { allowed: STAFF_A, query: () => ({ format: 'gift' }) },
  'GET /api/orgs/{orgId}/banks/{bankId}/export/report': {
    allowed: STAFF_A,
    query: () => ({ format: 'aiken' }),
  },

  'POST /api/assignments/{assignmentId}/attempts': { allowed: OWNER },
  'GET /api/attempts/{attemptId}': { allowed: OWNER },
  'PUT /api/attempts/{attemptId}/items/{itemId}/response': {
    allowed: OWNER,
    params: { itemId: 'attemptItemId' },
    body: () => ({ response: { type: 'multiple-choice', choice: 'A' }, seq: 1 }),
  },
  'PUT /api/attempts/{attemptId}/items/{itemId}/flag': {
    allowed: OWNER,
    params: { itemId: 'attemptItemId' },
    body: () => ({ flagged: true }),
  },
  'POST /api/attempts/{attemptId}/visits': {
    allowed: OWNER,
    body: (ids) => ({ itemId: ids.attemptItemId, action: 'enter' }),
  },
  'POST /api/attempts/{attemptId}/sections/{sectionId}/enter': { allowed: OWNER },
  'POST /api/attempts/{attemptId}/submit': { allowed: OWNER },
  // In progress: the result and review exist only after submission.
  'GET /api/attempts/{attemptId}/result': { allowed: OWNER, ok: [409] },
  'GET /api/attempts/{attemptId}/review': { allowed: OWNER, ok: [403, 409] },
  'GET /api/me/attempts': { allowed: LOGGED_IN },
  'GET /api/me/weak-domains': { allowed: LOGGED_IN, query: (ids) => ({ organisationId: ids.orgId }) },
  'POST /api/me/drills': {
    allowed: MEMBERS_A,
    body: (ids) => ({ organisationId: ids.orgId, count: 2, domains: ['anatomy'] }),
  },

  'GET /api/orgs/{orgId}/assignments/{assignmentId}/results': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/assignments/{assignmentId}/results.csv': { allowed: STAFF_A },
  // One attempt, still in progress: too few submitted attempts to analyse.
  'GET /api/orgs/{orgId}/assignments/{assignmentId}/item-analysis': { allowed: STAFF_A, ok: [409] },
  'GET /api/orgs/{orgId}/exams/{examId}/item-analysis': { allowed: STAFF_A, ok: [409] },
  'GET /api/orgs/{orgId}/attempts/{attemptId}': { allowed: STAFF_A },
  // The item has one version: regrading it onto itself is refused as a bad request.
  'POST /api/orgs/{orgId}/items/{itemId}/regrade': {
    allowed: STAFF_A,
    body: () => ({ fromVersion: 1 }),
    ok: [400],
  },
  'GET /api/orgs/{orgId}/regrades': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/audit': { allowed: STAFF_A },

  'POST /api/orgs': { allowed: LOGGED_IN, body: () => ({ name: 'A new program' }) },
  'GET /api/orgs/{orgId}': { allowed: MEMBERS_A },
  'GET /api/orgs/{orgId}/members': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/members': {
    allowed: ADMIN_A,
    body: () => ({ email: 'student-b@fixture.test', role: 'student' }),
  },
  'PATCH /api/orgs/{orgId}/members/{userId}': { allowed: ADMIN_A, body: () => ({ role: 'instructor' }) },
  'DELETE /api/orgs/{orgId}/members/{userId}': { allowed: ADMIN_A },
  'GET /api/presets': { allowed: LOGGED_IN },
  'GET /api/orgs/{orgId}/exams': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/exams': {
    allowed: STAFF_A,
    body: (ids) => ({ name: 'CPC mock', mode: 'exam', presetId: 'cpc', bankIds: [ids.bankId] }),
  },
  'GET /api/orgs/{orgId}/exams/{examId}': { allowed: STAFF_A },
  'PATCH /api/orgs/{orgId}/exams/{examId}': { allowed: STAFF_A, body: () => ({ name: 'Renamed mock' }) },
  'DELETE /api/orgs/{orgId}/exams/{examId}': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/exams/{examId}/supply': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/blueprint-supply': {
    allowed: STAFF_A,
    body: (ids) => ({ presetId: 'cpc', bankIds: [ids.bankId] }),
  },
  'GET /api/orgs/{orgId}/cohorts': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/cohorts': { allowed: STAFF_A, body: () => ({ name: 'Evening cohort' }) },
  'GET /api/orgs/{orgId}/cohorts/{cohortId}': { allowed: STAFF_A },
  'PATCH /api/orgs/{orgId}/cohorts/{cohortId}': {
    allowed: STAFF_A,
    body: () => ({ name: 'Renamed cohort' }),
  },
  'POST /api/orgs/{orgId}/cohorts/{cohortId}/join-code': { allowed: STAFF_A },
  'GET /api/orgs/{orgId}/cohorts/{cohortId}/members': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/cohorts/{cohortId}/members': {
    allowed: STAFF_A,
    body: () => ({ email: 'student-b@fixture.test', role: 'student' }),
  },
  'PATCH /api/orgs/{orgId}/cohorts/{cohortId}/members/{userId}': {
    allowed: STAFF_A,
    body: () => ({ timeFactor: 1.5 }),
  },
  'DELETE /api/orgs/{orgId}/cohorts/{cohortId}/members/{userId}': { allowed: STAFF_A },
  // Joining with a code is open to anyone logged in: that is what the code is for.
  'POST /api/cohorts/join': { allowed: LOGGED_IN, body: (ids) => ({ code: ids.joinCode }) },
  'GET /api/orgs/{orgId}/cohorts/{cohortId}/assignments': { allowed: STAFF_A },
  'POST /api/orgs/{orgId}/cohorts/{cohortId}/assignments': {
    allowed: STAFF_A,
    body: (ids) => ({
      examId: ids.examId,
      opensAt: Date.UTC(2026, 0, 1),
      closesAt: Date.UTC(2026, 0, 1) + DAY,
    }),
  },
  'GET /api/orgs/{orgId}/assignments/{assignmentId}': { allowed: STAFF_A },
  'PATCH /api/orgs/{orgId}/assignments/{assignmentId}': {
    allowed: STAFF_A,
    body: () => ({ attemptLimit: 3 }),
  },
  // The fixture assignment has an attempt: deleting it is refused with 409 even for staff.
  'DELETE /api/orgs/{orgId}/assignments/{assignmentId}': { allowed: STAFF_A, ok: [409] },
  'GET /api/me/assignments': { allowed: LOGGED_IN },
  'GET /api/me/cohorts': { allowed: LOGGED_IN },
};

/** The world plus a started attempt of organisation A's student. */
async function prepare(): Promise<{ world: World; ids: Ids; agents: Record<Role, Agent> }> {
  const world = await createWorld();
  const { a, b } = world;
  const started = await a.agents.student
    .post(`/api/assignments/${a.assignmentId}/attempts`)
    .set('Content-Type', 'application/json');
  if (started.status !== 201) throw new Error(`fixture attempt did not start: ${started.status}`);
  const attemptItemId = started.body.items[0].itemId as string;
  const ids: Ids = {
    orgId: a.organisationId,
    bankId: a.bankId,
    itemId: a.itemIds['anat-1'] as string,
    version: '1',
    examId: a.examId,
    cohortId: a.cohortId,
    assignmentId: a.assignmentId,
    attemptId: started.body.id,
    attemptItemId,
    sectionId: 'part-1',
    userId: a.userIds.student,
    joinCode: a.joinCode,
  };
  const agents: Record<Role, Agent> = {
    anonymous: world.anonymous(),
    student: a.agents.student,
    studentB: b.agents.student,
    instructor: a.agents.instructor,
    instructorB: b.agents.instructor,
    admin: a.agents.admin,
  };
  return { world, ids, agents };
}

async function call(agent: Agent, method: string, path: string, entry: Entry, ids: Ids, role: Role) {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = (entry.params?.[name] ?? name) as keyof Ids;
    const value = ids[key];
    if (value === undefined) throw new Error(`no fixture id for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const request = agent[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
  if (entry.query) request.query(entry.query(ids));
  if (method === 'GET') return request;
  request.set('Content-Type', 'application/json');
  return entry.body ? request.send(entry.body(ids, role) as object) : request;
}

const documentRoutes = allRoutes(createTestDeps()).map(
  (r) => `${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`,
);

describe('authorisation matrix', () => {
  it('has an entry for every route in the OpenAPI document, and no stale entries', () => {
    expect(documentRoutes.filter((route) => !MATRIX[route])).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !documentRoutes.includes(route))).toEqual([]);
  });

  describe.each(documentRoutes.filter((route) => MATRIX[route]))('%s', (route) => {
    const [method = '', path = ''] = route.split(' ');
    const entry = MATRIX[route] as Entry;
    const refused = ROLES.filter((role) => !entry.allowed.includes(role));
    const ok = entry.ok ?? [200, 201, 204];

    it(`refuses ${refused.join(', ') || 'nobody'} and lets ${entry.allowed.join(', ')} in`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      // Refused roles first, on one world: a refused call must change nothing.
      let prepared = await prepare();
      for (const role of refused) {
        const res = await call(prepared.agents[role], method, path, entry, prepared.ids, role);
        outcomes.push(`${role}: ${res.status}`);
        expected.push(
          `${role}: ${role === 'anonymous' ? 401 : [403, 404].includes(res.status) ? res.status : '403|404'}`,
        );
      }
      // Each allowed role on a fresh world when the call changes state.
      for (const [index, role] of entry.allowed.entries()) {
        if (method !== 'GET' && index > 0) prepared = await prepare();
        const res = await call(prepared.agents[role], method, path, entry, prepared.ids, role);
        outcomes.push(`${role}: ${res.status}`);
        expected.push(`${role}: ${ok.includes(res.status) ? res.status : ok.join('|')}`);
      }
      expect(outcomes).toEqual(expected);
    });
  });
});

/**
 * Test helpers of the student pages: a fake API client answering from a route table (and
 * recording every call), fixtures shaped like the server's answers, and a renderer that mounts
 * pages in a memory router with a signed-in person.
 */
import type {
  AttemptResult,
  AttemptReview,
  Me,
  MyAssignment,
  MyAttempt,
  MyCohort,
} from '@coderprep/contracts';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation, useParams } from 'react-router';
import type { ApiClient } from '../api/client';
import { AuthProvider } from '../auth/context';
import { createAuthStore } from '../auth/store';

type Handler = (arg: unknown) => unknown;
export type Call = { method: string; path: string; arg: unknown };

/** An ApiClient answering `"METHOD /path"` from `routes`; a handler that throws is a refused request. */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const handle = async <T,>(method: string, path: string, arg: unknown): Promise<T> => {
    calls.push({ method, path, arg });
    const handler = routes[`${method} ${path}`];
    if (!handler) throw new Error(`unexpected request ${method} ${path}`);
    return (await handler(arg)) as T;
  };
  const client: ApiClient = {
    get: (path, query) => handle('GET', path, query),
    post: (path, body) => handle('POST', path, body),
    put: (path, body) => handle('PUT', path, body),
    patch: (path, body) => handle('PATCH', path, body),
    del: (path) => handle('DELETE', path, undefined),
  };
  return { client, calls };
}

export const page = <T,>(items: T[]) => ({ items, total: items.length, limit: 200, offset: 0 });

const HOUR = 3_600_000;
export const NOW = Date.UTC(2026, 4, 1, 12);

export function assignment(over: Partial<MyAssignment> = {}): MyAssignment {
  return {
    assignmentId: 'as1',
    cohortId: 'c1',
    cohortName: 'Spring CPC cohort',
    organisationId: 'o1',
    organisationName: 'Demo College',
    examId: 'e1',
    examName: 'CPC mock exam',
    mode: 'exam',
    itemCount: 100,
    timeLimitMinutes: 240,
    baseTimeLimitMinutes: 240,
    timeFactor: 1,
    opensAt: NOW - HOUR,
    closesAt: NOW + 48 * HOUR,
    state: 'open',
    reviewPolicy: 'after-submit',
    attemptLimit: 3,
    extraAttempts: 0,
    attemptsUsed: 1,
    attemptsLeft: 2,
    openAttemptId: null,
    ...over,
  };
}

export function attempt(over: Partial<MyAttempt> = {}): MyAttempt {
  return {
    id: 'at1',
    organisationId: 'o1',
    examId: 'e1',
    examName: 'CPC mock exam',
    assignmentId: 'as1',
    mode: 'exam',
    status: 'submitted',
    startedAt: NOW - 30 * HOUR,
    submittedAt: NOW - 27 * HOUR,
    submitReason: 'student',
    scorePercent: 64,
    passed: false,
    ...over,
  };
}

export function cohort(over: Partial<MyCohort> = {}): MyCohort {
  return {
    cohortId: 'c1',
    name: 'Spring CPC cohort',
    organisationId: 'o1',
    organisationName: 'Demo College',
    role: 'student',
    timeFactor: 1,
    extraAttempts: 0,
    joinedAt: NOW - 100 * HOUR,
    ...over,
  };
}

export function result(over: Partial<AttemptResult> = {}): AttemptResult {
  return {
    attemptId: 'at1',
    examName: 'CPC mock exam',
    mode: 'exam',
    status: 'submitted',
    startedAt: NOW - 4 * HOUR,
    submittedAt: NOW - HOUR,
    submitReason: 'student',
    scorePercent: 75,
    passed: true,
    passPercent: 70,
    earned: 3,
    possible: 4,
    items: 4,
    answered: 4,
    byDomain: [
      { domain: 'surgery-20000', earned: 1, possible: 2, percent: 50, items: 2, answered: 2 },
      { domain: 'icd-10-cm', earned: 2, possible: 2, percent: 100, items: 2, answered: 2 },
    ],
    bySection: [
      { sectionId: 'p1', title: 'Part 1', earned: 2, possible: 2, percent: 100, items: 2, answered: 2 },
      { sectionId: 'p2', title: 'Part 2', earned: 1, possible: 2, percent: 50, items: 2, answered: 2 },
    ],
    pretest: { earned: 0, possible: 1, percent: 0, items: 1, answered: 1 },
    timeSpentMs: 25 * 60_000,
    elapsedMs: 3 * HOUR,
    timePerItem: [
      { itemId: 'i1', position: 0, timeSpentMs: 5 * 60_000 },
      { itemId: 'i2', position: 1, timeSpentMs: 10 * 60_000 },
      { itemId: 'i3', position: 2, timeSpentMs: 4 * 60_000 },
      { itemId: 'i4', position: 3, timeSpentMs: 3 * 60_000 },
      { itemId: 'i5', position: 4, timeSpentMs: 3 * 60_000 },
    ],
    ...over,
  };
}

type ReviewEntry = AttemptReview['items'][number];

const mcItem = (id: string, chosen: string | null, flagged = false): ReviewEntry => ({
  itemId: id,
  sectionId: 'p1',
  position: Number(id.slice(1)) - 1,
  scored: true,
  item: {
    id,
    version: 1,
    domain: 'surgery-20000',
    tags: [],
    difficulty: 'medium',
    codeSetYear: 2026,
    scored: true,
    stem: `Which code fits case ${id}?`,
    rationale: 'The fracture care is global to the procedure.',
    type: 'multiple-choice',
    options: [
      { id: 'a', text: '27786', rationale: 'Closed treatment without manipulation.' },
      { id: 'b', text: '27788', rationale: 'Closed treatment with manipulation: the key.' },
      { id: 'c', text: '27792', rationale: '' },
      { id: 'd', text: '27808', rationale: '' },
    ],
    key: 'b',
  },
  response: chosen === null ? null : { type: 'multiple-choice', choice: chosen },
  grade: {
    score: chosen === 'b' ? 1 : 0,
    correct: chosen === 'b',
    answered: chosen !== null,
    detail: { type: 'multiple-choice', chosen, key: 'b', correct: chosen === 'b' },
    feedback: { rationale: 'The fracture care is global to the procedure.', messages: [] },
  },
  timeSpentMs: 60_000,
  flagged,
});

const fillInItem: ReviewEntry = {
  itemId: 'i3',
  sectionId: 'p2',
  position: 2,
  scored: false,
  item: {
    id: 'i3',
    version: 1,
    domain: 'icd-10-cm',
    tags: [],
    difficulty: 'medium',
    codeSetYear: 2026,
    scored: false,
    stem: 'Code the diagnosis: type 2 diabetes without complications.',
    rationale: 'E11.9 is type 2 diabetes mellitus without complications.',
    type: 'fill-in',
    blanks: [{ id: 'dx', label: 'Diagnosis', kind: 'icd10cm' }],
    key: { dx: { kind: 'icd10cm', accepted: ['E11.9'] } },
    partialCredit: 'all-or-nothing',
  },
  response: { type: 'fill-in', blanks: { dx: 'E11.8' } },
  grade: {
    score: 0,
    correct: false,
    answered: true,
    detail: {
      type: 'fill-in',
      blanks: [
        {
          blankId: 'dx',
          label: 'Diagnosis',
          kind: 'icd10cm',
          status: 'wrong',
          score: 0,
          message: 'E11.8 is not the expected code.',
          entered: 'E11.8',
          normalised: 'E11.8',
          accepted: ['E11.9'],
        },
      ],
    },
    feedback: {
      rationale: 'E11.9 is type 2 diabetes mellitus without complications.',
      messages: [{ about: 'dx', text: 'E11.8 is not the expected code.' }],
    },
  },
  timeSpentMs: 90_000,
  flagged: true,
};

export function review(over: Partial<AttemptReview> = {}): AttemptReview {
  return {
    attemptId: 'at1',
    examName: 'CPC mock exam',
    mode: 'exam',
    scorePercent: 50,
    passed: false,
    items: [mcItem('i1', 'b'), mcItem('i2', 'a', true), fillInItem],
    ...over,
  };
}

export function me(role: 'student' | 'instructor' | 'admin' = 'student'): Me {
  return {
    user: { id: 'u1', email: 'sam@demo.test', name: 'Sam Student', createdAt: 0 },
    memberships: [{ organisationId: 'o1', organisationName: 'Demo College', role }],
  };
}

/** Shows where the app navigated (stands in for pages of other areas). */
export function Probe({ name }: { name: string }) {
  const params = useParams();
  const location = useLocation();
  return (
    <p data-testid="probe">
      {name} {params.attemptId ?? ''} {JSON.stringify(location.state ?? null)}
    </p>
  );
}

/**
 * Mounts `element` at `path` (starting at `initial`) inside a signed-in app, with stand-ins for
 * the dashboard, join page and exam screen.
 */
export function renderPage(
  path: string,
  element: ReactNode,
  initial: string,
  options: { me?: Me; authClient?: ApiClient } = {},
) {
  const auth = createAuthStore(
    options.authClient ?? fakeApi({ 'GET /api/auth/me': () => options.me ?? me() }).client,
  );
  const person = options.me ?? me();
  auth.setState({
    me: person,
    status: 'authenticated',
    organisationId: person.memberships[0]?.organisationId ?? null,
  });
  const stand = (p: string, name: string) => ({ path: p, element: <Probe name={name} /> });
  const routes = [
    { path, element },
    ...[
      stand('/dashboard', 'dashboard'),
      stand('/join', 'join'),
      stand('/attempts/:attemptId', 'exam'),
      stand('/attempts/:attemptId/result', 'result'),
      stand('/attempts/:attemptId/review', 'review'),
    ].filter((route) => route.path !== path),
  ];
  const router = createMemoryRouter(routes, { initialEntries: [initial] });
  const view = render(
    <AuthProvider store={auth}>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
  return { ...view, router, auth };
}

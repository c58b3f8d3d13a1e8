/**
 * Test double of the attempt routes: an in-memory server with its own clock, speaking through the
 * ApiClient interface like the real one (ApiError with code and details, NetworkError while "offline").
 * Only tests import it.
 */
import type { ApiClient } from '../api/client';
import { ApiError, NetworkError } from '../api/client';
import type {
  AttemptItemView,
  AttemptResult,
  AttemptView,
  ExamResponse,
  GradeView,
  StudentItem,
} from './api';

export const MINUTE = 60_000;

export const sampleItems: StudentItem[] = [
  {
    id: 'q1',
    version: 1,
    domain: 'surgery',
    codeSetYear: 2025,
    stem: 'Which code reports a simple repair of a 2.0 cm scalp wound?',
    type: 'multiple-choice',
    options: [
      { id: 'a', text: '12001' },
      { id: 'b', text: '12002' },
      { id: 'c', text: '13100' },
      { id: 'd', text: '11042' },
    ],
  },
  {
    id: 'q2',
    version: 1,
    domain: 'icd10cm',
    codeSetYear: 2025,
    stem: 'Which two codes apply?',
    type: 'multiple-response',
    select: 2,
    options: [
      { id: 'a', text: 'E11.9' },
      { id: 'b', text: 'I10' },
      { id: 'c', text: 'Z79.4' },
      { id: 'd', text: 'E78.5' },
    ],
  },
  {
    id: 'q3',
    version: 1,
    domain: 'cmc',
    codeSetYear: 2025,
    stem: 'Code the visit.',
    type: 'fill-in',
    blanks: [
      { id: 'dx', label: 'First-listed diagnosis', kind: 'icd10cm' },
      { id: 'line', label: 'Procedure', kind: 'procedure-line' },
      { id: 'codes', label: 'Other diagnoses', kind: 'code-list', codeKind: 'icd10cm', principalFirst: true },
      { id: 'n', label: 'Units of service', kind: 'number' },
      { id: 't', label: 'Place of service', kind: 'text' },
    ],
  },
  {
    id: 'q4',
    version: 1,
    domain: 'scenarios',
    codeSetYear: 2025,
    stem: 'Read the case and answer the questions.',
    type: 'scenario',
    caseText: 'A 54-year-old man is admitted with chest pain.\nHistory: hypertension.',
    subItems: [
      {
        id: 's1',
        stem: 'What is the principal diagnosis?',
        type: 'multiple-choice',
        options: [
          { id: 'a', text: 'I21.4' },
          { id: 'b', text: 'R07.9' },
          { id: 'c', text: 'I10' },
          { id: 'd', text: 'I20.0' },
        ],
      },
      {
        id: 's2',
        stem: 'Enter the ICD-10-PCS code.',
        type: 'fill-in',
        blanks: [{ id: 'pcs', label: 'Procedure code', kind: 'icd10pcs' }],
      },
    ],
  },
];

export interface FakeSection {
  id: string;
  title: string;
  mayReturn: boolean;
  itemIds: string[];
  /** A per-section clock: minutes from first entry. */
  minutes?: number;
}

export interface FakeServerOptions {
  /** The server's clock (independent of the device's). */
  now?: number;
  limitMinutes?: number | null;
  /** The assignment window's close (caps the deadline); none by default. */
  windowCloseAt?: number;
  warningMinutes?: number[];
  graceMs?: number;
  mode?: AttemptView['mode'];
  items?: StudentItem[];
  sections?: FakeSection[];
  /** Saved responses at the start, by item id. */
  saved?: Record<string, { response: ExamResponse; seq: number }>;
}

export interface SaveCall {
  itemId: string;
  seq: number;
  response: ExamResponse;
  accepted: boolean;
}

export function createFakeServer(options: FakeServerOptions = {}) {
  const items = options.items ?? sampleItems;
  const sections: FakeSection[] = options.sections ?? [
    { id: 'main', title: 'Exam', mayReturn: true, itemIds: items.map((i) => i.id) },
  ];
  const server = {
    now: options.now ?? Date.UTC(2030, 0, 1, 9, 0, 0),
    online: true,
    status: 'in-progress' as 'in-progress' | 'submitted',
    submitReason: null as AttemptView['submitReason'],
    startedAt: 0,
    deadline: null as number | null,
    graceMs: options.graceMs ?? 30_000,
    currentSectionId: sections[0]?.id ?? null,
    entered: new Set<string>(sections[0] ? [sections[0].id] : []),
    sectionDeadlines: new Map<string, number>(),
    locked: new Set<string>(),
    saves: new Map<string, { response: ExamResponse; seq: number; savedAt: number }>(),
    flags: new Set<string>(),
    /** Every save request that reached the server, in arrival order. */
    saveCalls: [] as SaveCall[],
    flagCalls: [] as { itemId: string; flagged: boolean }[],
    visits: [] as { itemId: string; action: string }[],
    requests: 0,
    /** The next request is handled but its answer never arrives (a NetworkError on the way back). */
    loseNextAnswer: false,
    /** While set, requests wait for it (a slow network). */
    gate: null as Promise<void> | null,
    feedback: null as GradeView | null,
  };
  server.startedAt = server.now;
  const limit = options.limitMinutes === undefined ? 240 : options.limitMinutes;
  const byLimit = limit === null ? null : server.startedAt + limit * MINUTE;
  const close = options.windowCloseAt ?? null;
  server.deadline = byLimit === null ? close : close === null ? byLimit : Math.min(byLimit, close);
  const startSectionClock = (id: string) => {
    const section = sections.find((s) => s.id === id);
    if (section?.minutes === undefined || server.sectionDeadlines.has(id)) return;
    const end = server.now + section.minutes * MINUTE;
    server.sectionDeadlines.set(id, server.deadline === null ? end : Math.min(end, server.deadline));
  };
  if (sections[0]) startSectionClock(sections[0].id);
  for (const [itemId, saved] of Object.entries(options.saved ?? {}))
    server.saves.set(itemId, { ...saved, savedAt: server.startedAt });

  const due = () => server.deadline !== null && server.now >= server.deadline + server.graceMs;
  const settle = () => {
    if (server.status === 'in-progress' && due()) {
      server.status = 'submitted';
      server.submitReason = 'expired';
    }
  };

  const sectionOf = (itemId: string) => sections.find((s) => s.itemIds.includes(itemId));

  function view(): AttemptView {
    settle();
    const attemptItems: AttemptItemView[] = [];
    let position = 0;
    for (const section of sections)
      for (const id of section.itemIds) {
        const item = items.find((i) => i.id === id) as StudentItem;
        const saved = server.saves.get(id);
        attemptItems.push({
          itemId: id,
          sectionId: section.id,
          position: position++,
          item,
          response: saved?.response ?? null,
          seq: saved?.seq ?? 0,
          savedAt: saved?.savedAt ?? null,
          flagged: server.flags.has(id),
        });
      }
    const sectionEnd = server.sectionDeadlines.get(server.currentSectionId ?? '') ?? null;
    const endsAt =
      sectionEnd === null
        ? server.deadline
        : server.deadline === null
          ? sectionEnd
          : Math.min(sectionEnd, server.deadline);
    const left = endsAt === null ? null : Math.max(0, endsAt - server.now);
    return {
      id: 'att1',
      organisationId: 'org1',
      examId: 'exam1',
      examName: 'CPC-style mock exam',
      assignmentId: 'asg1',
      mode: options.mode ?? 'exam',
      status: server.status,
      now: server.now,
      startedAt: server.startedAt,
      deadline: server.deadline,
      endsAt,
      graceMs: server.graceMs,
      timeLeftMs: left,
      timeLimitMs: limit === null ? null : limit * MINUTE,
      warningsDue: [],
      warningMinutes: options.warningMinutes ?? [30],
      timeFactor: 1,
      currentSectionId: server.currentSectionId,
      sections: sections.map((s) => ({
        id: s.id,
        title: s.title,
        mayReturn: s.mayReturn,
        entered: server.entered.has(s.id),
        locked: server.locked.has(s.id),
        deadline: server.sectionDeadlines.get(s.id) ?? null,
        itemIds: s.itemIds,
      })),
      items: attemptItems,
      submittedAt: server.status === 'submitted' ? server.now : null,
      submitReason: server.submitReason,
    };
  }

  function result(): AttemptResult {
    const tally = { earned: 0, possible: 0, percent: 0, items: 0, answered: 0 };
    return {
      attemptId: 'att1',
      examName: 'CPC-style mock exam',
      mode: options.mode ?? 'exam',
      status: 'submitted',
      startedAt: server.startedAt,
      submittedAt: server.now,
      submitReason: server.submitReason ?? 'student',
      scorePercent: 50,
      passed: false,
      passPercent: 70,
      earned: 1,
      possible: 2,
      items: items.length,
      answered: server.saves.size,
      byDomain: [],
      bySection: [],
      pretest: tally,
      timeSpentMs: 0,
      elapsedMs: 0,
      timePerItem: [],
    };
  }

  const closed = () => {
    settle();
    if (server.status !== 'submitted') return null;
    return server.submitReason === 'expired'
      ? new ApiError(409, 'deadline-passed', 'Time is up.')
      : new ApiError(409, 'attempt-submitted', 'This attempt has been submitted.');
  };

  function route(method: string, path: string, body: unknown): unknown {
    const parts = path.split('/').slice(3); // ['att1', ...]
    const [, a, b, c] = parts;
    if (method === 'GET' && parts.length === 1) return view();
    if (method === 'GET' && a === 'result') {
      settle();
      if (server.status !== 'submitted') throw new ApiError(409, 'not-submitted', 'Not submitted yet.');
      return result();
    }
    if (method === 'POST' && a === 'submit') {
      settle();
      if (server.status !== 'submitted') {
        server.status = 'submitted';
        server.submitReason = 'student';
      }
      return result();
    }
    if (method === 'POST' && a === 'visits') {
      server.visits.push(body as { itemId: string; action: string });
      return { ...(body as object), timeSpentMs: 0 };
    }
    if (method === 'POST' && a === 'sections' && c === 'enter') {
      const refused = closed();
      if (refused) throw refused;
      const at = sections.findIndex((s) => s.id === b);
      if (at < 0) throw new ApiError(404, 'not-found', 'No such section.');
      if (server.locked.has(b as string)) throw new ApiError(409, 'section-locked', 'Locked.');
      sections.forEach((s, i) => {
        if (!s.mayReturn && (i < at || s.id === server.currentSectionId) && s.id !== b)
          server.locked.add(s.id);
      });
      server.entered.add(b as string);
      server.currentSectionId = b as string;
      startSectionClock(b as string);
      return view();
    }
    if (method === 'PUT' && a === 'items' && c === 'response') {
      const refused = closed();
      if (refused) throw refused;
      const itemId = b as string;
      const { response, seq } = body as { response: ExamResponse; seq: number };
      const section = sectionOf(itemId);
      if (!section || server.locked.has(section.id) || !server.entered.has(section.id))
        throw new ApiError(409, 'section-locked', 'Locked.', { itemId, sectionId: section?.id });
      const last = server.saves.get(itemId);
      if (last && seq <= last.seq) {
        server.saveCalls.push({ itemId, seq, response, accepted: false });
        throw new ApiError(409, 'stale-sequence', 'Stale.', { itemId, seq, lastSeq: last.seq });
      }
      server.saves.set(itemId, { response, seq, savedAt: server.now });
      server.saveCalls.push({ itemId, seq, response, accepted: true });
      return {
        itemId,
        seq,
        savedAt: server.now,
        ...(server.feedback && options.mode !== 'exam' ? { feedback: server.feedback } : {}),
      };
    }
    if (method === 'PUT' && a === 'items' && c === 'flag') {
      const refused = closed();
      if (refused) throw refused;
      const { flagged } = body as { flagged: boolean };
      server.flagCalls.push({ itemId: b as string, flagged });
      if (flagged) server.flags.add(b as string);
      else server.flags.delete(b as string);
      return { itemId: b, flagged };
    }
    throw new ApiError(404, 'not-found', `No route ${method} ${path}`);
  }

  /** Holds every request until the returned function is called. */
  function hold(): () => void {
    let release = () => {};
    server.gate = new Promise<void>((resolve) => {
      release = () => {
        server.gate = null;
        resolve();
      };
    });
    return release;
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (server.gate) await server.gate;
    return handle<T>(method, path, body);
  }

  function handle<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!server.online) return Promise.reject(new NetworkError('Failed to fetch'));
    server.requests += 1;
    try {
      // A copy, as JSON over the wire would be.
      const answer = route(method, path, body === undefined ? undefined : JSON.parse(JSON.stringify(body)));
      if (server.loseNextAnswer) {
        server.loseNextAnswer = false;
        return Promise.reject(new NetworkError('The connection was reset'));
      }
      return Promise.resolve(JSON.parse(JSON.stringify(answer ?? null)) as T);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  const client: ApiClient = {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    del: (path) => request('DELETE', path),
  };

  return { server, client, view, hold };
}

/** A Storage in memory. */
export function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => {
      data.delete(key);
    },
    setItem: (key, value) => {
      data.set(key, String(value));
    },
  };
}

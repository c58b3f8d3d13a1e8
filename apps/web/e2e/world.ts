/**
 * The demo program as the e2e scenarios see it through the API: ids of its banks, cohort and
 * assignments, and a few calls used to set a scenario up or to check what the server holds.
 * The browser never uses these; they stand beside it (their own sessions and cookies).
 */
import type { APIRequestContext } from 'playwright-core';
import { apiAs, DEMO, type E2E, ok } from './harness';

interface Page<T> {
  items: T[];
  total: number;
}

export interface Bank {
  id: string;
  name: string;
  itemCount: number;
}

export interface Cohort {
  id: string;
  name: string;
  joinCode: string;
}

export interface MyAssignment {
  assignmentId: string;
  examName: string;
  mode: string;
  itemCount: number;
  timeLimitMinutes: number | null;
  baseTimeLimitMinutes: number | null;
  timeFactor: number;
  attemptsLeft: number;
  openAttemptId: string | null;
}

export type MCResponse = { type: 'multiple-choice'; choice: string | null };
export type FillInResponse = { type: 'fill-in'; blanks: Record<string, unknown> };

export interface AttemptItem {
  itemId: string;
  sectionId: string;
  position: number;
  item: {
    id: string;
    type: string;
    stem: string;
    domain: string;
    options?: { id: string; text: string }[];
    blanks?: { id: string; label: string; kind: string }[];
  };
  response: MCResponse | FillInResponse | { type: string } | null;
  seq: number;
  flagged: boolean;
}

export interface Attempt {
  id: string;
  examName: string;
  mode: string;
  status: 'in-progress' | 'submitted';
  now: number;
  deadline: number | null;
  endsAt: number | null;
  timeLeftMs: number | null;
  timeFactor: number;
  items: AttemptItem[];
  submittedAt: number | null;
  submitReason: 'student' | 'expired' | 'instructor' | null;
}

export interface AttemptResult {
  attemptId: string;
  status: string;
  submitReason: string;
  scorePercent: number;
  passed: boolean;
  passPercent: number;
  items: number;
  answered: number;
}

/** A person's API session with a few typed calls. */
export class Session {
  constructor(
    readonly api: APIRequestContext,
    readonly orgId: string,
    readonly userId: string,
  ) {}

  static async open(e2e: E2E, email: string, password?: string): Promise<Session> {
    const { api, me, orgId } = await apiAs(e2e, email, password);
    return new Session(api, orgId, me.user.id);
  }

  get<T>(path: string): Promise<T> {
    return this.api.get(path).then((res) => ok<T>(res));
  }
  post<T>(path: string, data?: unknown): Promise<T> {
    return this.api.post(path, { data: data ?? {} }).then((res) => ok<T>(res));
  }
  patch<T>(path: string, data: unknown): Promise<T> {
    return this.api.patch(path, { data }).then((res) => ok<T>(res));
  }

  // ---- staff
  async banks(): Promise<Bank[]> {
    return (await this.get<Page<Bank>>(`/api/orgs/${this.orgId}/banks?limit=200`)).items;
  }
  async bankNamed(pattern: RegExp): Promise<Bank> {
    const bank = (await this.banks()).find((b) => pattern.test(b.name));
    if (!bank) throw new Error(`no bank named like ${pattern}`);
    return bank;
  }
  async cohorts(): Promise<Cohort[]> {
    return (await this.get<Page<Cohort>>(`/api/orgs/${this.orgId}/cohorts?limit=200`)).items;
  }
  async demoCohort(): Promise<Cohort> {
    const cohort = (await this.cohorts()).find((c) => c.joinCode === DEMO.joinCode);
    if (!cohort) throw new Error('the demo cohort is missing');
    return cohort;
  }
  createExam(body: unknown): Promise<{ id: string; name: string; itemCount: number }> {
    return this.post(`/api/orgs/${this.orgId}/exams`, body);
  }
  assign(
    cohortId: string,
    examId: string,
    over: { attemptLimit?: number; reviewPolicy?: string } = {},
  ): Promise<{ id: string }> {
    const now = Date.now();
    return this.post(`/api/orgs/${this.orgId}/cohorts/${cohortId}/assignments`, {
      examId,
      opensAt: now - 60_000,
      closesAt: now + 7 * 24 * 3600_000,
      attemptLimit: over.attemptLimit ?? 1,
      reviewPolicy: over.reviewPolicy ?? 'after-submit',
    });
  }

  // ---- students
  async myAssignments(): Promise<MyAssignment[]> {
    return (await this.get<Page<MyAssignment>>('/api/me/assignments?limit=200')).items;
  }
  async myAssignment(examName: string | RegExp): Promise<MyAssignment> {
    const all = await this.myAssignments();
    const found = all.find((a) =>
      typeof examName === 'string' ? a.examName === examName : examName.test(a.examName),
    );
    if (!found) throw new Error(`no assignment ${examName} among ${all.map((a) => a.examName).join(', ')}`);
    return found;
  }
  attempt(attemptId: string): Promise<Attempt> {
    return this.get(`/api/attempts/${attemptId}`);
  }
  result(attemptId: string): Promise<AttemptResult> {
    return this.get(`/api/attempts/${attemptId}/result`);
  }
}

/** The attempt id in an exam-screen URL (/attempts/<id>, /attempts/<id>/review, ...). */
export function attemptIdOf(url: string): string {
  const match = new URL(url).pathname.match(/\/attempts\/([^/]+)/);
  if (!match?.[1]) throw new Error(`no attempt id in ${url}`);
  return decodeURIComponent(match[1]);
}

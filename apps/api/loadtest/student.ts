/**
 * One simulated student over HTTP, and the ledger of what the server acknowledged to them.
 *
 * Every request is retried through outages (no answer, or a 5xx) for up to
 * `outageToleranceMs`: a real browser retries a save until it lands. A save is acknowledged only
 * by a 200 (or by a 409 stale-sequence naming its own seq: an earlier send of the same save
 * landed but its answer was lost). After an outage the student reloads the attempt (GET) and
 * checks that everything acknowledged before is still there, then carries on from the stored
 * sequence numbers, as the web app does after a reconnect.
 */
import type { Agent } from 'node:http';
import { type HttpResult, request, sessionCookie, type Target, TransportError } from './http';
import type { Recorder } from './stats';
import type { StudentAccount } from './students';

/** What one item's saves came to. */
export interface ItemLedger {
  itemId: string;
  options: string[];
  /** The newest save the server acknowledged. */
  acked: { seq: number; choice: string } | null;
  /** Every save sent (acknowledged or not), by seq. */
  sent: Map<number, string>;
  /** The highest seq known to be stored (from acknowledgements and reloads). */
  storedSeq: number;
  flagged: boolean;
}

export interface SubmitAck {
  submittedAt: number;
  scorePercent: number;
  passed: boolean;
}

export interface AttemptLedger {
  attemptId: string;
  userId: string;
  email: string;
  items: Map<string, ItemLedger>;
  /** Every acknowledged submit (a retried submit must answer the same result). */
  submits: SubmitAck[];
  /** Times the student reloaded the attempt after an outage. */
  resumes: number;
  /** Acknowledged saves a reload did not show (must stay empty). */
  missingOnResume: string[];
}

export interface StudentContext {
  agent: Agent;
  target: Target;
  recorder: Recorder;
  assignmentId: string;
  joinCode: string;
  /** Keep retrying through an outage this long before giving up (0: never retry). */
  outageToleranceMs: number;
  /** Endpoint names get this suffix in the recorder (e.g. " (capacity)"). */
  label?: string;
  /** Called after every acknowledged save and submit (tests watch progress through it). */
  onProgress?: (event: 'save' | 'submit' | 'start') => void;
}

export class StudentGaveUp extends Error {
  override readonly name = 'StudentGaveUp';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parse<T>(result: HttpResult): T {
  return JSON.parse(result.body) as T;
}

interface ErrorBody {
  error?: { code?: string; details?: { lastSeq?: number | null } };
}

interface AttemptView {
  id: string;
  status: string;
  items: {
    itemId: string;
    item: { type: string; options?: { id: string }[] };
    response: { type: string; choice?: string | null } | null;
    seq: number;
    flagged: boolean;
  }[];
}

export class SimulatedStudent {
  cookie: string | undefined;
  /** Known once logged in (the account's id when the harness created it). */
  userId: string;
  readonly attempts: AttemptLedger[] = [];
  /** Whether an outage happened since the last reload. */
  private sawOutage = false;

  constructor(
    readonly ctx: StudentContext,
    readonly account: StudentAccount,
  ) {
    this.userId = account.userId;
  }

  private name(endpoint: string) {
    return this.ctx.label ? `${endpoint}${this.ctx.label}` : endpoint;
  }

  /**
   * Sends a request, retrying through outages. Returns the first answer that is not a 5xx;
   * `accept` decides which statuses count as successes in the figures.
   */
  private async call(
    endpoint: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    accept: (status: number, result: HttpResult) => boolean = (status) => status < 400,
  ): Promise<HttpResult> {
    const name = this.name(endpoint);
    let firstFailure: number | null = null;
    let backoff = 50;
    let last = '';
    for (;;) {
      try {
        const result = await request(this.ctx.agent, this.ctx.target, method, path, {
          body,
          ...(this.cookie ? { cookie: this.cookie } : {}),
        });
        const ok = accept(result.status, result);
        this.ctx.recorder.record(name, result.ms, result.status, ok);
        if (result.status < 500) return result;
        last = `${result.status} ${result.body.slice(0, 200)}`;
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        this.ctx.recorder.record(name, error.ms, 0, false);
        last = `${error.code} ${error.message}`;
      }
      this.sawOutage = true;
      const now = performance.now();
      firstFailure ??= now;
      if (now - firstFailure > this.ctx.outageToleranceMs)
        throw new StudentGaveUp(
          `${this.account.email}: ${method} ${path} failed for ${Math.round(now - firstFailure)} ms (last: ${last})`,
        );
      await sleep(backoff);
      backoff = Math.min(1000, backoff * 2);
    }
  }

  private fail(what: string, result: HttpResult): never {
    throw new StudentGaveUp(
      `${this.account.email}: ${what} answered ${result.status} ${result.body.slice(0, 300)}`,
    );
  }

  async login(): Promise<void> {
    const result = await this.call('login', 'POST', '/api/auth/login', {
      email: this.account.email,
      password: this.account.password,
    });
    const cookie = result.status === 200 ? sessionCookie(result.headers) : undefined;
    if (!cookie) this.fail('login', result);
    this.cookie = cookie;
    this.userId = parse<{ user: { id: string } }>(result).user.id;
  }

  async join(): Promise<void> {
    const result = await this.call('join', 'POST', '/api/cohorts/join', { code: this.ctx.joinCode });
    if (result.status !== 200) this.fail('join', result);
  }

  /** Starts (or resumes) the attempt at the assignment; returns its ledger. */
  async start(): Promise<AttemptLedger> {
    const result = await this.call(
      'start',
      'POST',
      `/api/assignments/${this.ctx.assignmentId}/attempts`,
      undefined,
    );
    if (result.status !== 201 && result.status !== 200) this.fail('start', result);
    const view = parse<AttemptView>(result);
    let ledger = this.attempts.find((a) => a.attemptId === view.id);
    if (!ledger) {
      ledger = {
        attemptId: view.id,
        userId: this.userId,
        email: this.account.email,
        items: new Map(
          view.items.map((entry) => [
            entry.itemId,
            {
              itemId: entry.itemId,
              options: (entry.item.options ?? []).map((o) => o.id),
              acked: null,
              sent: new Map(),
              storedSeq: entry.seq,
              flagged: entry.flagged,
            },
          ]),
        ),
        submits: [],
        resumes: 0,
        missingOnResume: [],
      };
      this.attempts.push(ledger);
    }
    this.sawOutage = false;
    this.ctx.onProgress?.('start');
    return ledger;
  }

  /** Reloads the attempt after an outage: checks every acknowledged save, takes the stored seqs. */
  async resume(ledger: AttemptLedger): Promise<AttemptView> {
    ledger.resumes++;
    return this.reload(ledger);
  }

  /** Reads the attempt (the review screen), checking it as a reload does. */
  async read(ledger: AttemptLedger): Promise<AttemptView> {
    return this.reload(ledger);
  }

  private async reload(ledger: AttemptLedger): Promise<AttemptView> {
    this.sawOutage = false;
    const result = await this.call('get', 'GET', `/api/attempts/${ledger.attemptId}`, undefined);
    if (result.status !== 200) this.fail('reload', result);
    const view = parse<AttemptView>(result);
    for (const entry of view.items) {
      const item = ledger.items.get(entry.itemId);
      if (!item) continue;
      const acked = item.acked;
      if (acked && entry.seq < acked.seq)
        ledger.missingOnResume.push(`${entry.itemId}: acknowledged seq ${acked.seq}, stored ${entry.seq}`);
      else if (acked && entry.seq === acked.seq && entry.response?.choice !== acked.choice)
        ledger.missingOnResume.push(`${entry.itemId}: seq ${acked.seq} stored with another answer`);
      item.storedSeq = Math.max(item.storedSeq, entry.seq);
    }
    return view;
  }

  /** Reloads when the last requests went through an outage. */
  private async resumeIfNeeded(ledger: AttemptLedger) {
    if (this.sawOutage) await this.resume(ledger);
  }

  /** Saves an answer with the next sequence number; true once acknowledged. */
  async save(ledger: AttemptLedger, itemId: string, choice: string): Promise<boolean> {
    const item = ledger.items.get(itemId);
    if (!item) throw new Error(`no item ${itemId}`);
    for (let tries = 0; tries < 5; tries++) {
      const seq = Math.max(item.storedSeq, item.acked?.seq ?? 0, ...item.sent.keys()) + 1;
      item.sent.set(seq, choice);
      const path = `/api/attempts/${ledger.attemptId}/items/${itemId}/response`;
      const result = await this.call(
        'save',
        'PUT',
        path,
        { response: { type: 'multiple-choice', choice }, seq },
        (status, r) => status === 200 || (status === 409 && staleAt(r) === seq),
      );
      if (result.status === 200 || (result.status === 409 && staleAt(result) === seq)) {
        // 409 naming our own seq: an earlier send of this very save landed, its answer was lost.
        item.acked = { seq, choice };
        item.storedSeq = Math.max(item.storedSeq, seq);
        this.ctx.onProgress?.('save');
        await this.resumeIfNeeded(ledger);
        return true;
      }
      if (result.status === 409 && parse<ErrorBody>(result).error?.code === 'stale-sequence') {
        // Something newer is stored than we knew: take it and send again above it.
        item.storedSeq = Math.max(item.storedSeq, staleAt(result) ?? 0);
        continue;
      }
      this.fail(`save ${itemId} seq ${seq}`, result);
    }
    throw new StudentGaveUp(`${this.account.email}: save ${itemId} kept meeting newer saves`);
  }

  async flag(ledger: AttemptLedger, itemId: string, flagged: boolean): Promise<void> {
    const result = await this.call('flag', 'PUT', `/api/attempts/${ledger.attemptId}/items/${itemId}/flag`, {
      flagged,
    });
    if (result.status !== 200) this.fail('flag', result);
    const item = ledger.items.get(itemId);
    if (item) item.flagged = flagged;
    await this.resumeIfNeeded(ledger);
  }

  async submit(ledger: AttemptLedger): Promise<SubmitAck> {
    const result = await this.call('submit', 'POST', `/api/attempts/${ledger.attemptId}/submit`, undefined);
    if (result.status !== 200) this.fail('submit', result);
    const body = parse<SubmitAck>(result);
    const ack = { submittedAt: body.submittedAt, scorePercent: body.scorePercent, passed: body.passed };
    ledger.submits.push(ack);
    this.ctx.onProgress?.('submit');
    return ack;
  }
}

/** The lastSeq a 409 stale-sequence names, if it is one. */
function staleAt(result: HttpResult): number | null {
  try {
    const body = JSON.parse(result.body) as ErrorBody;
    if (body.error?.code !== 'stale-sequence') return null;
    return body.error.details?.lastSeq ?? null;
  } catch {
    return null;
  }
}

/** A small seeded random source (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

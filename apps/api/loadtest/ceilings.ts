/**
 * The two ceilings a save's throughput is compared with, measured in the same run on the same
 * machine: the bare endpoint (the server stack doing no work) and raw better-sqlite3 single-row
 * upserts with the platform's pragmas. Plus the closed-loop driver both HTTP measurements use.
 */
import { rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '@coderprep/db';
import { request, type Target, TransportError } from './http';
import type { Recorder } from './stats';

export interface ClosedLoopResult {
  /** Completed requests in the measured window (after the warm-up). */
  completed: number;
  /** Requests sent in all, warm-up included. */
  attempted: number;
  errors: number;
  seconds: number;
  perSecond: number;
}

/**
 * `concurrency` workers, each sending its next request as soon as the last one answered, for
 * `warmupMs` (not counted) then `durationMs`. `send` returns whether the answer was a success.
 */
export async function closedLoop(
  concurrency: number,
  warmupMs: number,
  durationMs: number,
  send: (worker: number, measured: boolean) => Promise<boolean>,
): Promise<ClosedLoopResult> {
  const begin = performance.now();
  const measureFrom = begin + warmupMs;
  const stopAt = measureFrom + durationMs;
  let completed = 0;
  let attempted = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      // Workers join over the first half of the warm-up: a thousand connections opened at once
      // overflow the listen backlog, and SYN retries (1, 3, 7, 15 s) would pass for latency.
      await new Promise((resolve) => setTimeout(resolve, (worker / concurrency) * warmupMs * 0.5));
      while (performance.now() < stopAt) {
        const measured = performance.now() >= measureFrom;
        attempted++;
        const ok = await send(worker, measured);
        if (!measured || performance.now() > stopAt) continue;
        if (ok) completed++;
        else errors++;
      }
    }),
  );
  const seconds = durationMs / 1000;
  return { completed, attempted, errors, seconds, perSecond: Math.round(completed / seconds) };
}

/** Hammers the bare endpoint with save-shaped requests from logged-in students. */
export async function bareEndpointCeiling(options: {
  agent: Agent;
  target: Target;
  cookies: readonly string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  recorder: Recorder;
}): Promise<ClosedLoopResult> {
  const seqs = new Array<number>(options.concurrency).fill(0);
  return closedLoop(options.concurrency, options.warmupMs, options.durationMs, async (worker, measured) => {
    const seq = ++(seqs[worker] as number);
    const cookie = options.cookies[worker % options.cookies.length] as string;
    try {
      const result = await request(
        options.agent,
        options.target,
        'PUT',
        `/api/attempts/bare-${worker}/items/item-${seq % 100}/response`,
        { body: { response: { type: 'multiple-choice', choice: 'B' }, seq }, cookie },
      );
      const ok = result.status === 200;
      if (measured) options.recorder.record('bare endpoint', result.ms, result.status, ok);
      return ok;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (measured) options.recorder.record('bare endpoint', error.ms, 0, false);
      return false;
    }
  });
}

export interface UpsertCeiling {
  upserts: number;
  seconds: number;
  perSecond: number;
}

/**
 * Raw better-sqlite3 single-row upserts, each its own transaction (as each save is), into a table
 * shaped like attempt_items, on a connection opened by openDatabase (WAL, synchronous=NORMAL,
 * foreign keys, busy timeout), in a fresh file in `dir`.
 */
export function rawUpsertCeiling(dir: string, durationMs: number, rows = 10_000): UpsertCeiling {
  const file = join(dir, 'upsert-ceiling.db');
  // openDatabase sets the pragmas; its better-sqlite3 connection is used raw, no drizzle.
  const db = openDatabase({ file, migrate: false });
  const sqlite = db.$client;
  try {
    sqlite.exec(`create table responses (
      attempt_id text not null, item_id text not null, response text, seq integer not null default 0,
      saved_at integer, primary key (attempt_id, item_id))`);
    const upsert = sqlite.prepare(`insert into responses (attempt_id, item_id, response, seq, saved_at)
      values (?, ?, ?, ?, ?)
      on conflict (attempt_id, item_id) do update set response = excluded.response, seq = excluded.seq,
        saved_at = excluded.saved_at where excluded.seq > responses.seq`);
    const attemptIds = Array.from(
      { length: Math.ceil(rows / 100) },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const itemIds = Array.from(
      { length: 100 },
      (_, i) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const response = JSON.stringify({ type: 'multiple-choice', choice: 'C' });
    let n = 0;
    const started = performance.now();
    const stopAt = started + durationMs;
    while (performance.now() < stopAt) {
      for (let k = 0; k < 200; k++, n++)
        upsert.run(attemptIds[n % attemptIds.length], itemIds[(n * 7) % 100], response, n + 1, n);
    }
    const seconds = (performance.now() - started) / 1000;
    return { upserts: n, seconds, perSecond: Math.round(n / seconds) };
  } finally {
    closeDatabase(db);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
  }
}

/**
 * Backup under load: while simulated students take the mock against the real server, the
 * operator's `backup` command copies the live database; `restore` puts the copy into a new data
 * folder; a server started on it shows every attempt of the backup moment, the submitted ones
 * with the same results and the open ones with every answer acknowledged before the backup.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFileIn } from '@coderprep/db';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_JOIN_CODE, findCpcAssignment } from '../../loadtest/demo';
import { runExamDay, studentsFor } from '../../loadtest/exam-day';
import { createAgent, request, sessionCookie, type Target } from '../../loadtest/http';
import { API_DIR, killAllServers, startServer } from '../../loadtest/server-process';
import { Recorder } from '../../loadtest/stats';
import type { AttemptLedger, StudentContext } from '../../loadtest/student';
import { createStudentAccounts, LOADTEST_PASSWORD } from '../../loadtest/students';

const root = mkdtempSync(join(tmpdir(), 'coderprep-backup-'));
const agent = createAgent();
afterAll(() => {
  agent.destroy();
  killAllServers();
  rmSync(root, { recursive: true, force: true });
});

/** Runs `pnpm cli ...` as the operator would (the same entry, without pnpm around it). */
function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: API_DIR,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

/** What the students had been told before the backup started. */
interface Snapshot {
  attemptId: string;
  email: string;
  submitted: { submittedAt: number; scorePercent: number } | null;
  acked: Map<string, { seq: number; choice: string }>;
}

const snapshotOf = (ledger: AttemptLedger): Snapshot => ({
  attemptId: ledger.attemptId,
  email: ledger.email,
  submitted: ledger.submits[0] ?? null,
  acked: new Map(
    [...ledger.items.values()].flatMap((item) =>
      item.acked ? [[item.itemId, { ...item.acked }] as const] : [],
    ),
  ),
});

describe('backup while students take the exam, then restore', () => {
  it('restores the attempts and results of the backup moment', { timeout: 180_000 }, async () => {
    const dataDir = join(root, 'live');
    const server = await startServer({ dataDir, demo: true });
    const target: Target = { url: server.url };
    const assignmentId = await findCpcAssignment(target);
    const accounts = await createStudentAccounts(databaseFileIn(dataDir), 24, () => crypto.randomUUID());

    let submitted = 0;
    const backupFile = join(root, 'exam-day.db');
    let backup: Promise<{ code: number | null; out: string; snapshot: Snapshot[] }> | null = null;
    let students: { attempts: AttemptLedger[] }[] = [];
    const ctx: StudentContext = {
      agent,
      target,
      recorder: new Recorder(),
      assignmentId,
      joinCode: DEMO_JOIN_CODE,
      outageToleranceMs: 0,
      onProgress: (event) => {
        if (event === 'submit') submitted++;
        // A third of the students have submitted, the rest are mid-exam: back up now.
        if (event === 'submit' && submitted === 8 && backup === null) {
          const snapshot = students.flatMap((s) => s.attempts).map(snapshotOf);
          backup = cli(['backup', backupFile, '--data-dir', dataDir]).then((r) => ({ ...r, snapshot }));
        }
      },
    };
    const simulated = studentsFor(ctx, accounts);
    students = simulated;
    const outcomes = await runExamDay(simulated, {
      pace: { rampMs: 10_000, thinkMs: 40, changeFraction: 0.2, flagFraction: 0.1 },
      deadlineMs: 120_000,
      seed: 5,
    });
    expect(outcomes.filter((o) => o.failure !== null)).toEqual([]);
    expect(backup).not.toBeNull();
    const done = await (backup as unknown as Promise<{
      code: number | null;
      out: string;
      snapshot: Snapshot[];
    }>);
    expect(done.out).toMatch(/Backup written: .*exam-day\.db \(.+\) in /);
    expect(done.code).toBe(0);
    await server.stop();
    const snapshot = done.snapshot;
    expect(snapshot.filter((s) => s.submitted).length).toBeGreaterThanOrEqual(8);
    expect(snapshot.filter((s) => !s.submitted).length).toBeGreaterThan(0);

    const restoredDir = join(root, 'restored');
    const restore = await cli(['restore', backupFile, '--data-dir', restoredDir]);
    expect(restore.out).toMatch(/Restored .*coderprep\.db/);
    expect(restore.code).toBe(0);
    const again = await cli(['restore', backupFile, '--data-dir', restoredDir]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty/);

    const restored = await startServer({ dataDir: restoredDir, demo: true });
    const there: Target = { url: restored.url };
    const cookies = new Map<string, string>();
    const cookieOf = async (email: string) => {
      const known = cookies.get(email);
      if (known) return known;
      const login = await request(agent, there, 'POST', '/api/auth/login', {
        body: { email, password: LOADTEST_PASSWORD },
      });
      expect(login.status, email).toBe(200);
      const cookie = sessionCookie(login.headers) as string;
      cookies.set(email, cookie);
      return cookie;
    };

    const openAtRestore: Snapshot[] = [];
    for (const attempt of snapshot) {
      const cookie = await cookieOf(attempt.email);
      const view = await request(agent, there, 'GET', `/api/attempts/${attempt.attemptId}`, { cookie });
      expect(view.status, `${attempt.email} ${attempt.attemptId}`).toBe(200);
      const body = JSON.parse(view.body) as {
        status: string;
        items: { itemId: string; seq: number; response: { choice?: string } | null }[];
      };
      if (body.status === 'in-progress') openAtRestore.push(attempt);
      if (attempt.submitted) {
        expect(body.status).toBe('submitted');
        const result = await request(agent, there, 'GET', `/api/attempts/${attempt.attemptId}/result`, {
          cookie,
        });
        expect(result.status).toBe(200);
        expect(JSON.parse(result.body)).toMatchObject(attempt.submitted);
      }
      const stored = new Map(body.items.map((item) => [item.itemId, item]));
      for (const [itemId, ack] of attempt.acked) {
        const item = stored.get(itemId);
        expect(item?.seq, `${attempt.email} ${itemId}`).toBeGreaterThanOrEqual(ack.seq);
        if (item?.seq === ack.seq) expect(item.response?.choice).toBe(ack.choice);
      }
    }
    // An attempt open in the backup resumes on the restored server: the same attempt, not a new one.
    expect(openAtRestore.length).toBeGreaterThan(0);
    const open = openAtRestore[0] as Snapshot;
    const resumed = await request(agent, there, 'POST', `/api/assignments/${assignmentId}/attempts`, {
      cookie: await cookieOf(open.email),
    });
    expect(resumed.status).toBe(200);
    expect((JSON.parse(resumed.body) as { id: string }).id).toBe(open.attemptId);
    await restored.stop();
  });
});

/**
 * The exam day at size S (30 students, the load harness's simulated students, pace compressed)
 * against the real server, killed with SIGKILL three times in the middle of it and restarted on
 * the same data folder each time. The students ride through the outages as a browser would
 * (retry, reload the attempt, carry on above the stored seqs). Afterwards every acknowledged
 * save is in the database, every attempt resumed and was submitted exactly once, none was lost
 * and none was forked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFileIn } from '@coderprep/db';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_JOIN_CODE, findCpcAssignment } from '../../loadtest/demo';
import { runExamDay, studentsFor } from '../../loadtest/exam-day';
import { createAgent, type Target } from '../../loadtest/http';
import { killAllServers, type RunningServer, startServer } from '../../loadtest/server-process';
import { Recorder } from '../../loadtest/stats';
import type { StudentContext } from '../../loadtest/student';
import { createStudentAccounts } from '../../loadtest/students';
import { verifyAgainstDatabase } from '../../loadtest/verify';

const dataDir = mkdtempSync(join(tmpdir(), 'coderprep-crash-'));
const agent = createAgent();
afterAll(() => {
  agent.destroy();
  killAllServers();
  rmSync(dataDir, { recursive: true, force: true });
});

const STUDENTS = 30;
/** Kill when this share of the day's saves has been acknowledged. */
const KILL_AT = [0.2, 0.45, 0.7];

describe('SIGKILL in the middle of an exam day (size S)', () => {
  it('loses no acknowledged save, resumes every attempt, submits each exactly once', {
    timeout: 180_000,
  }, async () => {
    let server: RunningServer = await startServer({ dataDir, demo: true });
    const target: Target = { url: server.url };
    const assignmentId = await findCpcAssignment(target);
    const accounts = await createStudentAccounts(databaseFileIn(dataDir), STUDENTS, () =>
      crypto.randomUUID(),
    );

    // About 120 saves per student (100 answers, a fifth changed).
    const expectedSaves = STUDENTS * 120;
    let saves = 0;
    let submitted = 0;
    const kills: { atSaves: number; submitted: number; downMs: number }[] = [];
    let restarting: Promise<void> | null = null;
    const restart = async () => {
      const down = performance.now();
      const atSaves = saves;
      await server.kill();
      server = await startServer({ dataDir, demo: true, port: server.port });
      kills.push({ atSaves, submitted, downMs: Math.round(performance.now() - down) });
    };

    const ctx: StudentContext = {
      agent,
      target,
      recorder: new Recorder(),
      assignmentId,
      joinCode: DEMO_JOIN_CODE,
      outageToleranceMs: 60_000,
      onProgress: (event) => {
        if (event === 'submit') submitted++;
        if (event !== 'save') return;
        saves++;
        const due = KILL_AT[kills.length + (restarting ? 1 : 0)];
        if (restarting === null && due !== undefined && saves >= due * expectedSaves)
          restarting = restart().finally(() => {
            restarting = null;
          });
      },
    };

    const outcomes = await runExamDay(studentsFor(ctx, accounts), {
      pace: { rampMs: 5_000, thinkMs: 60, changeFraction: 0.2, flagFraction: 0.1 },
      deadlineMs: 150_000,
      seed: 3,
    });
    await restarting;
    await server.stop();

    expect(outcomes.filter((o) => o.failure !== null).map((o) => o.failure)).toEqual([]);
    expect(kills).toHaveLength(KILL_AT.length);
    for (const kill of kills) expect(kill.submitted).toBeLessThan(STUDENTS); // mid-load, not after it
    const ledgers = outcomes.flatMap((o) => o.student.attempts);
    expect(ledgers).toHaveLength(STUDENTS);

    const report = verifyAgainstDatabase(databaseFileIn(dataDir), ledgers, {
      submitted: true,
      userIds: accounts.map((a) => a.userId),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      attempts: STUDENTS,
      lostAnswers: 0,
      unknownAnswers: 0,
      lostAttempts: 0,
      notSubmitted: 0,
      submittedTwice: 0,
      unexpectedAttempts: 0,
      missingOnResume: 0,
    });
    expect(report.acknowledgedSaves).toBe(STUDENTS * 100);
    // The students did live through the outages: they reloaded their attempts afterwards.
    expect(report.resumes).toBeGreaterThanOrEqual(KILL_AT.length);
    expect(ctx.recorder.errorCount()).toBeGreaterThan(0);
  });
});
